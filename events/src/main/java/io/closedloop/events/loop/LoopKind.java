package io.closedloop.events.loop;

/** What opened a loop: a referral (initiator = referrer), a handoff between owners, or an explicit instruction. */
public enum LoopKind {
    REFERRAL, HANDOFF, INSTRUCTION
}
