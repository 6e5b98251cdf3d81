package io.closedloop.events.loop;

/** Derived from the lead's events (so the initiator hears even when the owner forgets), or written by the owner. */
public enum EchoSource {
    AUTOMATIC, PERSONAL
}
