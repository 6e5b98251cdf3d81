package io.closedloop.leads.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;

import io.closedloop.events.lead.SlaClock;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.lead.LeadsInTransaction;
import io.closedloop.leads.people.Directory;
import io.closedloop.leads.settings.Settings;
import io.closedloop.platform.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Runs a lead's SLA clocks: the acknowledgment clock from each assignment, then the first-contact clock from the
 * acknowledgment, then the follow-up clock from each real activity. Each clock's ladder is a set of durable timers
 * (see {@link SlaTimerHandler}); starting a clock cancels the previous one's.
 */
@ApplicationScoped
public class SlaClocks {

    public static final String POLICIES = "sla-policies";
    static final String TIMER = "lead-sla";

    private final Timers timers;
    private final Settings settings;
    private final Directory directory;
    private final LeadsInTransaction leads;
    private final Clock clock;

    SlaClocks(Timers timers, Settings settings, Directory directory, LeadsInTransaction leads, Clock clock) {
        this.leads = leads;
        this.timers = timers;
        this.settings = settings;
        this.directory = directory;
        this.clock = clock;
    }

    public SlaPolicies policies() {
        return settings.read(POLICIES, SlaPolicies.class, SlaPolicies.DEFAULTS).value();
    }

    /** A new owner must acknowledge: the acknowledgment clock starts at the assignment. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assigned(Lead lead) {
        Deadlines.Plan plan = start(lead, SlaClock.ACKNOWLEDGE, lead.assignedAt);
        lead.ackDueAt = plan.deadline();
        recomputeNextDue(lead);
    }

    /** Acknowledged: first contact is due next, or, for a lead already contacted, the next follow-up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acknowledged(Lead lead) {
        if (lead.firstContactedAt == null) {
            lead.firstContactDueAt = start(lead, SlaClock.FIRST_CONTACT, lead.acknowledgedAt).deadline();
        } else {
            lead.followUpDueAt = start(lead, SlaClock.FOLLOW_UP, lead.acknowledgedAt).deadline();
        }
        recomputeNextDue(lead);
    }

    /** Real work with the customer happened: the follow-up clock starts again from it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void activity(Lead lead, Instant at) {
        if (lead.lastActivityAt == null || at.isAfter(lead.lastActivityAt)) {
            lead.lastActivityAt = at;
        }
        if (!lead.awaitsAcknowledgment()) {
            lead.followUpDueAt = start(lead, SlaClock.FOLLOW_UP, lead.lastActivityAt).deadline();
        }
        recomputeNextDue(lead);
    }

    /** Nobody owns the lead: no clock runs, and it is due at once for whoever manages the queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queued(Lead lead) {
        if (!leads.isArriving(lead)) {
            timers.cancel(ref(lead), TIMER);
        }
        lead.ackDueAt = null;
        lead.nextDueAt = clock.instant();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stopped(Lead lead) {
        timers.cancel(ref(lead), TIMER);
        lead.nextDueAt = null;
    }

    /**
     * The earliest pending deadline of the lead, its own clocks and its open steps ({@link Lead#stepsDueAt}, kept
     * as the steps change, so the steps themselves are not read here).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recomputeNextDue(Lead lead) {
        if (!lead.isOpen()) {
            lead.nextDueAt = null;
            return;
        }
        if (lead.ownerId == null) {
            lead.nextDueAt = lead.nextDueAt == null ? clock.instant() : lead.nextDueAt;
            return;
        }
        Instant clockDue;
        if (lead.awaitsAcknowledgment()) {
            clockDue = lead.ackDueAt;
        } else if (lead.firstContactedAt == null) {
            clockDue = lead.firstContactDueAt;
        } else {
            clockDue = lead.followUpDueAt;
        }
        Instant stepDue = lead.stepsDueAt;
        lead.nextDueAt = Stream.of(clockDue, stepDue).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
    }

    private Deadlines.Plan start(Lead lead, SlaClock slaClock, Instant from) {
        if (!leads.isArriving(lead)) {
            timers.cancel(ref(lead), TIMER);
        }
        SlaPolicy policy = policies().select(lead.source, lead.priority);
        lead.slaPolicyId = policy.id();
        Deadlines.Plan plan = Deadlines.plan(policy, directory.calendarOf(lead.teamId), slaClock, from);
        for (Deadlines.Step step : plan.steps()) {
            timers.schedule(TIMER, ref(lead), step.at(),
                    new SlaTimerHandler.Payload(slaClock, step.rung(), lead.ownerId, plan.deadline()).encode());
        }
        return plan;
    }

    static String ref(Lead lead) {
        return "lead:" + lead.id;
    }
}
