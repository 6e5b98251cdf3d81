package io.closedloop.events.lead;

/** A step someone planned, or the check-back the handover of a lead creates for whoever handed it over. */
public enum StepKind {
    PLANNED, HANDOFF_CHECK
}
