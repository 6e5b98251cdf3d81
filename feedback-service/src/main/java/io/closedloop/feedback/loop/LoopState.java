package io.closedloop.feedback.loop;

/** OPEN until the outcome reaches the initiator (CLOSED), then CONFIRMED once the initiator acknowledges it. */
public enum LoopState {
    OPEN, CLOSED, CONFIRMED
}
