package io.closedloop.feedback.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.events.loop.LoopOpened;
import io.closedloop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Opens loops back to whoever handed work over. */
@ApplicationScoped
public class LoopOpening {

    private static final Duration REFERRAL_RECEIPT = Duration.ofHours(1);

    private final Outbox outbox;
    private final Clock clock;

    LoopOpening(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A referral opens a loop to its referrer; a lead without a referrer has nobody to echo to. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onLeadReceived(LeadReceived lead) {
        if (lead.referrerId() == null) {
            return;
        }
        Instant now = clock.instant();
        Loop loop = new Loop();
        loop.id = UUID.randomUUID();
        loop.kind = LoopKind.REFERRAL;
        loop.state = LoopState.OPEN;
        loop.initiatorId = lead.referrerId();
        loop.subject = "Referral of " + lead.customerName();
        loop.leadId = lead.leadId();
        loop.openedAt = now;
        loop.receiptDueAt = lead.receivedAt().plus(REFERRAL_RECEIPT);
        loop.persist();
        outbox.publish(EventCatalog.LOOP_OPENED, loop.id.toString(), new LoopOpened(loop.id, loop.kind,
                loop.initiatorId, loop.ownerId, loop.subject, loop.leadId, loop.openedAt, loop.receiptDueAt));
    }
}
