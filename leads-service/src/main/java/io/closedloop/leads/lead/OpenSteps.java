package io.closedloop.leads.lead;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * What a lead's open plan steps mean to others: who may work on it because a step is theirs (access), and the
 * earliest step deadline, which {@link #changed} keeps on the lead for its next due date. Read once per transaction
 * and lead, in one query, however many rules ask; {@link #changed} forgets it when a step is added or settled. A lead
 * being taken in has none.
 */
@ApplicationScoped
public class OpenSteps {

    /** The open steps' assignees and earliest deadline. */
    public record Summary(Set<String> assignees, Instant earliestDue) {

        static final Summary NONE = new Summary(Set.of(), null);
    }

    private final LeadsInTransaction transaction;
    private final EntityManager entityManager;

    OpenSteps(LeadsInTransaction transaction, EntityManager entityManager) {
        this.transaction = transaction;
        this.entityManager = entityManager;
    }

    public Summary of(Lead lead) {
        if (transaction.isArriving(lead)) {
            return Summary.NONE;
        }
        return transaction.known().map(k -> k.openSteps.computeIfAbsent(lead.id, id -> read(lead))).orElseGet(() -> read(lead));
    }

    /**
     * A step of this lead was added, settled or reassigned in this transaction: what was read is forgotten, and the
     * lead's {@link Lead#stepsDueAt} is read again (the query sees the change), the one place it is kept.
     */
    public void changed(Lead lead) {
        transaction.known().ifPresent(k -> k.openSteps.remove(lead.id));
        lead.stepsDueAt = of(lead).earliestDue();
    }

    private Summary read(Lead lead) {
        // JPQL, not SQL: Hibernate flushes the steps this transaction created before the query runs.
        List<Object[]> rows = entityManager.createQuery("select s.assigneeId, s.dueAt from PlanStep s where s.leadId = ?1 "
                        + "and s.state = io.closedloop.leads.plan.PlanStep.State.OPEN", Object[].class)
                .setParameter(1, lead.id).getResultList();
        if (rows.isEmpty()) {
            return Summary.NONE;
        }
        Set<String> assignees = new HashSet<>();
        Instant earliest = null;
        for (Object[] row : rows) {
            if (row[0] != null) {
                assignees.add((String) row[0]);
            }
            Instant due = (Instant) row[1];
            if (due != null && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        return new Summary(Set.copyOf(assignees), earliest);
    }
}
