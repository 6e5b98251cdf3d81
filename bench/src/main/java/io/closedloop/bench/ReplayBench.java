package io.closedloop.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.stack.Suite;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Goal 3: a replay of 1,000,000 events into fresh read models ({@code POST /admin/read-models/rebuilds}, followed to its
 * end, into a new schema: every topic from its beginning, evidence loaded in bulk, the other models through the
 * projector), events per second, against two baselines measured in the same run: a plain Kafka consumer reading the
 * same topics from their beginning (records fetched and their JSON parsed, nothing stored), and PostgreSQL's floor (the
 * same evidence rows COPYed into a table of the evidence table's shape, its indexes built after). Goal: ≥ 30% of the
 * plain consumer. The first rebuild's schema is compared with the live one, table by table, row for row.
 *
 * <p>The events: 1,000,000 pieces of evidence published on the {@code evidence} topic as an integrator would (binary
 * CloudEvents), 1,000 people, a year; the live read models consume them first, and the measurements start once they
 * have (so the live consumer does not compete).
 */
final class ReplayBench {

    private static final long EVENTS = Long.getLong("bench.replay.events", 1_000_000L);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code -Dbench.replay.statements=true}: the profiled rebuild's heaviest statements per event, by PostgreSQL's time. */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.replay.statements");

    private final Suite suite;
    private final int runs;
    private final Reporting reporting;

    ReplayBench(Suite suite, int runs) {
        this.suite = suite;
        this.reporting = new Reporting(suite);
        this.runs = runs;
    }

    void run() throws Exception {
        String live = reporting.liveSchema();
        long before = reporting.count(live + ".evidence");
        long producing = System.nanoTime();
        publish();
        double published = (System.nanoTime() - producing) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (reporting.count(live + ".evidence") < before + EVENTS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live read models did not take in the evidence within 30 minutes");
            }
            Thread.sleep(1_000);
        }
        double caughtUp = (System.nanoTime() - producing) / 1e9;

        List<Double> replayRate = new ArrayList<>();
        List<Double> plainRate = new ArrayList<>();
        List<Double> floorRate = new ArrayList<>();
        long records = 0;
        for (int i = 0; i < runs; i++) {
            JsonNode result = rebuild("rm_bench_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_" + i, i == 0,
                    false);
            records = result.path("records").asLong();
            double replay = records / (result.path("millis").asLong() / 1000.0);
            List<String> topics = new ArrayList<>();
            for (Iterator<String> t = result.path("recordsPerTopic").fieldNames(); t.hasNext(); ) {
                topics.add(t.next());
            }
            double plain = ReplayBaselines.inOwnJvm("plain", suite.kafka().bootstrapServers(), String.join(",", topics),
                    Long.toString(records));
            double floor = ReplayBaselines.inOwnJvm("floor", suite.postgres().jdbcUrl("reporting"), live, Long.toString(EVENTS));
            replayRate.add(replay);
            plainRate.add(plain);
            floorRate.add(floor);
            System.out.printf("(run %d: rebuild %,d records in %.1f s = %,.0f/s; plain consumer %,.0f/s; PostgreSQL's floor "
                    + "%,.0f/s)%n", i + 1, records, result.path("millis").asLong() / 1000.0, replay, plain, floor);
        }
        double replay = Stats.median(replayRate);
        double plain = Stats.median(plainRate);
        double floor = Stats.median(floorRate);
        System.out.printf("%n## Reporting consumer: replay into fresh read models (goal: ≥ 30%% of a plain consumer)%n%n");
        System.out.printf("%,d evidence events published in %.0f s; the live read models had them all %.0f s after "
                + "publishing began.%n%n", EVENTS, published, caughtUp);
        System.out.printf("| | events per second |%n|---|---|%n");
        System.out.printf("| rebuild into a fresh schema (%,d records, every topic) | %,.0f |%n", records, replay);
        System.out.printf("| plain Kafka consumer, same topics, JSON parsed | %,.0f |%n", plain);
        System.out.printf("| PostgreSQL's floor: the same evidence rows COPYed into a table of that shape, its indexes built after | %,.0f |%n",
                floor);
        System.out.printf("| **ratio to the plain consumer** | **%.0f%%** |%n", 100 * replay / plain);
        System.out.printf("| ratio to PostgreSQL's floor | %.0f%% |%n%n", 100 * replay / floor);
        System.out.printf("Medians of %d runs.%n%n", runs);

        // Not measured: one more rebuild with reporting-service under the flight recorder.
        if (STATEMENTS) {
            for (String service : Suite.SERVICES) {
                new StatementCounts(suite.postgres(), Suite.database(service)).reset();
            }
        }
        Profile profile = Profile.start(suite.service("reporting-service").pid());
        JsonNode profiled = rebuild("rm_bench_profile_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36), false,
                STATEMENTS);
        profile.stop().print("Where reporting-service's CPU goes in a rebuild (one more, not counted above, under Java "
                + "Flight Recorder)", "reporting-service",
                profiled.path("records").asLong() / (profiled.path("millis").asLong() / 1000.0), "event");
    }

    private void publish() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", suite.kafka().bootstrapServers());
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("batch.size", Integer.toString(256 * 1024));
        Instant start = Instant.now().minus(Duration.ofDays(365));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < EVENTS; i++) {
                String externalId = "replay-" + i;
                String kind = switch ((int) (i % 3)) {
                    case 0 -> "\"kind\":\"CALL\",\"method\":\"CALL_RECORD\",\"durationSeconds\":" + (60 + i % 600);
                    case 1 -> "\"kind\":\"VISIT\",\"method\":\"GEO_CHECKIN\",\"distanceMeters\":" + (i % 200);
                    default -> "\"kind\":\"MEETING\",\"method\":\"CALENDAR_EVENT\"";
                };
                String json = "{\"source\":\"bench-pbx\",\"externalId\":\"" + externalId + "\",\"personId\":\"rp-"
                        + (i % 1000) + "\",\"customerRef\":\"ref:rc" + (i % 50000) + "\"," + kind + ",\"occurredAt\":\""
                        + start.plusSeconds(i * 31) + "\"}";
                RecordHeaders headers = new RecordHeaders();
                headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                // An integrator publishing on the topic names itself; "bench" is bound to the source bench-pbx (Suite).
                headers.add("ce_source", "/integrators/bench".getBytes(StandardCharsets.UTF_8));
                headers.add("ce_type", "io.closedloop.evidence.recorded.v1".getBytes(StandardCharsets.UTF_8));
                headers.add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
                headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>("evidence", null, "bench-pbx/" + externalId,
                        json.getBytes(StandardCharsets.UTF_8), headers));
            }
            producer.flush();
        }
    }

    /**
     * Starts a rebuild job and follows it to its end: records read, per topic, and the job's own duration. With
     * {@code check}, the rebuilt schema is then compared with the live one (see {@link #checkAgreement}); with
     * {@code statements}, the statements since the last reset are printed per record read, before anything else runs.
     */
    private JsonNode rebuild(String schema, boolean check, boolean statements) throws Exception {
        HttpResponse<String> r = reporting.post("/admin/read-models/rebuilds",
                "{\"schema\":\"" + schema + "\",\"live\":false}", Duration.ofMinutes(1));
        if (r.statusCode() != 202) {
            throw new IllegalStateException("rebuild → " + r.statusCode() + " " + r.body());
        }
        String id = JSON.readTree(r.body()).path("id").asText();
        JsonNode job;
        do {
            Thread.sleep(200);
            job = JSON.readTree(reporting.get("/admin/read-models/rebuilds/" + id).body());
        } while (job.path("state").asText().equals("RUNNING"));
        if (!job.path("state").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException("rebuild " + id + " ended " + job);
        }
        com.fasterxml.jackson.databind.node.ObjectNode result = JSON.createObjectNode();
        result.put("records", job.path("recordsRead").asLong());
        result.put("millis", java.time.Duration.between(java.time.Instant.parse(job.path("startedAt").asText()),
                java.time.Instant.parse(job.path("finishedAt").asText())).toMillis());
        com.fasterxml.jackson.databind.node.ObjectNode perTopic = result.putObject("recordsPerTopic");
        job.path("topics").fields().forEachRemaining(t -> perTopic.put(t.getKey(), t.getValue().path("read").asLong()));
        String steps = java.nio.file.Files.readAllLines(suite.service("reporting-service").logFile()).reversed().stream()
                .filter(line -> line.contains("Rebuilt read models in " + schema + " ")).findFirst().orElse("(not logged)");
        System.out.printf("(%s: %s)%n", schema, steps.substring(Math.max(0, steps.indexOf("Rebuilt read models"))));
        if (statements) {
            StatementCounts.printHeaviest(suite, "The rebuild's statements by execution time per record read", "record",
                    result.path("records").asLong());
        }
        try (Connection c = reporting.connect(); Statement s = c.createStatement()) {
            if (check) {
                checkAgreement(c, reporting.liveSchema(), schema);
            }
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        return result;
    }

    /**
     * The agreement check: every table of the read models, row for row in both directions, holds in the rebuilt schema
     * exactly what the live path built from the same events (the inbox aside: the bulk load records no event ids).
     */
    private static void checkAgreement(Connection c, String live, String rebuilt) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = '" + live + "' AND table_type = 'BASE TABLE' AND table_name <> 'inbox_event' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        long rows = 0;
        long started = System.nanoTime();
        for (String table : tables) {
            String columns;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT string_agg(column_name, ', ' "
                    + "ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '" + live
                    + "' AND table_name = '" + table + "'")) {
                rs.next();
                columns = rs.getString(1);
            }
            long differences = scalar(c, "SELECT (SELECT count(*) FROM (SELECT " + columns + " FROM " + live + "." + table
                    + " EXCEPT ALL SELECT " + columns + " FROM " + rebuilt + "." + table + ") a) + (SELECT count(*) FROM (SELECT "
                    + columns + " FROM " + rebuilt + "." + table + " EXCEPT ALL SELECT " + columns + " FROM " + live + "." + table
                    + ") b)");
            if (differences != 0) {
                throw new IllegalStateException("agreement check failed: " + differences + " rows of " + table
                        + " differ between the live schema " + live + " and the rebuilt " + rebuilt);
            }
            rows += scalar(c, "SELECT count(*) FROM " + live + "." + table);
        }
        System.out.printf("(agreement check: the rebuilt schema holds exactly the live one's rows in all %d tables of the "
                + "read models, %,d rows, checked in %.0f s)%n", tables.size(), rows, (System.nanoTime() - started) / 1e9);
    }

    private static long scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
