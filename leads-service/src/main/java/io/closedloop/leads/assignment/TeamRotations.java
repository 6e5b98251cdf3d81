package io.closedloop.leads.assignment;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * A team's rotation, moved on by one statement: it creates the team's row or locks it, chooses the next of the
 * eligible members as {@link Rotation#pick} does, records them and returns them. The row stays locked until the
 * transaction commits, so two intakes never choose alike — and the lock is taken as late as it can be: after it, only
 * the transaction's writes and its commit.
 */
@ApplicationScoped
public class TeamRotations {

    /**
     * Candidates in the round's order: the fewest open leads first (all equal for round-robin), then those after the
     * last chosen, then from the start of the round. Ids compare in code-point order ({@code COLLATE "C"}), as
     * {@link Rotation} compares them.
     */
    private static final String ADVANCE = """
            INSERT INTO team_rotation AS r (team_id, last_person_id, updated_at)
            SELECT ?, c.person_id, ? FROM unnest(?::text[], ?::bigint[]) AS c(person_id, open_leads)
            ORDER BY c.open_leads, c.person_id COLLATE "C" LIMIT 1
            ON CONFLICT (team_id) DO UPDATE SET updated_at = excluded.updated_at, last_person_id = (
                SELECT c.person_id FROM unnest(?::text[], ?::bigint[]) AS c(person_id, open_leads)
                ORDER BY c.open_leads, (c.person_id COLLATE "C" > r.last_person_id COLLATE "C") IS NOT TRUE,
                         c.person_id COLLATE "C"
                LIMIT 1)
            RETURNING last_person_id""";

    private final EntityManager entityManager;

    TeamRotations(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Chooses among {@code eligible} (none excluded, none full), each with their open leads, and returns who. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String advance(String teamId, AssignmentRule.Strategy strategy, List<Rotation.Member> eligible, Instant now) {
        if (eligible.isEmpty()) {
            throw new IllegalArgumentException("nobody to choose from");
        }
        String[] ids = eligible.stream().map(Rotation.Member::personId).toArray(String[]::new);
        boolean byLoad = strategy == AssignmentRule.Strategy.LEAST_LOADED;
        Long[] open = eligible.stream().map(m -> byLoad ? m.openLeads() : 0L).toArray(Long[]::new);
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
                advance.setString(1, teamId);
                advance.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                for (int offset : new int[] {3, 5}) {
                    advance.setArray(offset, connection.createArrayOf("text", ids));
                    advance.setArray(offset + 1, connection.createArrayOf("bigint", open));
                }
                try (ResultSet chosen = advance.executeQuery()) {
                    chosen.next();
                    return chosen.getString(1);
                }
            }
        });
    }
}
