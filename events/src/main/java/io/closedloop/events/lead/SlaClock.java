package io.closedloop.events.lead;

/** The clocks a lead runs against: time to acknowledge a handoff, to first contact, and between follow-ups. */
public enum SlaClock {
    ACKNOWLEDGE, FIRST_CONTACT, FOLLOW_UP
}
