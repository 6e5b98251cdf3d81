package io.closedloop.feedback.loop;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.loop.LoopKind;
import io.closedloop.platform.tx.EntityRows;
import io.closedloop.platform.tx.EntityRows.Field;

/**
 * Every column of {@link Loop}, for the consumer of lead events, which reads a batch's loops with plain SQL and
 * writes back those it changed in the statement {@code TransactionWrites} sends before the commit. {@code
 * LoopRowsTest} fails when the entity gains a column this list does not name.
 */
public final class LoopRows {

    private static final List<Field<Loop>> FIELDS = List.of(
            Field.of("id", "uuid", l -> l.id, (l, v) -> l.id = (UUID) v),
            Field.of("version", "bigint", l -> l.version, (l, v) -> l.version = (Long) v),
            Field.of("kind", "text", l -> l.kind, (l, v) -> l.kind = LoopKind.valueOf((String) v)),
            Field.of("state", "text", l -> l.state, (l, v) -> l.state = LoopState.valueOf((String) v)),
            Field.of("initiator_id", "text", l -> l.initiatorId, (l, v) -> l.initiatorId = (String) v),
            Field.of("owner_id", "text", l -> l.ownerId, (l, v) -> l.ownerId = (String) v),
            Field.of("team_id", "text", l -> l.teamId, (l, v) -> l.teamId = (String) v),
            Field.of("subject", "text", l -> l.subject, (l, v) -> l.subject = (String) v),
            Field.of("lead_id", "uuid", l -> l.leadId, (l, v) -> l.leadId = (UUID) v),
            Field.of("customer_ref", "text", l -> l.customerRef, (l, v) -> l.customerRef = (String) v),
            Field.of("opened_by", "text", l -> l.openedBy, (l, v) -> l.openedBy = (String) v),
            Field.of("opened_at", "timestamptz", l -> l.openedAt, (l, v) -> l.openedAt = (Instant) v),
            Field.of("receipt_due_at", "timestamptz", l -> l.receiptDueAt, (l, v) -> l.receiptDueAt = (Instant) v),
            Field.of("receipt_at", "timestamptz", l -> l.receiptAt, (l, v) -> l.receiptAt = (Instant) v),
            Field.of("progress_due_at", "timestamptz", l -> l.progressDueAt, (l, v) -> l.progressDueAt = (Instant) v),
            Field.of("last_progress_at", "timestamptz", l -> l.lastProgressAt, (l, v) -> l.lastProgressAt = (Instant) v),
            Field.of("outcome_due_at", "timestamptz", l -> l.outcomeDueAt, (l, v) -> l.outcomeDueAt = (Instant) v),
            Field.of("next_due_at", "timestamptz", l -> l.nextDueAt, (l, v) -> l.nextDueAt = (Instant) v),
            Field.of("outcome", "text", l -> l.outcome, (l, v) -> l.outcome = (String) v),
            Field.of("closed_at", "timestamptz", l -> l.closedAt, (l, v) -> l.closedAt = (Instant) v),
            Field.of("confirmed_at", "timestamptz", l -> l.confirmedAt, (l, v) -> l.confirmedAt = (Instant) v),
            Field.of("echoes", "integer", l -> l.echoes, (l, v) -> l.echoes = (Integer) v),
            Field.of("late_echoes", "integer", l -> l.lateEchoes, (l, v) -> l.lateEchoes = (Integer) v));

    public static final EntityRows<Loop> ROWS = new EntityRows<>("loop", Loop.class, Loop::new, FIELDS);

    private LoopRows() {
    }
}
