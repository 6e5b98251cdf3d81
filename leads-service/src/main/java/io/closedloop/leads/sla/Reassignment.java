package io.closedloop.leads.sla;

import java.time.Instant;

import io.closedloop.leads.lead.Lead;

/**
 * What the acknowledgment clock does at the end of its ladder: the owner did not acknowledge by the deadline, so the
 * lead goes to someone else or back to its queue. Assignment provides it; the clock, below assignment, only calls it.
 */
public interface Reassignment {

    void bounce(Lead lead, Instant dueAt);
}
