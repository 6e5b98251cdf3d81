package io.closedloop.events.lead;

/** How fast a lead must be worked: its SLA policy is chosen by source and priority. */
public enum Priority {
    NORMAL, HIGH
}
