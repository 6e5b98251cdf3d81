package io.closedloop.events.loop;

/** What an echo tells the initiator: that the work landed, how it goes, or how it ended. */
public enum EchoKind {
    RECEIPT, PROGRESS, OUTCOME
}
