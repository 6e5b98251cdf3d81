package io.closedloop.leads.lead;

import java.time.Instant;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.lead.LeadStatus;
import io.closedloop.events.lead.LeadStatusChanged;
import io.closedloop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The one way a lead's status changes after intake: by a lifecycle step (or a queueing reset), announced as a
 * {@link LeadStatusChanged} in the same transaction, so readers elsewhere (reporting's views above all) follow every
 * status the lead passes through instead of guessing it from the other events.
 */
@ApplicationScoped
public class StatusChanges {

    private final Outbox outbox;

    StatusChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Moves the lead by a lifecycle step; 409 (via {@link LeadLifecycle.IllegalTransition}) when the step is illegal. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void step(Lead lead, LeadLifecycle.Step step, String by, Instant at) {
        moveTo(lead, LeadLifecycle.next(lead.status, step), by, at);
    }

    /** Sets the status outright (a lead back in its queue starts over as NEW); announced when it changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveTo(Lead lead, LeadStatus to, String by, Instant at) {
        LeadStatus from = lead.status;
        lead.status = to;
        if (from != to) {
            outbox.publish(EventCatalog.LEAD_STATUS_CHANGED, lead.id.toString(), new LeadStatusChanged(lead.id, from, to,
                    lead.ownerId, lead.teamId, lead.referrerId, by, at));
        }
    }
}
