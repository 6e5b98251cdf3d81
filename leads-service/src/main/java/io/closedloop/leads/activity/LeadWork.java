package io.closedloop.leads.activity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.Money;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadQualified;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.leads.LeadsConfig;
import io.closedloop.leads.lead.History;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.lead.LeadLifecycle;
import io.closedloop.leads.lead.LeadRows;
import io.closedloop.leads.lead.StatusChanges;
import io.closedloop.leads.meeting.Meeting;
import io.closedloop.leads.meeting.MeetingService;
import io.closedloop.leads.plan.PlanService;
import io.closedloop.leads.plan.PlanStep;
import io.closedloop.leads.sla.SlaClocks;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.Problem;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Working a lead: the owner's acknowledgment, contact attempts, qualification and the outcome. */
@ApplicationScoped
public class LeadWork {

    /** How far in the future a reported contact time may lie (clock skew between a phone and the server). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "LeadResult", description = "How a lead ends")
    public enum Result { WON, LOST }

    private final SlaClocks clocks;
    private final PlanService plan;
    private final MeetingService meetings;
    private final Outbox outbox;
    private final History history;
    private final StatusChanges statuses;
    private final LeadRows rows;
    private final LeadsConfig config;
    private final Clock clock;

    LeadWork(SlaClocks clocks, PlanService plan, MeetingService meetings, Outbox outbox, History history,
             StatusChanges statuses, LeadRows rows, LeadsConfig config, Clock clock) {
        this.clocks = clocks;
        this.plan = plan;
        this.meetings = meetings;
        this.outbox = outbox;
        this.history = history;
        this.statuses = statuses;
        this.rows = rows;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Only the owner acknowledges a handoff; the speed of the receipt is measured against its deadline. The lead comes
     * read as a row ({@link LeadRows#lockedRead}) and goes back the same way: the busiest change of a lead, made
     * without Hibernate's session (BENCHMARKS.md, 2026-12-07).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Lead acknowledge(Lead lead, String by) {
        if (lead.ownerId == null || !lead.ownerId.equals(by)) {
            throw ProblemException.forbidden("Only the lead's owner acknowledges it");
        }
        if (lead.acknowledgedAt != null) {
            throw ProblemException.conflict("You acknowledged this lead at " + lead.acknowledgedAt);
        }
        Instant now = clock.instant();
        statuses.step(lead, LeadLifecycle.Step.ACKNOWLEDGE, by, now);
        lead.acknowledgedAt = now;
        lead.updatedAt = now;
        boolean late = lead.ackDueAt != null && now.isAfter(lead.ackDueAt);
        clocks.acknowledged(lead);
        history.record(lead.id, by, "acknowledged", null, "dueAt", lead.ackDueAt, "late", late);
        outbox.publish(EventCatalog.LEAD_ACKNOWLEDGED, lead.id.toString(), new LeadAcknowledged(lead.id, by,
                lead.teamId, lead.referrerId, lead.assignedAt, lead.ackDueAt, now, late));
        rows.update(lead);
        return lead;
    }

    /** A contact attempt; the first one of a lead is its first contact (speed to lead counts the attempt). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ContactAttempt attemptContact(Lead lead, String by, ContactChannel channel, Instant at, boolean reached,
                                         String note) {
        Instant now = clock.instant();
        Instant attemptedAt = at == null ? now : at;
        if (attemptedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalid("at", "must not be in the future");
        }
        if (attemptedAt.isBefore(lead.createdAt)) {
            throw ProblemException.invalid("at", "must not be before the lead came in (" + lead.createdAt + ")");
        }
        statuses.step(lead, reached ? LeadLifecycle.Step.CONTACT_REACHED : LeadLifecycle.Step.CONTACT_NOT_REACHED, by, now);
        ContactAttempt attempt = new ContactAttempt();
        attempt.id = UUID.randomUUID();
        attempt.leadId = lead.id;
        attempt.ownerId = lead.ownerId;
        attempt.channel = channel;
        attempt.attemptedAt = attemptedAt;
        attempt.reached = reached;
        attempt.note = note;
        attempt.recordedBy = by;
        attempt.recordedAt = now;
        attempt.persist();
        boolean first = lead.firstContactedAt == null;
        if (first) {
            lead.firstContactedAt = attemptedAt;
        }
        lead.updatedAt = now;
        clocks.activity(lead, attemptedAt);
        history.record(lead.id, by, "contact-attempted", null, "attempt", attempt.id, "channel", channel,
                "at", attemptedAt, "reached", reached, "first", first);
        outbox.publish(EventCatalog.CONTACT_ATTEMPTED, lead.id.toString(), new ContactAttempted(lead.id, attempt.id,
                lead.ownerId, lead.teamId, lead.customerRef, channel, attemptedAt, reached, first,
                lead.firstContactDueAt, now, by));
        return attempt;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Lead qualify(Lead lead, String by, String note) {
        Instant now = clock.instant();
        statuses.step(lead, LeadLifecycle.Step.QUALIFY, by, now);
        lead.qualifiedAt = now;
        lead.updatedAt = now;
        history.record(lead.id, by, "qualified", note);
        outbox.publish(EventCatalog.LEAD_QUALIFIED, lead.id.toString(),
                new LeadQualified(lead.id, lead.ownerId, lead.referrerId, by, now));
        return lead;
    }

    /**
     * Ends the lead won (with its value) or lost (with a reason from the configured list). The plan must be settled
     * first: every step done or cancelled, every meeting's result recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Lead close(Lead lead, String by, Result result, BigDecimal amount, String currency, String lossReason,
                      String note) {
        List<PlanStep> openSteps = plan.openSteps(lead);
        List<Meeting> pendingMeetings = meetings.scheduled(lead);
        if (!openSteps.isEmpty() || !pendingMeetings.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "Settle the plan before closing the lead: "
                            + openSteps.size() + " open step(s), " + pendingMeetings.size() + " meeting(s) without a result")
                    .with("openSteps", openSteps.stream().map(s -> "/leads/" + lead.id + "/plan/steps/" + s.id).toList())
                    .with("meetingsWithoutResult", pendingMeetings.stream().map(m -> "/leads/" + lead.id + "/meetings/" + m.id).toList()));
        }
        if (result == Result.WON && (amount == null || currency == null)) {
            throw ProblemException.invalid("value", "is required when the lead is won");
        }
        if (result == Result.LOST && (lossReason == null || !config.lossReasons().contains(lossReason))) {
            throw ProblemException.invalid("lossReason", "must be one of " + String.join(", ", config.lossReasons()));
        }
        Instant now = clock.instant();
        statuses.step(lead, result == Result.WON ? LeadLifecycle.Step.WIN : LeadLifecycle.Step.LOSE, by, now);
        lead.closedAt = now;
        lead.closedBy = by;
        lead.outcomeNote = note;
        lead.updatedAt = now;
        clocks.stopped(lead);
        if (result == Result.WON) {
            lead.outcomeValue = amount;
            lead.outcomeCurrency = currency;
            history.record(lead.id, by, "won", note, "value", amount, "currency", currency);
            outbox.publish(EventCatalog.LEAD_WON, lead.id.toString(), new LeadWon(lead.id, lead.ownerId, lead.teamId,
                    lead.referrerId, lead.customerRef, lead.source, new Money(amount, currency), lead.createdAt, by, now));
        } else {
            lead.lossReason = lossReason;
            history.record(lead.id, by, "lost", note, "reason", lossReason);
            outbox.publish(EventCatalog.LEAD_LOST, lead.id.toString(), new LeadLost(lead.id, lead.ownerId, lead.teamId,
                    lead.referrerId, lead.customerRef, lead.source, lossReason, lead.createdAt, by, now));
        }
        return lead;
    }
}
