package io.closedloop.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * V4 gives every lead stored before it the earliest deadline of its open steps: a lead's next due date is worked out
 * from that column from then on, so a lead whose steps were not counted would lose their deadlines.
 */
@QuarkusTest
class StepsDueMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void leads_stored_before_the_column_get_the_earliest_deadline_of_their_open_steps() throws Exception {
        String schema = "steps_due_" + UUID.randomUUID().toString().substring(0, 8);
        UUID withSteps = UUID.randomUUID();
        UUID onlySettled = UUID.randomUUID();
        UUID none = UUID.randomUUID();
        String migration;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/migration/V4__lead_steps_due_at.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<UUID, OffsetDateTime> due = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // The two tables as V3 left them, as far as the migration reads them.
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path = " + schema);
            s.execute("CREATE TABLE lead (id uuid PRIMARY KEY)");
            s.execute("CREATE TABLE plan_step (lead_id uuid NOT NULL, due_at timestamptz NOT NULL, state text NOT NULL)");
            s.execute("INSERT INTO lead VALUES ('%s'), ('%s'), ('%s')".formatted(withSteps, onlySettled, none));
            s.execute("""
                    INSERT INTO plan_step VALUES ('%1$s', '2026-11-24T10:00:00Z', 'OPEN'),
                        ('%1$s', '2026-11-24T09:00:00Z', 'OPEN'), ('%1$s', '2026-11-24T08:00:00Z', 'DONE'),
                        ('%1$s', '2026-11-24T07:00:00Z', 'CANCELLED'), ('%2$s', '2026-11-24T06:00:00Z', 'DONE')"""
                    .formatted(withSteps, onlySettled));
            s.execute(migration);
            try (ResultSet rs = s.executeQuery("SELECT id, steps_due_at FROM lead")) {
                while (rs.next()) {
                    due.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class));
                }
            }
            s.execute("RESET search_path");
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        assertThat(due).hasSize(3);
        assertThat(due.get(withSteps).toInstant()).hasToString("2026-11-24T09:00:00Z");
        assertThat(due.get(onlySettled)).isNull();
        assertThat(due.get(none)).isNull();
    }
}
