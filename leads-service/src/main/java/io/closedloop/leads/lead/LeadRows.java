package io.closedloop.leads.lead;

import java.util.List;
import java.util.function.Function;

import io.closedloop.platform.tx.TransactionWrites;
import io.closedloop.platform.tx.TransactionWrites.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Writes a lead being taken in as one row, with the rest of its transaction's derived rows (history, outbox, timers)
 * in the one statement {@link TransactionWrites} sends before the commit — its first state, once routed, never an
 * insert followed by an update. Every column of {@link Lead} is here: {@code LeadRowsTest} fails when the entity gains
 * one this class does not write.
 */
@ApplicationScoped
public class LeadRows {

    record Field(Column column, Function<Lead, Object> value) {

        static Field of(String name, String type, Function<Lead, Object> value) {
            return new Field(Column.of(name, type), value);
        }
    }

    static final List<Field> FIELDS = List.of(
            Field.of("id", "uuid", l -> l.id),
            Field.of("version", "bigint", l -> l.version),
            Field.of("status", "text", l -> l.status),
            Field.of("source", "text", l -> l.source),
            Field.of("referrer_id", "text", l -> l.referrerId),
            Field.of("customer_name", "text", l -> l.customerName),
            Field.of("organisation", "text", l -> l.organisation),
            Field.of("email", "text", l -> l.email),
            Field.of("phone", "text", l -> l.phone),
            Field.of("customer_ref", "text", l -> l.customerRef),
            Field.of("product", "text", l -> l.product),
            Field.of("estimated_value", "numeric", l -> l.estimatedValue),
            Field.of("currency", "bpchar", l -> l.currency),
            Field.of("territory", "text", l -> l.territory),
            Field.of("urgency_statement", "text", l -> l.urgencyStatement),
            Field.of("urgency_demanded_by", "timestamptz", l -> l.urgencyDemandedBy),
            Field.of("team_id", "text", l -> l.teamId),
            Field.of("owner_id", "text", l -> l.ownerId),
            Field.of("priority", "text", l -> l.priority),
            Field.of("phone_key", "text", l -> l.phoneKey),
            Field.of("sla_policy_id", "text", l -> l.slaPolicyId),
            Field.of("assigned_at", "timestamptz", l -> l.assignedAt),
            Field.of("assigned_by", "text", l -> l.assignedBy),
            Field.of("ack_due_at", "timestamptz", l -> l.ackDueAt),
            Field.of("acknowledged_at", "timestamptz", l -> l.acknowledgedAt),
            Field.of("first_contact_due_at", "timestamptz", l -> l.firstContactDueAt),
            Field.of("first_contacted_at", "timestamptz", l -> l.firstContactedAt),
            Field.of("follow_up_due_at", "timestamptz", l -> l.followUpDueAt),
            Field.of("last_activity_at", "timestamptz", l -> l.lastActivityAt),
            Field.of("steps_due_at", "timestamptz", l -> l.stepsDueAt),
            Field.of("next_due_at", "timestamptz", l -> l.nextDueAt),
            Field.of("qualified_at", "timestamptz", l -> l.qualifiedAt),
            Field.of("outcome_value", "numeric", l -> l.outcomeValue),
            Field.of("outcome_currency", "bpchar", l -> l.outcomeCurrency),
            Field.of("loss_reason", "text", l -> l.lossReason),
            Field.of("outcome_note", "text", l -> l.outcomeNote),
            Field.of("closed_at", "timestamptz", l -> l.closedAt),
            Field.of("closed_by", "text", l -> l.closedBy),
            Field.of("created_by", "text", l -> l.createdBy),
            Field.of("created_at", "timestamptz", l -> l.createdAt),
            Field.of("updated_at", "timestamptz", l -> l.updatedAt));

    static final TransactionWrites.Table TABLE = new TransactionWrites.Table("lead",
            FIELDS.stream().map(Field::column).toList());

    private final TransactionWrites writes;
    private final LeadsInTransaction transaction;

    LeadRows(TransactionWrites writes, LeadsInTransaction transaction) {
        this.writes = writes;
        this.transaction = transaction;
    }

    /**
     * The lead, not yet in the database, is being taken in: until the commit nothing looks it up (it is marked
     * {@linkplain LeadsInTransaction#isArriving arriving}), and its row is written as it is then.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void arriving(Lead lead) {
        transaction.known().orElseThrow().arriving.add(lead.id);
    }

    /** Its row as the lead now is, written before the commit. Call once every change of the intake is made. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(Lead lead) {
        if (!transaction.isArriving(lead)) {
            throw new IllegalStateException("Only a lead being taken in is written as a new row");
        }
        writes.insert(TABLE, FIELDS.stream().map(f -> f.value().apply(lead)).toArray());
    }
}
