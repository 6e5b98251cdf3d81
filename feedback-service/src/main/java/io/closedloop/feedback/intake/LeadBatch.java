package io.closedloop.feedback.intake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.loop.Loop;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

/**
 * What a batch of lead events works on, read up front in one query per table: the tracked leads it names and their
 * loops, locked. The events then apply in memory, in order, and Hibernate writes what changed once at commit — no
 * query, and so no dirty check of the whole batch, between two events.
 */
final class LeadBatch {

    private final Map<UUID, TrackedLead> leads = new HashMap<>();
    private final Map<UUID, List<Loop>> loops = new HashMap<>();

    private LeadBatch() {
    }

    /**
     * Reads the leads of {@code leadIds} and their open and referral loops, which it locks until the batch commits. Plain SQL with
     * the ids as one array parameter: a query with a list of ids is translated anew for every length of list.
     */
    static LeadBatch load(EntityManager entityManager, Collection<UUID> leadIds) {
        LeadBatch batch = new LeadBatch();
        if (leadIds.isEmpty()) {
            return batch;
        }
        String ids = leadIds.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        for (TrackedLead lead : select(entityManager, TrackedLead.class,
                "SELECT * FROM tracked_lead WHERE id = ANY (CAST(?1 AS uuid[]))", ids)) {
            batch.leads.put(lead.id, lead);
        }
        // Open loops and referral loops (a referral opens one loop, once) are what the events need; both conditions
        // match a partial index on lead_id, which a bare lead_id condition would not (a scan of every loop).
        for (Loop loop : select(entityManager, Loop.class, """
                SELECT * FROM loop WHERE lead_id = ANY (CAST(?1 AS uuid[])) AND (state = 'OPEN' OR kind = 'REFERRAL')
                ORDER BY opened_at, id FOR UPDATE""", ids)) {
            batch.loops.computeIfAbsent(loop.leadId, id -> new ArrayList<>()).add(loop);
        }
        return batch;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> select(EntityManager entityManager, Class<T> entity, String sql, String ids) {
        return entityManager.createNativeQuery(sql, entity).unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(entity).setParameter(1, ids).getResultList();
    }

    /** The lead as known so far, or null when none of its events has been seen. */
    TrackedLead lead(UUID leadId) {
        return leads.get(leadId);
    }

    /** The lead as known so far, or a new one for this id, for the caller to fill in and persist. */
    TrackedLead leadOrNew(UUID leadId) {
        return leads.computeIfAbsent(leadId, id -> {
            TrackedLead lead = new TrackedLead();
            lead.id = id;
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

    /** A loop opened by this batch: the batch's later events find it. */
    void opened(Loop loop) {
        loops.computeIfAbsent(loop.leadId, id -> new ArrayList<>()).add(loop);
    }
}
