package io.closedloop.events.lead;

public enum MeetingEndReason {
    CANCELLED_BY_CLIENT, RESCHEDULED
}
