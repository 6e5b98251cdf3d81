package io.closedloop.leads.plan;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.lead.StepCancelled;
import io.closedloop.events.lead.StepCompleted;
import io.closedloop.events.lead.StepCreated;
import io.closedloop.events.lead.StepKind;
import io.closedloop.leads.LeadsConfig;
import io.closedloop.leads.lead.History;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.lead.OpenSteps;
import io.closedloop.leads.people.Directory;
import io.closedloop.leads.people.Person;
import io.closedloop.leads.sla.SlaClocks;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** A lead's plan: follow-up steps with due times, done or cancelled, and reminded when overdue. */
@ApplicationScoped
public class PlanService {

    static final String TIMER = "lead-step-due";

    private final Outbox outbox;
    private final History history;
    private final Timers timers;
    private final SlaClocks clocks;
    private final OpenSteps openSteps;
    private final Directory directory;
    private final LeadsConfig config;
    private final Clock clock;

    PlanService(Outbox outbox, History history, Timers timers, SlaClocks clocks, OpenSteps openSteps,
                Directory directory, LeadsConfig config, Clock clock) {
        this.outbox = outbox;
        this.openSteps = openSteps;
        this.history = history;
        this.timers = timers;
        this.clocks = clocks;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PlanStep add(Lead lead, String by, StepKind kind, String title, Instant dueAt, String assigneeId, String note) {
        requireOpen(lead);
        Instant now = clock.instant();
        PlanStep step = new PlanStep();
        step.id = UUID.randomUUID();
        step.leadId = lead.id;
        step.kind = kind;
        step.title = title;
        step.note = note;
        step.dueAt = dueAt;
        step.assigneeId = assigneeId;
        step.state = PlanStep.State.OPEN;
        step.createdBy = by;
        step.createdAt = now;
        step.persist();
        openSteps.changed(lead);
        timers.schedule(TIMER, ref(step), dueAt, lead.id.toString());
        lead.updatedAt = now;
        clocks.recomputeNextDue(lead);
        history.record(lead.id, by, "step-created", null, "step", step.id, "title", title, "dueAt", dueAt,
                "assignee", assigneeId, "kind", kind);
        outbox.publish(EventCatalog.STEP_CREATED, lead.id.toString(),
                new StepCreated(lead.id, step.id, kind, title, dueAt, assigneeId, by, now));
        return step;
    }

    /** Whoever hands a lead over checks back, after a while, with the client and with the new owner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void createHandoffCheck(Lead lead, String handedOverBy, Person newOwner) {
        Instant due = directory.calendarOf(lead.teamId).plus(clock.instant(), config.handoffCheckAfter());
        add(lead, handedOverBy, StepKind.HANDOFF_CHECK,
                "Check with " + lead.customerName + " and with " + newOwner.name + " that the handover landed",
                due, handedOverBy, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PlanStep complete(Lead lead, UUID stepId, String by, String note) {
        PlanStep step = open(lead, stepId);
        Instant now = clock.instant();
        step.state = PlanStep.State.DONE;
        step.finishedBy = by;
        step.finishedAt = now;
        step.finishNote = note;
        openSteps.changed(lead);
        timers.cancel(ref(step), TIMER);
        boolean late = now.isAfter(step.dueAt);
        history.record(lead.id, by, "step-completed", null, "step", step.id, "late", late);
        outbox.publish(EventCatalog.STEP_COMPLETED, lead.id.toString(), new StepCompleted(lead.id, step.id, step.kind,
                step.assigneeId, by, step.dueAt, now, late));
        lead.updatedAt = now;
        if (step.kind == StepKind.PLANNED && by.equals(lead.ownerId)) {
            clocks.activity(lead, now);
        } else {
            clocks.recomputeNextDue(lead);
        }
        return step;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PlanStep cancel(Lead lead, UUID stepId, String by, String reason) {
        PlanStep step = open(lead, stepId);
        Instant now = clock.instant();
        step.state = PlanStep.State.CANCELLED;
        step.finishedBy = by;
        step.finishedAt = now;
        step.finishNote = reason;
        openSteps.changed(lead);
        timers.cancel(ref(step), TIMER);
        history.record(lead.id, by, "step-cancelled", reason, "step", step.id);
        outbox.publish(EventCatalog.STEP_CANCELLED, lead.id.toString(), new StepCancelled(lead.id, step.id, by, reason, now));
        lead.updatedAt = now;
        clocks.recomputeNextDue(lead);
        return step;
    }

    public PlanStep step(Lead lead, UUID stepId) {
        PlanStep step = PlanStep.findById(stepId, LockModeType.PESSIMISTIC_WRITE);
        if (step == null || !step.leadId.equals(lead.id)) {
            throw ProblemException.notFound("step", stepId);
        }
        return step;
    }

    public List<PlanStep> steps(Lead lead) {
        return PlanStep.list("leadId = ?1 order by dueAt, createdAt", lead.id);
    }

    public List<PlanStep> openSteps(Lead lead) {
        return PlanStep.list("leadId = ?1 and state = ?2 order by dueAt", lead.id, PlanStep.State.OPEN);
    }

    private PlanStep open(Lead lead, UUID stepId) {
        PlanStep step = step(lead, stepId);
        if (step.state != PlanStep.State.OPEN) {
            throw ProblemException.conflict("The step is already " + step.state.name().toLowerCase());
        }
        return step;
    }

    private static void requireOpen(Lead lead) {
        if (!lead.isOpen()) {
            throw ProblemException.conflict("The lead is closed (" + lead.status + ")");
        }
    }

    static String ref(PlanStep step) {
        return "step:" + step.id;
    }
}
