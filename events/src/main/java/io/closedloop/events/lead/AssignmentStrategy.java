package io.closedloop.events.lead;

/** How an owner was chosen: by a person, by a rule's rotation or load, or by an SLA bounce. */
public enum AssignmentStrategy {
    MANUAL, ROUND_ROBIN, LEAST_LOADED, SLA_REASSIGNMENT
}
