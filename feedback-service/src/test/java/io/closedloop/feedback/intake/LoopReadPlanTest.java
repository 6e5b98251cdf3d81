package io.closedloop.feedback.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.closedloop.stack.testing.UnanalysedCopy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A batch of lead events reads the loops of every lead it names in one statement, on a generic plan (GenericPlans).
 * What it reads must follow the batch, not the table: the loop table keeps no column statistics until 100,000 changes
 * (V6), and a plan that guessed wrong would read every loop for every batch — under load, batches of 200 leads.
 */
@QuarkusTest
class LoopReadPlanTest {

    private static final int LEADS = 400_000;
    private static final int BATCH = 220;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_batch_reads_its_own_loops_among_many_with_no_statistics() throws Exception {
        try (Connection c = dataSource.getConnection(); UnanalysedCopy loops = new UnanalysedCopy(c, "loop")) {
            // Every lead has its acknowledgment loop, open for one in four; one in five came by referral.
            loops.fill("""
                    INSERT INTO loop (id, version, kind, state, initiator_id, subject, lead_id, opened_at)
                    SELECT gen_random_uuid(), 0, 'ACKNOWLEDGMENT', CASE WHEN g % 4 = 0 THEN 'OPEN' ELSE 'CLOSED' END,
                           'agent', 'lead', ('00000000-0000-0000-0000-' || lpad(to_hex(g), 12, '0'))::uuid, now()
                    FROM generate_series(1, %1$d) g;
                    INSERT INTO loop (id, version, kind, state, initiator_id, subject, lead_id, opened_at)
                    SELECT gen_random_uuid(), 0, 'REFERRAL', 'CLOSED', 'referrer', 'lead',
                           ('00000000-0000-0000-0000-' || lpad(to_hex(g), 12, '0'))::uuid, now()
                    FROM generate_series(1, %1$d, 5) g""".replace("%1$d", Integer.toString(LEADS)));
            // Leads spread over the whole table, each with an open loop (a multiple of 4), every other one a referral
            // too (one more than a multiple of 5).
            String leads = IntStream.rangeClosed(1, BATCH)
                    .mapToObj(i -> "00000000-0000-0000-0000-%012x".formatted(1800 * i + (i % 2 == 0 ? 16 : 0)))
                    .collect(Collectors.joining(",", "{", "}"));
            JsonNode plan = loops.genericPlan(LeadBatch.LOOPS_OF_LEADS, "uuid[]", "'" + leads + "'");

            assertThat(plan.get("Actual Rows").asLong()).as("open and referral loops of the batch")
                    .isEqualTo(BATCH + BATCH / 2);
            assertThat(plan.toString()).as("the plan").contains("ANY ($1)").doesNotContain("Seq Scan");
            // Each loop costs its index entries (two partial indexes looked up per lead), its heap page and the lock:
            // ~5 pages. A scan of the table would read all of it.
            long tablePages = loops.pages();
            assertThat(UnanalysedCopy.pagesTouched(plan)).as("pages read for %d leads, of a table of %d pages", BATCH, tablePages)
                    .isLessThanOrEqualTo(8L * (BATCH + BATCH / 2)).isLessThan(tablePages / 2);
        }
    }
}
