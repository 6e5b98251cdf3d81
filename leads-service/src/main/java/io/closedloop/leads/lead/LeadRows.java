package io.closedloop.leads.lead;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.LeadStatus;
import io.closedloop.events.lead.Priority;
import io.closedloop.platform.tx.EntityRows;
import io.closedloop.platform.tx.EntityRows.Field;
import io.closedloop.platform.tx.TransactionWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The lead as a row, on the two busiest paths, with the rest of their transaction's derived rows (history, outbox,
 * timers) in the one statement {@link TransactionWrites} sends before the commit: a lead being taken in is written
 * once, its first state, once routed — never an insert followed by an update; a lead being acknowledged is read and
 * locked, then the columns it changed written back. Every column of {@link Lead} is here: {@code LeadRowsTest} fails
 * when the entity gains one this class does not write, and {@code AcknowledgmentRowTest} when one does not come back as
 * it was.
 */
@ApplicationScoped
public class LeadRows {

    private static final List<Field<Lead>> FIELDS = List.of(
            Field.of("id", "uuid", l -> l.id,
                    (l, v) -> l.id = (UUID) v),
            Field.of("version", "bigint", l -> l.version,
                    (l, v) -> l.version = (Long) v),
            Field.of("status", "text", l -> l.status,
                    (l, v) -> l.status = LeadStatus.valueOf((String) v)),
            Field.of("source", "text", l -> l.source,
                    (l, v) -> l.source = LeadSource.valueOf((String) v)),
            Field.of("referrer_id", "text", l -> l.referrerId,
                    (l, v) -> l.referrerId = (String) v),
            Field.of("customer_name", "text", l -> l.customerName,
                    (l, v) -> l.customerName = (String) v),
            Field.of("organisation", "text", l -> l.organisation,
                    (l, v) -> l.organisation = (String) v),
            Field.of("email", "text", l -> l.email,
                    (l, v) -> l.email = (String) v),
            Field.of("phone", "text", l -> l.phone,
                    (l, v) -> l.phone = (String) v),
            Field.of("customer_ref", "text", l -> l.customerRef,
                    (l, v) -> l.customerRef = (String) v),
            Field.of("product", "text", l -> l.product,
                    (l, v) -> l.product = (String) v),
            Field.of("estimated_value", "numeric", l -> l.estimatedValue,
                    (l, v) -> l.estimatedValue = (BigDecimal) v),
            Field.of("currency", "bpchar", l -> l.currency,
                    (l, v) -> l.currency = (String) v),
            Field.of("territory", "text", l -> l.territory,
                    (l, v) -> l.territory = (String) v),
            Field.of("urgency_statement", "text", l -> l.urgencyStatement,
                    (l, v) -> l.urgencyStatement = (String) v),
            Field.of("urgency_demanded_by", "timestamptz", l -> l.urgencyDemandedBy,
                    (l, v) -> l.urgencyDemandedBy = (Instant) v),
            Field.of("team_id", "text", l -> l.teamId,
                    (l, v) -> l.teamId = (String) v),
            Field.of("owner_id", "text", l -> l.ownerId,
                    (l, v) -> l.ownerId = (String) v),
            Field.of("priority", "text", l -> l.priority,
                    (l, v) -> l.priority = Priority.valueOf((String) v)),
            Field.of("phone_key", "text", l -> l.phoneKey,
                    (l, v) -> l.phoneKey = (String) v),
            Field.of("sla_policy_id", "text", l -> l.slaPolicyId,
                    (l, v) -> l.slaPolicyId = (String) v),
            Field.of("assigned_at", "timestamptz", l -> l.assignedAt,
                    (l, v) -> l.assignedAt = (Instant) v),
            Field.of("assigned_by", "text", l -> l.assignedBy,
                    (l, v) -> l.assignedBy = (String) v),
            Field.of("ack_due_at", "timestamptz", l -> l.ackDueAt,
                    (l, v) -> l.ackDueAt = (Instant) v),
            Field.of("acknowledged_at", "timestamptz", l -> l.acknowledgedAt,
                    (l, v) -> l.acknowledgedAt = (Instant) v),
            Field.of("first_contact_due_at", "timestamptz", l -> l.firstContactDueAt,
                    (l, v) -> l.firstContactDueAt = (Instant) v),
            Field.of("first_contacted_at", "timestamptz", l -> l.firstContactedAt,
                    (l, v) -> l.firstContactedAt = (Instant) v),
            Field.of("follow_up_due_at", "timestamptz", l -> l.followUpDueAt,
                    (l, v) -> l.followUpDueAt = (Instant) v),
            Field.of("last_activity_at", "timestamptz", l -> l.lastActivityAt,
                    (l, v) -> l.lastActivityAt = (Instant) v),
            Field.of("steps_due_at", "timestamptz", l -> l.stepsDueAt,
                    (l, v) -> l.stepsDueAt = (Instant) v),
            Field.of("next_due_at", "timestamptz", l -> l.nextDueAt,
                    (l, v) -> l.nextDueAt = (Instant) v),
            Field.of("qualified_at", "timestamptz", l -> l.qualifiedAt,
                    (l, v) -> l.qualifiedAt = (Instant) v),
            Field.of("outcome_value", "numeric", l -> l.outcomeValue,
                    (l, v) -> l.outcomeValue = (BigDecimal) v),
            Field.of("outcome_currency", "bpchar", l -> l.outcomeCurrency,
                    (l, v) -> l.outcomeCurrency = (String) v),
            Field.of("loss_reason", "text", l -> l.lossReason,
                    (l, v) -> l.lossReason = (String) v),
            Field.of("outcome_note", "text", l -> l.outcomeNote,
                    (l, v) -> l.outcomeNote = (String) v),
            Field.of("closed_at", "timestamptz", l -> l.closedAt,
                    (l, v) -> l.closedAt = (Instant) v),
            Field.of("closed_by", "text", l -> l.closedBy,
                    (l, v) -> l.closedBy = (String) v),
            Field.of("created_by", "text", l -> l.createdBy,
                    (l, v) -> l.createdBy = (String) v),
            Field.of("created_at", "timestamptz", l -> l.createdAt,
                    (l, v) -> l.createdAt = (Instant) v),
            Field.of("updated_at", "timestamptz", l -> l.updatedAt,
                    (l, v) -> l.updatedAt = (Instant) v));

    static final EntityRows<Lead> ROWS = new EntityRows<>("lead", Lead.class, Lead::new, FIELDS);

    static final TransactionWrites.Table TABLE = ROWS.table();

    private static final String LOCKED_READ = "SELECT " + ROWS.columns() + " FROM lead WHERE id = ? FOR NO KEY UPDATE";

    private final TransactionWrites writes;
    private final LeadsInTransaction transaction;
    private final AgroalDataSource dataSource;

    LeadRows(TransactionWrites writes, LeadsInTransaction transaction, AgroalDataSource dataSource) {
        this.writes = writes;
        this.transaction = transaction;
        this.dataSource = dataSource;
    }

    /**
     * The lead's row, locked for the rest of the transaction as Hibernate's pessimistic lock would, or null: for a hot
     * path that changes it and writes it back with {@link #update}. The lead is not Hibernate's (nothing the session
     * does sees or flushes it), which spares the path the session's snapshot, dirty check and its own update — and a
     * round trip: the update travels in {@link TransactionWrites}' one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Lead lockedRead(UUID id) {
        // The transaction's own connection, as TransactionWrites takes it.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LOCKED_READ)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Lead lead = ROWS.read(row);
                transaction.known().ifPresent(k -> k.readAs.put(lead.id, ROWS.values(lead)));
                return lead;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Lead " + id + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes back, before the commit, a lead read with {@link #lockedRead} and changed: the columns that changed, its
     * version one up (Hibernate's own updates of the lead elsewhere compare it). Never for a lead Hibernate manages,
     * whose changes the session writes itself.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Lead lead) {
        if (transaction.isArriving(lead)) {
            throw new IllegalStateException("A lead being taken in is written whole by write()");
        }
        lead.version++;
        writes.change(TABLE, transaction.known().map(k -> k.readAs.get(lead.id)).orElse(null), ROWS.values(lead));
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
        writes.insert(TABLE, ROWS.values(lead));
    }
}
