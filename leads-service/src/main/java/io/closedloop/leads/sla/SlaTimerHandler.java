package io.closedloop.leads.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.lead.SlaClock;
import io.closedloop.events.lead.SlaEscalated;
import io.closedloop.events.lead.SlaReminded;
import io.closedloop.leads.lead.History;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.people.Directory;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.timer.DueTimer;
import io.closedloop.platform.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * A rung of an SLA ladder came due: remind the owner, tell their manager, or bounce the lead. Only if the deadline
 * it was set for is still the lead's live one, for the same owner; otherwise the lead moved on and nothing happens.
 */
@ApplicationScoped
public class SlaTimerHandler implements TimerHandler {

    /** What a ladder timer carries: which clock, which rung, whose deadline. */
    record Payload(SlaClock clock, Deadlines.Rung rung, String ownerId, Instant dueAt) {

        String encode() {
            return clock + "|" + rung + "|" + ownerId + "|" + dueAt;
        }

        static Payload decode(String text) {
            String[] parts = text.split("\\|", -1);
            return new Payload(SlaClock.valueOf(parts[0]), Deadlines.Rung.valueOf(parts[1]), parts[2], Instant.parse(parts[3]));
        }
    }

    private final EntityManager entityManager;
    private final Reassignment assignment;
    private final Directory directory;
    private final Outbox outbox;
    private final History history;
    private final Clock clock;

    SlaTimerHandler(EntityManager entityManager, Reassignment assignment, Directory directory, Outbox outbox,
                    History history, Clock clock) {
        this.entityManager = entityManager;
        this.assignment = assignment;
        this.directory = directory;
        this.outbox = outbox;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return SlaClocks.TIMER;
    }

    @Override
    public void fire(DueTimer timer) {
        Payload p = Payload.decode(timer.payload());
        Lead lead = entityManager.find(Lead.class, UUID.fromString(timer.ref().substring("lead:".length())),
                LockModeType.PESSIMISTIC_WRITE);
        if (lead == null || !lead.isOpen() || !Objects.equals(lead.ownerId, p.ownerId())
                || !p.dueAt().equals(liveDeadline(lead, p.clock()))) {
            return;
        }
        Instant now = clock.instant();
        switch (p.rung()) {
            case REMIND -> {
                history.record(lead.id, History.SYSTEM, "sla-reminded", null, "clock", p.clock(),
                        "owner", p.ownerId(), "dueAt", p.dueAt());
                outbox.publish(EventCatalog.SLA_REMINDED, lead.id.toString(),
                        new SlaReminded(lead.id, p.clock(), p.ownerId(), lead.teamId, p.dueAt(), now));
            }
            case ESCALATE -> {
                String manager = directory.managerOf(p.ownerId(), lead.teamId);
                history.record(lead.id, History.SYSTEM, "sla-escalated", null, "clock", p.clock(),
                        "owner", p.ownerId(), "manager", manager, "dueAt", p.dueAt());
                outbox.publish(EventCatalog.SLA_ESCALATED, lead.id.toString(), new SlaEscalated(lead.id, p.clock(),
                        p.ownerId(), manager, lead.teamId, lead.referrerId, p.dueAt(), now));
            }
            case REASSIGN -> assignment.bounce(lead, p.dueAt());
        }
    }

    private static Instant liveDeadline(Lead lead, SlaClock clock) {
        return switch (clock) {
            case ACKNOWLEDGE -> lead.awaitsAcknowledgment() ? lead.ackDueAt : null;
            case FIRST_CONTACT -> lead.acknowledgedAt != null && lead.firstContactedAt == null ? lead.firstContactDueAt : null;
            case FOLLOW_UP -> lead.acknowledgedAt != null && lead.firstContactedAt != null ? lead.followUpDueAt : null;
        };
    }
}
