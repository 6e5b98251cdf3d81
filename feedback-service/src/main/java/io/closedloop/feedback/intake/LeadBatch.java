package io.closedloop.feedback.intake;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.loop.Loop;
import io.closedloop.feedback.loop.LoopRows;
import io.closedloop.platform.tx.EntityRows;
import io.closedloop.platform.tx.TransactionWrites;

/**
 * What a batch of lead events works on, read up front in one round trip: the tracked leads it names and their open and
 * referral loops, locked. The events then apply in memory, in order, and {@link #writeChanges} hands back what they
 * changed as rows of the one statement {@link TransactionWrites} sends before the commit. The rows read are not
 * Hibernate's: the session neither snapshots nor dirty-checks them, and they cost no update statement of their own.
 * Loops the batch opens are new entities the session inserts.
 */
final class LeadBatch {

    // Open loops and referral loops (a referral opens one loop, once) are what the events need; both conditions
    // match a partial index on lead_id, which a bare lead_id condition would not (a scan of every loop).
    static final String LOOPS_OF_LEADS = "SELECT " + LoopRows.ROWS.columns() + " FROM loop WHERE lead_id = ANY (?)"
            + " AND (state = 'OPEN' OR kind = 'REFERRAL') ORDER BY opened_at, id FOR UPDATE";
    private static final String READ = "SELECT " + TrackedLeadRows.ROWS.columns()
            + " FROM tracked_lead WHERE id = ANY (?);\n" + LOOPS_OF_LEADS;

    private final Map<UUID, TrackedLead> leads = new HashMap<>();
    private final Map<UUID, List<Loop>> loops = new HashMap<>();
    /** Each row as it was read, by entity: only those the events changed are written back. */
    private final Map<Object, Object[]> asRead = new IdentityHashMap<>();
    private final List<TrackedLead> created = new ArrayList<>();

    private LeadBatch() {
    }

    /** Reads the leads of {@code leadIds} and their open and referral loops, which it locks until the batch commits. */
    static LeadBatch load(AgroalDataSource dataSource, Collection<UUID> leadIds) {
        LeadBatch batch = new LeadBatch();
        if (leadIds.isEmpty()) {
            return batch;
        }
        // The transaction's own connection, as TransactionWrites takes it; both selects travel in one round trip.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(READ)) {
            Array ids = connection.createArrayOf("uuid", leadIds.toArray());
            read.setArray(1, ids);
            read.setArray(2, ids);
            read.execute();
            try (ResultSet rows = read.getResultSet()) {
                while (rows.next()) {
                    TrackedLead lead = batch.asRead(TrackedLeadRows.ROWS, rows);
                    batch.leads.put(lead.id, lead);
                }
            }
            if (!read.getMoreResults()) {
                throw new IllegalStateException("The loops' select returned no result");
            }
            try (ResultSet rows = read.getResultSet()) {
                while (rows.next()) {
                    Loop loop = batch.asRead(LoopRows.ROWS, rows);
                    batch.loops.computeIfAbsent(loop.leadId, id -> new ArrayList<>()).add(loop);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The batch's leads and loops could not be read: " + e.getMessage(), e);
        }
        return batch;
    }

    private <T> T asRead(EntityRows<T> rows, ResultSet row) throws SQLException {
        T entity = rows.read(row);
        asRead.put(entity, rows.values(entity));
        return entity;
    }

    /** The lead as known so far, or null when none of its events has been seen. */
    TrackedLead lead(UUID leadId) {
        return leads.get(leadId);
    }

    /** The lead as known so far, or a new one for this id, for the caller to fill in; written when the batch is. */
    TrackedLead leadOrNew(UUID leadId) {
        return leads.computeIfAbsent(leadId, id -> {
            TrackedLead lead = new TrackedLead();
            lead.id = id;
            created.add(lead);
            return lead;
        });
    }

    /** The lead's open loops, oldest first. */
    List<Loop> openLoops(UUID leadId) {
        return loops.getOrDefault(leadId, List.of()).stream().filter(Loop::isOpen).toList();
    }

    /** Whether the lead has a loop of {@code kind}: meant for REFERRAL, the only closed loops a batch reads. */
    boolean hasLoop(UUID leadId, LoopKind kind) {
        return loops.getOrDefault(leadId, List.of()).stream().anyMatch(loop -> loop.kind == kind);
    }

    /** A loop opened by this batch (the session's, which inserts it): the batch's later events find it. */
    void opened(Loop loop) {
        loops.computeIfAbsent(loop.leadId, id -> new ArrayList<>()).add(loop);
    }

    /**
     * Registers, once every event is applied, the rows to write before the commit: the leads first seen in this batch,
     * and each lead and loop read whose values the events changed — a loop with its version one up, which the
     * session's own updates of it elsewhere (an echo given through the API) compare.
     */
    void writeChanges(TransactionWrites writes) {
        for (TrackedLead lead : created) {
            writes.insert(TrackedLeadRows.ROWS.table(), TrackedLeadRows.ROWS.values(lead));
        }
        for (TrackedLead lead : leads.values()) {
            Object[] now = TrackedLeadRows.ROWS.values(lead);
            if (changed(lead, now)) {
                writes.change(TrackedLeadRows.ROWS.table(), asRead.get(lead), now);
            }
        }
        for (List<Loop> leadLoops : loops.values()) {
            for (Loop loop : leadLoops) {
                if (changed(loop, LoopRows.ROWS.values(loop))) {
                    loop.version++;
                    writes.change(LoopRows.ROWS.table(), asRead.get(loop), LoopRows.ROWS.values(loop));
                }
            }
        }
    }

    /** Whether the entity was read by this batch and its values {@code now} are no longer those it was read with. */
    private boolean changed(Object entity, Object[] now) {
        Object[] before = asRead.get(entity);
        return before != null && !Arrays.equals(before, now);
    }
}
