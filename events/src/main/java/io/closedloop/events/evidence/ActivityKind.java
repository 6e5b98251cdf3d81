package io.closedloop.events.evidence;

/** A kind of work a person does: calls, visits and meetings are claimed and verified; echoes and outcomes are verified. */
public enum ActivityKind {
    CALL, VISIT, MEETING, ECHO, OUTCOME
}
