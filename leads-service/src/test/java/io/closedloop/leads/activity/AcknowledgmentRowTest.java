package io.closedloop.leads.activity;

import static io.closedloop.leads.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.agroal.api.AgroalDataSource;
import io.closedloop.leads.support.Api;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acknowledgment reads the lead as a row and writes it back in the transaction's one statement (LeadRows), not
 * through Hibernate: every column it does not change must come back as it was, and the row lock must still make two
 * acknowledgments of one lead meet one after the other.
 */
@QuarkusTest
class AcknowledgmentRowTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    /** What an acknowledgment changes; every other column stays as it was. */
    private static final Set<String> CHANGED = Set.of("status", "acknowledged_at", "first_contact_due_at",
            "next_due_at", "updated_at", "version");

    @Inject
    AgroalDataSource dataSource;

    private final TestClock clock = TestClock.INSTANCE;
    private String team;
    private String agent;
    private String referrer;

    @BeforeEach
    void setUp() {
        clock.freezeAt(START);
        team = Api.unique("ackrow");
        agent = Api.unique("ann");
        referrer = Api.unique("rita");
        Api.team(team, Api.unique("boss"), Api.ALWAYS_OPEN);
        Api.agent(agent, team);
        Api.person(referrer, null, "REFERRER", true, null, null);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
    }

    @AfterEach
    void tearDown() {
        Api.noRules();
        clock.reset();
    }

    @Test
    void every_column_the_acknowledgment_does_not_change_comes_back_as_it_was() throws Exception {
        String lead = Api.referral(referrer, """
                "customer":{"name":"Véra Ødegård","organisation":"Ødegård & Søn","phone":"+47 22 33 44 55",
                  "reference":"CRM-77/x"},
                "product":"Fleet leasing","territory":"north","estimatedValue":{"amount":1234567.89,"currency":"NOK"},
                "urgency":{"statement":"Before the fiscal year ends","demandedBy":"2026-12-31T23:00:00Z"}""");
        Map<String, Object> before = row(lead);
        assertThat(before.get("status")).isEqualTo("ASSIGNED");
        assertThat(before.values().stream().filter(v -> v == null).count())
                .as("the lead fills most columns, so that a column read or written wrong shows")
                .isLessThan(before.size() / 2);

        clock.advance(Duration.ofMinutes(3));
        as(agent, "agent").post("/leads/" + lead + "/acknowledgment").then().statusCode(200);
        Map<String, Object> after = row(lead);

        for (String column : before.keySet()) {
            if (!CHANGED.contains(column)) {
                assertThat(after.get(column)).as(column).isEqualTo(before.get(column));
            }
        }
        assertThat(after.get("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(after.get("version")).isEqualTo((Long) before.get("version") + 1);
        Instant acknowledged = START.plus(Duration.ofMinutes(3));
        assertThat(((OffsetDateTime) after.get("acknowledged_at")).toInstant()).isEqualTo(acknowledged);
        assertThat(((OffsetDateTime) after.get("updated_at")).toInstant()).isEqualTo(acknowledged);
        assertThat(after.get("first_contact_due_at")).isNotNull().isEqualTo(after.get("next_due_at"));
        assertThat(((OffsetDateTime) after.get("next_due_at")).toInstant()).isAfter(acknowledged);

        // Hibernate's next change of the lead compares the version the acknowledgment wrote.
        as(agent, "agent").body("{\"channel\":\"PHONE\",\"reached\":true}")
                .post("/leads/" + lead + "/contact-attempts").then().statusCode(201);
        assertThat(row(lead).get("status")).isEqualTo("CONTACTED");
        assertThat(row(lead).get("version")).isEqualTo((Long) before.get("version") + 2);
    }

    @Test
    void the_acknowledgment_sets_the_columns_it_changes_and_no_other() throws Exception {
        String lead = Api.referral(referrer, null);
        List<String> columns = new ArrayList<>(row(lead).keySet());
        // A trigger per column, AFTER UPDATE OF it, fires when an update sets the column, whatever its value.
        String log = "ack_columns_" + lead.replace("-", "");
        execute("CREATE TABLE " + log + " (col text NOT NULL); CREATE FUNCTION " + log + "() RETURNS trigger "
                + "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO " + log + " VALUES (TG_ARGV[0]); RETURN NULL; END $$");
        try {
            for (String column : columns) {
                execute("CREATE TRIGGER " + log + "_" + column + " AFTER UPDATE OF " + column + " ON lead FOR EACH ROW "
                        + "WHEN (NEW.id = '" + lead + "') EXECUTE FUNCTION " + log + "('" + column + "')");
            }
            clock.advance(Duration.ofMinutes(3));
            as(agent, "agent").post("/leads/" + lead + "/acknowledgment").then().statusCode(200);

            List<String> set = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT col FROM " + log);
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    set.add(rs.getString(1));
                }
            }
            assertThat(set).containsExactlyInAnyOrderElementsOf(CHANGED);
        } finally {
            for (String column : columns) {
                execute("DROP TRIGGER IF EXISTS " + log + "_" + column + " ON lead");
            }
            execute("DROP FUNCTION " + log + "(); DROP TABLE " + log);
        }
    }

    @Test
    void two_acknowledgments_of_one_lead_at_once_meet_one_after_the_other() throws Exception {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leads.add(Api.referral(referrer, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String lead : leads) {
                Callable<Integer> ack = () -> as(agent, "agent").post("/leads/" + lead + "/acknowledgment").statusCode();
                answers.add(pool.submit(ack));
                answers.add(pool.submit(ack));
            }
            for (int i = 0; i < leads.size(); i++) {
                List<Integer> pair = List.of(answers.get(2 * i).get(), answers.get(2 * i + 1).get());
                assertThat(pair).as("lead " + leads.get(i)).containsExactlyInAnyOrder(200, 409);
                assertThat(row(leads.get(i)).get("status")).isEqualTo("ACKNOWLEDGED");
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM lead_history WHERE lead_id = ANY (?) "
                     + "AND action = 'acknowledged'")) {
            s.setArray(1, c.createArrayOf("uuid", leads.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("one acknowledgment recorded per lead").isEqualTo(leads.size());
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Map<String, Object> row(String lead) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM lead WHERE id = ?")) {
            s.setObject(1, UUID.fromString(lead));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), meta.getColumnTypeName(i).equals("timestamptz")
                            ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i));
                }
                return row;
            }
        }
    }
}
