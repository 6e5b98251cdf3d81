package io.closedloop.reporting.projection;

import static io.closedloop.reporting.support.Api.as;
import static io.closedloop.reporting.support.Reports.contact;
import static io.closedloop.reporting.support.Reports.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.Topics;
import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceMethod;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.UrgencyClaim;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.reporting.client.UrgencyReports;
import io.closedloop.reporting.discrepancy.Discrepancies;
import io.closedloop.reporting.referrer.ReferrerReports;
import io.closedloop.reporting.scorecard.Period;
import io.closedloop.reporting.scorecard.Scorecards;
import io.closedloop.reporting.support.Reports;
import io.closedloop.reporting.support.Story;
import io.closedloop.reporting.support.Week;
import io.closedloop.stack.testing.EventWriter;
import io.closedloop.stack.testing.TestRun;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The rebuild replays every topic from its beginning into fresh tables; they must hold exactly what the incremental
 * path built, row for row, and answer every query the same. Run after the story below and whatever earlier test
 * classes of this run published, poison records included.
 */
@QuarkusTest
class RebuildTest {

    private static final Week WEEK = Week.weeksAgo(2);
    private static final List<String> TABLES = List.of("person", "team", "person_day", "won_value",
            "lead_fact", "ack_fact", "loop_fact", "evidence", "claim_contact", "complaint_fact");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    Scorecards scorecards;

    @Inject
    ReferrerReports referrerReports;

    @Inject
    UrgencyReports urgencyReports;

    @Inject
    Discrepancies discrepancies;

    private final String s = UUID.randomUUID().toString().substring(0, 6);
    private final String team = "rb-team-" + s;
    private final String manager = "rb-mgr-" + s;
    private final String ann = "rb-ann-" + s;
    private final String ben = "rb-ben-" + s;
    private final String referrer = "rb-ref-" + s;
    private final String client = "ref:rb-client-" + s;

    /** A bit of everything on every topic, including a poison record, a redelivery and a revised claim. */
    private void aWeekOnEveryTopic() {
        Instant before = WEEK.at(0, "00:00").minus(Duration.ofDays(10));
        TestRun run = TestRun.current();
        try (Story story = new Story(); EventWriter writer = new EventWriter(run.kafkaBootstrapServers())) {
            story.team(team, manager, before);
            story.person(ann, "Ann", team, manager, before);
            story.person(ben, "Ben", team, manager, before);
            story.person(ben, "Ben B.", team, manager, before.plusSeconds(60));
            for (int n = 0; n < 6; n++) {
                UUID lead = UUID.randomUUID();
                String owner = n % 2 == 0 ? ann : ben;
                boolean referral = n < 3;
                story.received(lead, referral ? LeadSource.REFERRAL : LeadSource.INBOUND, referral ? referrer : null, client,
                        n == 4 ? new UrgencyClaim("today", null) : null, WEEK.at(n % 5, "08:00"));
                story.assigned(lead, team, owner, WEEK.at(n % 5, "08:05"));
                if (n != 5) {
                    story.acknowledged(lead, owner, team, WEEK.at(n % 5, "08:05"), WEEK.at(n % 5, "08:" + (10 + n * 7)));
                } else {
                    story.escalated(lead, owner, manager, team, WEEK.at(n % 5, "08:40"));
                }
                story.contact(lead, owner, team, client, ContactChannel.PHONE, true, true, WEEK.at(n % 5, "09:00"));
                UUID meeting = story.meetingScheduled(lead, owner, client, WEEK.at(n % 5, "14:00"));
                if (n % 3 == 0) {
                    story.meetingHeld(lead, meeting, owner, client, true, WEEK.at(n % 5, "14:00"));
                    story.won(lead, owner, team, client, String.valueOf(1000 * (n + 1)), WEEK.at(4, "12:00"));
                } else if (n % 3 == 1) {
                    story.noShow(lead, meeting, owner, client, WEEK.at(n % 5, "14:00"));
                    story.lost(lead, owner, team, client, "no show", WEEK.at(4, "13:00"));
                }
                UUID loop = story.loopOpened(referral ? LoopKind.REFERRAL : LoopKind.HANDOFF, lead,
                        referral ? referrer : manager, owner, WEEK.at(n % 5, "08:00"));
                story.echoed(loop, LoopKind.HANDOFF, lead, manager, owner, EchoKind.RECEIPT, EchoSource.PERSONAL, n == 2,
                        WEEK.at(n % 5, "08:30"));
                if (n == 2) {
                    story.loopOverdue(loop, LoopKind.REFERRAL, lead, referrer, owner, team, WEEK.at(3, "08:00"));
                } else {
                    story.loopClosed(loop, LoopKind.HANDOFF, lead, manager, owner, team, WEEK.at(n % 5, "08:00"), WEEK.at(4, "12:30"));
                    // Initiators confirm the outcome they were told: a confirmed win where the lead was won.
                    story.loopConfirmed(loop, LoopKind.HANDOFF, lead, manager, owner, WEEK.at(4, "18:00"), client,
                            WEEK.at(4, "12:00"));
                }
                // Every status the lead passes through, and a visit its owner's manager recorded for them.
                story.statusChanged(lead, io.closedloop.events.lead.LeadStatus.NEW,
                        io.closedloop.events.lead.LeadStatus.ASSIGNED, owner, "system", WEEK.at(n % 5, "08:05"));
                story.contact(lead, owner, team, client, ContactChannel.VISIT, true, false, WEEK.at(n % 5, "11:00"), manager);
            }
            // A win Ben's manager closed for him, about a customer nothing else reports: verified, alone, and confirmed.
            story.won(UUID.randomUUID(), ben, team, "solo-" + s, "700", WEEK.at(2, "16:00"), manager);
            UUID annsComplaint = story.complaintResolved(ann, team, true, WEEK.at(2, "12:00"));
            story.complaintRated(annsComplaint, ann, team, 4, manager, WEEK.at(2, "13:00"));
            UUID bensComplaint = story.complaintResolved(ben, team, false, WEEK.at(3, "12:00"));
            story.complaintRated(bensComplaint, ben, team, 5, ben, WEEK.at(3, "13:00"));
            story.complaintRated(bensComplaint, ben, team, 1, manager, WEEK.at(3, "14:00"));
            story.complaintReopened(bensComplaint, ben, team, 1, WEEK.at(3, "14:00"));
            story.satisfaction(ann, team, 9, WEEK.at(2, "12:30"));
            story.satisfaction(ben, team, 6, WEEK.at(3, "12:30"));
            String evidenceId = story.evidence("telephony", "rb-1-" + s, ann, client, ActivityKind.CALL,
                    EvidenceMethod.CALL_RECORD, WEEK.at(1, "10:00"), 240, null);
            story.redeliver(io.closedloop.events.EventCatalog.EVIDENCE_RECORDED, "telephony/rb-1-" + s, evidenceId,
                    new io.closedloop.events.evidence.EvidenceRecorded("telephony", "rb-1-" + s, ann, client, ActivityKind.CALL,
                            EvidenceMethod.CALL_RECORD, WEEK.at(1, "10:00"), 240, null, null, null));
            // The same record sent again, revised to a call too short to count: the first copy is the one that counts.
            story.evidence("telephony", "rb-1-" + s, ann, client, ActivityKind.CALL, EvidenceMethod.CALL_RECORD,
                    WEEK.at(1, "10:00"), 5, null);
            story.evidence("geo", "rb-2-" + s, ben, client, ActivityKind.VISIT, EvidenceMethod.GEO_CHECKIN,
                    WEEK.at(1, "15:00"), null, 9_000);
            // An id with what COPY's text format must escape: the bulk load must keep it as the live path does.
            story.evidence("geo", "rb-esc-" + s + "\\N\t\n\r\\", ben, client, ActivityKind.VISIT, EvidenceMethod.GEO_CHECKIN,
                    WEEK.at(2, "15:00"), null, 100);
            // The CRM's record of Ann's call: one call, two sources.
            story.evidence("crm", "rb-crm-" + s, ann, client, ActivityKind.CALL, EvidenceMethod.SYSTEM_RECORD,
                    WEEK.at(1, "10:03"), null, null);
            writer.send(run.topic(Topics.FEEDBACK), "poison-" + s, "io.closedloop.loop.opened.v1", "[1, 2");
            story.awaitApplied(dataSource, readModel::live);
        }
        as(ann, "agent").body(daily(8, 1, 1, "9", "1", List.of(contact(client, "CALL", WEEK.at(1, "10:30")),
                contact(client, "VISIT", WEEK.at(1, "16:00"))))).put("/claims/" + ann + "/" + WEEK.day(1)).then().statusCode(200);
        as(ann, "agent").body(daily(6, 1, 1, "9", "1", List.of(contact(client, "CALL", WEEK.at(1, "10:30")))))
                .put("/claims/" + ann + "/" + WEEK.day(1)).then().statusCode(200);
        as(manager, "manager").body(daily(20, 4, 2, "11", "3", List.of(contact(client, "VISIT", WEEK.at(1, "15:10")))))
                .put("/claims/" + ben + "/" + WEEK.day(1)).then().statusCode(200);
        as("pbx", "integrator").body(Reports.batch(List.of(Reports.call("rb-3-" + s, ben, client, WEEK.at(1, "11:00"), 100))))
                .post("/evidence").then().statusCode(202);
    }

    @Test
    void a_rebuild_from_every_topic_holds_exactly_what_the_incremental_path_built() throws SQLException {
        aWeekOnEveryTopic();
        String rebuilt = "rm_check_" + s;
        String live = readModel.live();
        ReadModelRebuild.Result result = null;
        // The claims and the last evidence reach their topics through the outbox: rebuild until both sides have
        // seen the same events (the rebuild stops at the end offsets of the moment it starts).
        for (int attempt = 0; attempt < 10; attempt++) {
            result = rebuild.rebuild(rebuilt, false);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> missingFromLive(live, rebuilt) == 0);
            if (count(live, "evidence") == count(rebuilt, "evidence")
                    && scalar(projectedInbox(live)) == scalar(projectedInbox(rebuilt))) {
                break;
            }
        }
        assertThat(result.records()).isGreaterThan(80);
        assertThat(result.live()).isFalse();

        for (String table : TABLES) {
            assertThat(count(rebuilt, table)).as(table + " rows").isEqualTo(count(live, table));
            assertThat(difference(live, rebuilt, table)).as(table + ": live rows the rebuild lacks").isEmpty();
            assertThat(difference(rebuilt, live, table)).as(table + ": rebuilt rows live lacks").isEmpty();
        }
        // Evidence is loaded in bulk, idempotent by its own key: the rebuild records the events it projected, and only those.
        assertThat(difference(rebuilt, live, "inbox_event")).as("rebuilt inbox rows live lacks").isEmpty();
        assertThat(scalar(projectedInbox(rebuilt))).isEqualTo(scalar(projectedInbox(live)));
        assertThat(scalar("SELECT count(*) FROM " + rebuilt + ".inbox_event WHERE consumer = 'reporting.evidence'")).isZero();
        assertThat(table(rebuilt, "evidence_load")).isFalse();
        // The bulk load drops the evidence's and the counters' indexes and keys, and builds them again.
        assertThat(indexesAndKeys(rebuilt)).as("indexes and constraints of " + rebuilt)
                .containsExactlyElementsOf(indexesAndKeys(live)).contains("evidence.evidence_pkey: PRIMARY KEY (source, external_id)");
        assertThat(count(live, "claim_contact")).isPositive();
        for (String schema : List.of(live, rebuilt)) {
            assertThat(scalar("SELECT duration_seconds FROM " + schema + ".evidence WHERE external_id = 'rb-1-" + s + "'"))
                    .as("the first copy of rb-1 in " + schema).isEqualTo(240L);
        }
        for (String schema : List.of(live, rebuilt)) {
            assertThat(scalar("SELECT count(*) FROM " + schema + ".evidence WHERE external_id = 'rb-esc-" + s
                    + "\\N' || chr(9) || chr(10) || chr(13) || '\\'")).as("the escaped id in " + schema).isOne();
        }
        assertThat(count(live, "ack_fact")).isPositive();

        for (String period : List.of(WEEK.label(), WEEK.day(1).toString(), WEEK.day(0) + ".." + WEEK.day(6))) {
            Period p = Period.parse(period);
            assertThat(scorecards.team(rebuilt, team, p)).isEqualTo(scorecards.team(live, team, p));
            assertThat(discrepancies.unmatched(rebuilt, List.of(ann, ben), p.from(), p.to()))
                    .isEqualTo(discrepancies.unmatched(live, List.of(ann, ben), p.from(), p.to()));
        }
        assertThat(scorecards.team(live, team, Period.parse(WEEK.label())).ranking()).hasSize(2);
        assertThat(referrerReports.report(rebuilt, referrer)).isEqualTo(referrerReports.report(live, referrer));
        assertThat(referrerReports.report(live, referrer).referralsSent()).isEqualTo(3);
        assertThat(urgencyReports.report(rebuilt, client)).isEqualTo(urgencyReports.report(live, client));
    }

    @Test
    void a_rebuilt_schema_can_take_over_and_the_live_consumers_follow_it() {
        String before = as("root", "admin").get("/admin/read-models").then().statusCode(200).extract().path("live");
        String next = "rm_next_" + s;

        as("root", "admin").body("{\"schema\":\"" + before + "\",\"live\":true}").post("/admin/read-models/rebuilds")
                .then().statusCode(409).contentType("application/problem+json");
        as("root", "admin").body("{\"schema\":\"public\",\"live\":true}").post("/admin/read-models/rebuilds")
                .then().statusCode(400).body("errors[0].field", equalTo("schema"));
        as(manager, "manager").body("{\"schema\":\"" + next + "\",\"live\":true}").post("/admin/read-models/rebuilds")
                .then().statusCode(403);

        // One at a time: while a job runs (here, one a replica is running right now), another is refused and told
        // which one to follow.
        UUID running = UUID.randomUUID();
        sql("INSERT INTO rebuild_job (id, schema_name, make_live, state, requested_by, started_at, updated_at) "
                + "VALUES ('" + running + "', 'rm_elsewhere', false, 'RUNNING', 'root', now(), now())");
        as("root", "admin").body("{\"schema\":\"" + next + "\",\"live\":true}").post("/admin/read-models/rebuilds")
                .then().statusCode(409).body("detail", containsString("/admin/read-models/rebuilds/" + running));
        // A job whose replica stopped reporting a minute ago is abandoned, and no longer stands in the way.
        sql("UPDATE rebuild_job SET updated_at = now() - interval '61 seconds' WHERE id = '" + running + "'");
        as("root", "admin").get("/admin/read-models/rebuilds/" + running).then().statusCode(200)
                .body("state", equalTo("ABANDONED"));

        // Something on the topics for the job to read, whatever ran before this test.
        try (Story story = new Story()) {
            story.person("rb-old-" + s, "Oldtimer", team, manager, Instant.now());
            story.awaitApplied(dataSource, readModel::live);
        }
        var started = as("root", "admin").body("{\"schema\":\"" + next + "\",\"live\":true}").post("/admin/read-models/rebuilds")
                .then().statusCode(202).body("schema", equalTo(next)).body("live", equalTo(true))
                .body("state", equalTo("RUNNING")).extract();
        String job = started.path("id");
        assertThat(started.header("Location")).endsWith("/admin/read-models/rebuilds/" + job);
        as("root", "admin").get("/admin/read-models/rebuilds/" + running).then().statusCode(200)
                .body("state", equalTo("FAILED")).body("error", containsString("Abandoned"));
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                !"RUNNING".equals(as("root", "admin").get("/admin/read-models/rebuilds/" + job).then().statusCode(200)
                        .extract().path("state")));
        as("root", "admin").get("/admin/read-models/rebuilds/" + job).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED")).body("recordsRead", greaterThan(0))
                .body("topics.size()", equalTo(4))
                .body("topics.values().every { it.read >= it.total }", equalTo(true))
                .body("finishedAt", notNullValue()).body("requestedBy", equalTo("root"));
        as("root", "admin").get("/admin/read-models/rebuilds").then().statusCode(200)
                .body("items.id", hasItems(job, running.toString()));
        as("root", "admin").get("/admin/read-models").then().statusCode(200).body("live", equalTo(next));

        // What arrives now is applied to the new schema, and queries read it.
        String newcomer = "rb-new-" + s;
        try (Story story = new Story()) {
            story.team(team + "-2", manager, Instant.now());
            story.person(newcomer, "Newcomer", team + "-2", manager, Instant.now());
            story.awaitApplied(dataSource, () -> next);
        }
        as(manager, "manager").get("/scorecards?period=" + WEEK.label() + "&teamId=" + team + "-2").then().statusCode(200)
                .body("ranking[0].personId", equalTo(newcomer));
        assertThat(rows(before, "person", newcomer)).isZero();
        assertThat(rows(next, "person", newcomer)).isOne();
    }

    private long missingFromLive(String live, String rebuilt) throws SQLException {
        return scalar("SELECT count(*) FROM (SELECT consumer, event_source, event_id FROM " + rebuilt + ".inbox_event EXCEPT "
                + "SELECT consumer, event_source, event_id FROM " + live + ".inbox_event) missing");
    }

    /** Counts the inbox rows of the consumers whose events a rebuild projects (all but the evidence topic's). */
    private static String projectedInbox(String schema) {
        return "SELECT count(*) FROM " + schema + ".inbox_event WHERE consumer <> 'reporting.evidence'";
    }

    private boolean table(String schema, String table) throws SQLException {
        return scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_name = '" + table + "'") > 0;
    }

    /** Every index and constraint of the schema's tables, by table and name, their definitions without the schema. */
    private List<String> indexesAndKeys(String schema) throws SQLException {
        return strings("SELECT tablename || '.' || indexname || ': ' || replace(indexdef, schemaname || '.', '') "
                + "FROM pg_indexes WHERE schemaname = ? UNION ALL SELECT t.relname || '.' || k.conname || ': ' "
                + "|| pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? ORDER BY 1", schema, schema);
    }

    private long count(String schema, String table) throws SQLException {
        return scalar("SELECT count(*) FROM " + schema + "." + table);
    }

    private long rows(String schema, String table, String id) {
        try {
            return scalar("SELECT count(*) FROM " + schema + "." + table + " WHERE id = '" + id + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of {@code a.table} not in {@code b.table}, every column compared but when an event was processed. */
    private List<String> difference(String a, String b, String table) throws SQLException {
        String columns = String.join(", ", columns(a, table));
        return strings("SELECT row_to_json(d)::text FROM (SELECT " + columns + " FROM " + a + "." + table
                + " EXCEPT ALL SELECT " + columns + " FROM " + b + "." + table + ") d LIMIT 20");
    }

    private List<String> columns(String schema, String table) throws SQLException {
        List<String> columns = strings("SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name = ? AND column_name <> 'processed_at' ORDER BY ordinal_position", schema, table);
        assertThat(columns).as("columns of " + schema + "." + table).isNotEmpty();
        return columns;
    }

    /** The first column of every row {@code sql} answers, given its text parameters in order. */
    private List<String> strings(String sql, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(statement)) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
