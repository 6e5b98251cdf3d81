package io.closedloop.feedback.satisfaction;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.satisfaction.SatisfactionRecorded;
import io.closedloop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Records satisfaction per customer contact, over time. */
@ApplicationScoped
public class SatisfactionLog {

    private final Outbox outbox;
    private final Clock clock;

    SatisfactionLog(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Satisfaction record(String customerRef, int score, String comment, UUID complaintId, UUID leadId,
                               String ownerId, String teamId, String by) {
        Instant now = clock.instant();
        Satisfaction s = new Satisfaction();
        s.id = UUID.randomUUID();
        s.customerRef = customerRef;
        s.score = score;
        s.comment = comment;
        s.complaintId = complaintId;
        s.leadId = leadId;
        s.ownerId = ownerId;
        s.recordedBy = by;
        s.recordedAt = now;
        s.persist();
        outbox.publish(EventCatalog.SATISFACTION_RECORDED, customerRef, new SatisfactionRecorded(s.id, customerRef,
                score, complaintId, leadId, ownerId, teamId, by, now));
        return s;
    }
}
