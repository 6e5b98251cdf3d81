package io.closedloop.bench;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.stack.Suite;

/**
 * Goal 4: {@code GET /scorecards} for a month and a team over 1,000 people, 10,000,000 evidence rows and 1,000,000
 * claimed contacts, p99 ≤ 50 ms and ≥ 100× faster than the naive SQL aggregate over the raw rows, measured in the same
 * run on the same database.
 *
 * <p>The rows are written straight into the live read-model schema with {@code generate_series} (10 million events
 * through Kafka would take longer than the benchmark is worth), and the per-person-per-day aggregates are computed from
 * them in SQL, so both sides answer the same question from the same data; the run checks that they agree. The data: 50
 * teams of 20 agents; a year of evidence ending yesterday, about 27 pieces per person per day; 2.7 claimed contacts per
 * person per day, four in five backed by evidence within minutes.
 */
final class ScorecardBench {

    private static final int PEOPLE = 1_000;
    private static final int TEAMS = 50;
    private static final long EVIDENCE = Long.getLong("bench.scorecards.evidence", 10_000_000L);
    private static final long CLAIMS = Long.getLong("bench.scorecards.claims", 1_000_000L);
    private static final int DAYS = 365;
    private static final int REQUESTS = 500;
    private static final int NAIVE_QUERIES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int runs;
    private final Reporting reporting;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate first = today.minusDays(DAYS);
    private final YearMonth month = YearMonth.from(today).minusMonths(1);

    ScorecardBench(Suite suite, int runs) {
        this.reporting = new Reporting(suite);
        this.runs = runs;
    }

    void run() throws Exception {
        String schema = reporting.liveSchema();
        long seeding = System.nanoTime();
        try (Connection c = reporting.connect()) {
            seed(c, schema);
        }
        double seeded = (System.nanoTime() - seeding) / 1e9;
        try (Connection c = reporting.connect()) {
            checkAgreement(c, schema, "sc-team-07");
        }

        // Warm both paths.
        measureService(100);
        try (Connection c = reporting.connect()) {
            measureNaive(c, schema, 3);
        }
        List<Double> serviceP50 = new ArrayList<>();
        List<Double> serviceP99 = new ArrayList<>();
        List<Double> naiveP50 = new ArrayList<>();
        List<Double> naiveP99 = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<Long> service = measureService(REQUESTS);
            serviceP50.add(Stats.percentile(service, 50) / 1000.0);
            serviceP99.add(Stats.percentile(service, 99) / 1000.0);
            List<Long> naive;
            try (Connection c = reporting.connect()) {
                naive = measureNaive(c, schema, NAIVE_QUERIES);
            }
            naiveP50.add(Stats.percentile(naive, 50) / 1000.0);
            naiveP99.add(Stats.percentile(naive, 99) / 1000.0);
            System.out.printf("(run %d: GET /scorecards p50 %.2f ms p99 %.2f ms; naive SQL p50 %.1f ms p99 %.1f ms)%n",
                    i + 1, serviceP50.getLast(), serviceP99.getLast(), naiveP50.getLast(), naiveP99.getLast());
        }
        double p50 = Stats.median(serviceP50);
        double p99 = Stats.median(serviceP99);
        double naive50 = Stats.median(naiveP50);
        System.out.printf("%n## Scorecards at scale (goal: p99 ≤ 50 ms, and ≥ 100× faster than the naive SQL over raw rows)%n%n");
        System.out.printf("%,d people in %d teams, %,d evidence rows, %,d claimed contacts, %,d person-day rows; "
                + "seeded in %.0f s. Team scorecard for %s, teams in rotation.%n%n", PEOPLE, TEAMS, EVIDENCE, CLAIMS,
                reporting.count(schema + ".person_day"), seeded, month);
        System.out.printf("| | p50 (ms) | p99 (ms) |%n|---|---|---|%n");
        System.out.printf("| `GET /scorecards?period=%s&teamId=…` (HTTP, per-person-day aggregates) | %.2f | %.2f |%n", month, p50, p99);
        System.out.printf("| naive SQL: the same team's month from raw `evidence` and `claim_contact` (JDBC, no HTTP) | %.1f | %.1f |%n",
                naive50, Stats.median(naiveP99));
        System.out.printf("| **ratio (naive ÷ service), medians** | **%.0f×** | |%n%n", naive50 / p50);
        System.out.printf("Medians of %d runs; each run: %d sequential requests and %d naive queries.%n%n", runs, REQUESTS, NAIVE_QUERIES);
    }

    private void seed(Connection c, String s) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET maintenance_work_mem = '256MB'");
            st.execute("SET synchronous_commit = off");
            st.execute("INSERT INTO " + s + ".team (id, name, manager_id, changed_at) SELECT 'sc-team-' || lpad(t::text, 2, '0'), "
                    + "'Team ' || t, 'sc-manager-' || t, now() FROM generate_series(0, " + (TEAMS - 1) + ") t ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO " + s + ".person (id, name, team_id, manager_id, agent, active, changed_at) "
                    + "SELECT 'sc-p-' || lpad(p::text, 4, '0'), 'Agent ' || p, 'sc-team-' || lpad((p % " + TEAMS + ")::text, 2, '0'), "
                    + "'sc-manager-' || (p % " + TEAMS + "), true, true, now() FROM generate_series(0, " + (PEOPLE - 1) + ") p "
                    + "ON CONFLICT DO NOTHING");
            // Evidence i: person i % 1000, day (i / 1000) % 365 from the first day, during working hours.
            // Every record a verified activity of its own (one source, distinct times), as the projector would mark it.
            st.execute("INSERT INTO " + s + ".evidence (source, external_id, person_id, customer_ref, kind, method, occurred_at, "
                    + "duration_seconds, distance_meters, counts, trust, first_verified) "
                    + "SELECT 'bench', i::text, 'sc-p-' || lpad((i % " + PEOPLE + ")::text, 4, '0'), 'ref:c' || (i % 50000), "
                    + "(ARRAY['CALL','VISIT','MEETING'])[1 + i % 3], (ARRAY['CALL_RECORD','GEO_CHECKIN','CALENDAR_EVENT'])[1 + i % 3], "
                    + "timestamptz '" + first + " 08:00:00+00' + ((i / " + PEOPLE + ") % " + DAYS + ") * interval '1 day' "
                    + "+ ((i * 7919) % 36000) * interval '1 second', 60 + i % 600, NULL, true, 'VERIFIED', true "
                    + "FROM generate_series(0::bigint, " + (EVIDENCE - 1) + ") i");
            // Claim j stands beside evidence j (same person and day); four in five name its customer, ten minutes off.
            st.execute("INSERT INTO " + s + ".claim_contact (person_id, day, seq, customer_ref, kind, at, matched_source, matched_id) "
                    + "SELECT 'sc-p-' || lpad((j % " + PEOPLE + ")::text, 4, '0'), "
                    + "date '" + first + "' + ((j / " + PEOPLE + ") % " + DAYS + ")::int, (j / " + ((long) PEOPLE * DAYS) + ")::int, "
                    + "CASE WHEN j % 5 = 0 THEN 'ref:nobody-' || j ELSE 'ref:c' || (j % 50000) END, "
                    + "(ARRAY['CALL','VISIT','MEETING'])[1 + j % 3], "
                    + "timestamptz '" + first + " 08:00:00+00' + ((j / " + PEOPLE + ") % " + DAYS + ") * interval '1 day' "
                    + "+ ((j * 7919) % 36000) * interval '1 second' + interval '10 minutes', "
                    + "CASE WHEN j % 5 = 0 THEN NULL ELSE 'bench' END, CASE WHEN j % 5 = 0 THEN NULL ELSE j::text END "
                    + "FROM generate_series(0::bigint, " + (CLAIMS - 1) + ") j");
            // The per-person-per-day aggregates, as the projector would have kept them.
            st.execute("INSERT INTO " + s + ".person_day (person_id, day, verified_calls, verified_visits, verified_meetings, "
                    + "claimed_calls, claimed_visits, claimed_meetings, claimed_contacts, matched_contacts, claimed_hours, "
                    + "assigned, acknowledged, won, lost, claim_version) "
                    + "SELECT coalesce(e.person_id, c.person_id), coalesce(e.day, c.day), coalesce(e.calls, 0), coalesce(e.visits, 0), "
                    + "coalesce(e.meetings, 0), coalesce(c.calls, 0), coalesce(c.visits, 0), coalesce(c.meetings, 0), "
                    + "coalesce(c.contacts, 0), coalesce(c.matched, 0), CASE WHEN c.person_id IS NULL THEN 0 ELSE 8 END, "
                    + "3, 3, CASE WHEN hashtext(coalesce(e.person_id, c.person_id)) % 5 = 0 THEN 1 ELSE 0 END, 1, "
                    + "CASE WHEN c.person_id IS NULL THEN 0 ELSE 1 END "
                    + "FROM (SELECT person_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, "
                    + "count(*) FILTER (WHERE kind = 'CALL') calls, count(*) FILTER (WHERE kind = 'VISIT') visits, "
                    + "count(*) FILTER (WHERE kind = 'MEETING') meetings FROM " + s + ".evidence WHERE source = 'bench' AND counts "
                    + "GROUP BY 1, 2) e FULL JOIN (SELECT person_id, day, count(*) FILTER (WHERE kind = 'CALL') calls, "
                    + "count(*) FILTER (WHERE kind = 'VISIT') visits, count(*) FILTER (WHERE kind = 'MEETING') meetings, "
                    + "count(*) contacts, count(matched_id) matched FROM " + s + ".claim_contact GROUP BY 1, 2) c "
                    + "ON c.person_id = e.person_id AND c.day = e.day");
            st.execute("VACUUM ANALYZE " + s + ".evidence");
            st.execute("VACUUM ANALYZE " + s + ".claim_contact");
            st.execute("VACUUM ANALYZE " + s + ".person_day");
            st.execute("VACUUM ANALYZE " + s + ".person");
        }
    }

    private static String teamOf(int i) {
        return "sc-team-" + String.format("%02d", i % TEAMS);
    }

    private List<Long> measureService(int requests) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = reporting.get("/scorecards?period=" + month + "&teamId=" + teamOf(i));
            micros.add((System.nanoTime() - start) / 1_000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /scorecards → " + response.statusCode() + " " + response.body());
            }
        }
        return micros;
    }

    /**
     * The effort half of a team's scorecard, straight from the raw rows: verified calls, visits and meetings per
     * person, and each claimed contact checked against the evidence (same customer, within two hours) — what the
     * service would have to do without its read models.
     */
    private static String naiveQuery(String s) {
        return "WITH members AS (SELECT id FROM " + s + ".person WHERE team_id = ?), "
                + "ev AS (SELECT person_id, count(*) FILTER (WHERE kind = 'CALL') calls, count(*) FILTER (WHERE kind = 'VISIT') visits, "
                + "count(*) FILTER (WHERE kind = 'MEETING') meetings FROM " + s + ".evidence "
                + "WHERE person_id IN (SELECT id FROM members) AND counts AND occurred_at >= ? AND occurred_at < ? GROUP BY person_id), "
                + "cl AS (SELECT c.person_id, count(*) claimed, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM " + s + ".evidence e "
                + "WHERE e.person_id = c.person_id AND e.customer_ref = c.customer_ref "
                + "AND e.occurred_at BETWEEN c.at - interval '2 hours' AND c.at + interval '2 hours')) matched "
                + "FROM " + s + ".claim_contact c WHERE c.person_id IN (SELECT id FROM members) AND c.day BETWEEN ? AND ? "
                + "GROUP BY c.person_id) "
                + "SELECT m.id, coalesce(ev.calls, 0), coalesce(ev.visits, 0), coalesce(ev.meetings, 0), coalesce(cl.claimed, 0), "
                + "coalesce(cl.matched, 0) FROM members m LEFT JOIN ev ON ev.person_id = m.id LEFT JOIN cl ON cl.person_id = m.id ORDER BY m.id";
    }

    private Map<String, long[]> naive(Connection c, String schema, String team) throws SQLException {
        Map<String, long[]> rows = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(naiveQuery(schema))) {
            q.setString(1, team);
            q.setObject(2, month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            q.setObject(3, month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            q.setObject(4, month.atDay(1));
            q.setObject(5, month.atEndOfMonth());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)});
                }
            }
        }
        return rows;
    }

    private List<Long> measureNaive(Connection c, String schema, int queries) throws SQLException {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            long start = System.nanoTime();
            naive(c, schema, teamOf(i * 7 + 3));
            micros.add((System.nanoTime() - start) / 1_000);
        }
        return micros;
    }

    /** Both sides must tell the same story, or the comparison means nothing. */
    private void checkAgreement(Connection c, String schema, String team) throws Exception {
        Map<String, long[]> raw = naive(c, schema, team);
        JsonNode card = JSON.readTree(reporting.get("/scorecards?period=" + month + "&teamId=" + team).body());
        int people = 0;
        for (JsonNode person : card.path("ranking")) {
            JsonNode f = person.path("figures");
            long[] expected = raw.get(person.path("personId").asText());
            long[] served = {f.path("calls").path("verified").asLong(), f.path("visits").path("verified").asLong(),
                    f.path("meetings").path("verified").asLong(), f.path("claimedContacts").asLong(), f.path("matchedContacts").asLong()};
            if (expected == null || !java.util.Arrays.equals(expected, served)) {
                throw new IllegalStateException("scorecard and raw rows disagree for " + person.path("personId").asText() + ": raw "
                        + java.util.Arrays.toString(expected) + ", served " + java.util.Arrays.toString(served));
            }
            people++;
        }
        if (people != PEOPLE / TEAMS) {
            throw new IllegalStateException("expected " + PEOPLE / TEAMS + " people in " + team + ", the card has " + people);
        }
        System.out.printf("(checked: the card of %s and the raw rows agree for all %d people on verified calls, visits, "
                + "meetings, claimed and matched contacts)%n", team, people);
    }
}
