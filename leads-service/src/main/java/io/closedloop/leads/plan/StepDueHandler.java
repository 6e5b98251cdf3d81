package io.closedloop.leads.plan;

import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.lead.StepOverdue;
import io.closedloop.leads.lead.History;
import io.closedloop.leads.lead.Lead;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.timer.DueTimer;
import io.closedloop.platform.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** A step passed its due time undone: its assignee is reminded. */
@ApplicationScoped
public class StepDueHandler implements TimerHandler {

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final History history;

    StepDueHandler(EntityManager entityManager, Outbox outbox, History history) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.history = history;
    }

    @Override
    public String kind() {
        return PlanService.TIMER;
    }

    @Override
    public void fire(DueTimer timer) {
        UUID leadId = UUID.fromString(timer.payload());
        Lead lead = entityManager.find(Lead.class, leadId, LockModeType.PESSIMISTIC_WRITE);
        PlanStep step = entityManager.find(PlanStep.class, UUID.fromString(timer.ref().substring("step:".length())));
        if (lead == null || step == null || step.state != PlanStep.State.OPEN || !lead.isOpen()) {
            return;
        }
        history.record(lead.id, History.SYSTEM, "step-overdue", null, "step", step.id, "assignee", step.assigneeId);
        outbox.publish(EventCatalog.STEP_OVERDUE, lead.id.toString(),
                new StepOverdue(lead.id, step.id, step.assigneeId, step.title, step.dueAt));
    }
}
