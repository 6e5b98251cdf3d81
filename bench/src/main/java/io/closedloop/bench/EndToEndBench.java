package io.closedloop.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.Suite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Goal 2: a lead acknowledged in leads-service → the referral loop's receipt recorded by feedback-service → the
 * reporting read model updated, p50/p99 at 200 and 1,000 acknowledgments per second (and at 50/s, which this machine
 * sustains, to show the latency of an unsaturated pipeline), beside a bare Kafka produce→consume round trip on the
 * same broker at the same rates.
 *
 * <p>Referrals are taken in first (not measured), every loop is seen in reporting's read model and every consumer
 * group has caught up before the clock starts. Then the owners acknowledge them on a fixed schedule; a watcher asks
 * reporting's {@code loop_fact} every 20 ms for receipts and takes the commit time of each receipt's row from
 * PostgreSQL. Each latency runs from the moment the acknowledgment was due to that commit, so it includes the HTTP
 * call, both Kafka hops and both consumers' transactions.
 */
final class EndToEndBench {

    /** Offered rates; {@code -Dbench.e2e.rates=200,400} to explore others. */
    private static final List<Integer> RATES = Arrays.stream(System.getProperty("bench.e2e.rates", "50,200,1000")
            .split(",")).map(String::strip).map(Integer::valueOf).toList();
    private static final Duration FOR = Duration.ofSeconds(Long.getLong("bench.e2e.seconds", 5));
    /** How often the watcher looks for receipts in reporting's read model ({@link #watch}). */
    private static final Duration WATCH_EVERY = Duration.ofMillis(Long.getLong("bench.e2e.watch-ms", 50));
    /**
     * The most receipts one poll of the watcher looks up (the oldest still awaited). At 1,000/s offered, when it still
     * looked them up by lead, its backend took 0.35 of PostgreSQL's cores with every one awaited, 0.32 with the oldest
     * 1,000, 0.10 with the oldest 200 (BENCHMARKS.md, issue 18, twelfth session).
     */
    private static final int WATCH_AT_MOST = Integer.getInteger("bench.e2e.watch-at-most", 200);
    private static final String WATCHER_BACKEND = "watcher's backend";
    /** A machine this little busy has finished the work of the run before (the idle suite itself uses ~0.1 cores). */
    private static final double QUIET_CORES = 0.3;
    private static final Duration QUIET_AT_MOST = Duration.ofSeconds(60);
    private static final int AGENTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Suite suite;
    private final int runs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String admin = DevTokens.mint("bench-admin", "admin");
    /** One token per agent, minted once: signing one per request put an RSA signature in the load generator's path. */
    private final Map<String, String> agentTokens = new ConcurrentHashMap<>();
    private final Reporting reporting;
    private final LeadsApi leadsApi;
    private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    private long customers;

    EndToEndBench(Suite suite, int runs) {
        this.suite = suite;
        this.reporting = new Reporting(suite);
        this.leadsApi = new LeadsApi(suite);
        this.runs = runs;
    }

    record Lead(UUID id, String owner) {
    }

    /** Where one rate's time and CPU went (the last run's). */
    private record StageRow(double ackMillis, Stages.Consumer feedback, Stages.Consumer reporting, double endToEndMillis,
                            double throughput, Map<String, Double> cores) {
    }

    private final Map<Integer, StageRow> stages = new ConcurrentHashMap<>();

    /** {@code -Dbench.e2e.statements=true}: each rate's heaviest statements per database, by PostgreSQL's own time. */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.e2e.statements");
    /** A directory to write each run's latencies to, one line per acknowledgment in the order they were due. */
    private static final String DUMP = System.getProperty("bench.e2e.dump");

    /**
     * {@code -Dbench.e2e.profile=200}: after the counted runs, one more at that rate with every service under Java
     * Flight Recorder, and where each one's CPU went per acknowledgment.
     */
    private static final int PROFILE_RATE = Integer.getInteger("bench.e2e.profile", 0);

    void run() throws Exception {
        directory();
        String schema = reporting.liveSchema();
        Map<Integer, List<Double>> p50 = new ConcurrentHashMap<>();
        Map<Integer, List<Double>> p99 = new ConcurrentHashMap<>();
        Map<Integer, List<Double>> kafka50 = new ConcurrentHashMap<>();
        Map<Integer, List<Double>> kafka99 = new ConcurrentHashMap<>();
        // Warm up: one short round at the low rate, not counted.
        measure(schema, 200, Duration.ofSeconds(3));
        bareKafka(200, Duration.ofSeconds(3));
        for (int i = 0; i < runs; i++) {
            for (int rate : RATES) {
                List<Long> e2e = measure(schema, rate, FOR);
                List<Long> bare = bareKafka(rate, FOR);
                p50.computeIfAbsent(rate, r -> new ArrayList<>()).add(Stats.percentile(e2e, 50) / 1000.0);
                p99.computeIfAbsent(rate, r -> new ArrayList<>()).add(Stats.percentile(e2e, 99) / 1000.0);
                kafka50.computeIfAbsent(rate, r -> new ArrayList<>()).add(Stats.percentile(bare, 50) / 1000.0);
                kafka99.computeIfAbsent(rate, r -> new ArrayList<>()).add(Stats.percentile(bare, 99) / 1000.0);
                System.out.printf("(run %d at %d/s: end to end p50 %.1f ms p99 %.1f ms over %d; bare Kafka p50 %.2f ms p99 %.2f ms)%n",
                        i + 1, rate, p50.get(rate).getLast(), p99.get(rate).getLast(), e2e.size(),
                        kafka50.get(rate).getLast(), kafka99.get(rate).getLast());
            }
        }
        System.out.printf("%n## End to end: acknowledged → loop receipt in feedback → reporting read model (goal: p99 ≤ 50 ms at 1,000/s)%n%n");
        System.out.printf("| offered (per s) | end to end p50 (ms) | end to end p99 (ms) | bare Kafka round trip p50 (ms) | p99 (ms) | p99 ratio |%n");
        System.out.printf("|---|---|---|---|---|---|%n");
        for (int rate : RATES) {
            double e99 = Stats.median(p99.get(rate));
            double k99 = Stats.median(kafka99.get(rate));
            System.out.printf("| %,d | %.1f | %.1f | %.2f | %.2f | %.0f× |%n", rate, Stats.median(p50.get(rate)), e99,
                    Stats.median(kafka50.get(rate)), k99, e99 / k99);
        }
        System.out.printf("%nMedians of %d runs of %d s per rate. End to end crosses two Kafka hops (leads.events, then "
                + "feedback.events), three services and three databases; the baseline is one hop with nothing behind it.%n%n",
                runs, FOR.toSeconds());
        System.out.printf("### Where the time goes (last run per rate)%n%n");
        System.out.printf("| offered (per s) | completed (per s) | acknowledgment answered p50 (ms) | LeadAcknowledged → feedback commit p50 / p99 (ms) "
                + "| events per feedback batch, batch (ms) | LoopReceiptRecorded → reporting commit p50 / p99 (ms) | events per reporting batch, batch (ms) "
                + "| end to end p50 (ms) | cores: leads, feedback, reporting, bench JVM (load, watcher, Kafka broker), PostgreSQL, machine (of which stolen by the host) |%n|---|---|---|---|---|---|---|---|---|%n");
        for (int rate : RATES) {
            StageRow r = stages.get(rate);
            System.out.printf("| %,d | %,.0f | %.1f | %.0f / %.0f | %.1f, %.1f | %.0f / %.0f | %.1f, %.1f | %.1f | %.2f, %.2f, %.2f, %.2f, %.2f, %.2f (%.2f) |%n",
                    rate, r.throughput(), r.ackMillis(), r.feedback().delayP50Millis(), r.feedback().delayP99Millis(),
                    r.feedback().eventsPerBatch(), r.feedback().batchMeanMillis(), r.reporting().delayP50Millis(),
                    r.reporting().delayP99Millis(), r.reporting().eventsPerBatch(), r.reporting().batchMeanMillis(),
                    r.endToEndMillis(), r.cores().get("leads-service"), r.cores().get("feedback-service"),
                    r.cores().get("reporting-service"), r.cores().get("load generator"), r.cores().get("PostgreSQL"),
                    r.cores().get("machine"), r.cores().get("stolen"));
        }
        System.out.printf("%nThe consumers' delays run from the event's time (its transaction in the service before) to "
                + "the commit of its effect, so they include the relay, the Kafka hop and the wait for a batch; their "
                + "medians are read from the services' histograms, to a bucket's bound. Completed: acknowledgments per "
                + "second from the first one due to the last receipt seen in reporting. PostgreSQL's cores include "
                + "the backend of the benchmark's watcher (%s cores at each rate).%n%n", RATES.stream()
                .map(rate -> String.format(java.util.Locale.ROOT, "%.2f", stages.get(rate).cores().get(WATCHER_BACKEND)))
                .collect(java.util.stream.Collectors.joining(", ")));
        if (PROFILE_RATE > 0) {
            profiled(schema, PROFILE_RATE);
        }
    }

    /** One more run, not counted: each service's CPU per acknowledgment by thread, library and method. */
    private void profiled(String schema, int rate) throws Exception {
        profiling = true;
        List<Long> e2e = measure(schema, rate, FOR);
        profiling = false;
        for (String service : java.util.stream.Stream.concat(Suite.SERVICES.stream(), java.util.stream.Stream.of(BENCH_JVM)).toList()) {
            profiles.get(service).print("Where " + service + "'s CPU goes at " + rate + " acknowledgments/s (one more run, "
                    + "not counted above, every service under Java Flight Recorder from the first acknowledgment to the "
                    + "last receipt: end to end p50 " + String.format("%.1f ms", Stats.percentile(e2e, 50) / 1000.0) + ")",
                    service, rate, "acknowledgment");
        }
        System.out.printf("## Where PostgreSQL's CPU goes at %d acknowledgments/s (the same run)%n%n| processes | cores | ms per "
                + "acknowledgment |%n|---|---|---|%n", rate);
        postgresProfile.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.005)
                .forEach(e -> System.out.printf("| %s | %.2f | %.3f |%n", e.getKey(), e.getValue(), 1000 * e.getValue() / rate));
        System.out.println();
    }

    private static final String BENCH_JVM = "the benchmark's JVM (load, watcher, Kafka broker)";
    private volatile boolean profiling;
    private volatile Map<String, Double> postgresProfile = Map.of();
    private final Map<String, Profile.Result> profiles = new ConcurrentHashMap<>();

    /** Referrals ready to be acknowledged: taken in, assigned, and their loops known to reporting. */
    private List<Lead> prepare(String schema, int count) throws Exception {
        List<Lead> leads = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        String referrer = DevTokens.mint("bench-referrer", "referrer");
        for (int i = 0; i < count; i++) {
            long n = ++customers;
            pool.submit(() -> intake(n, referrer, leads, failures));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        if (leads.size() != count) {
            throw new IllegalStateException("only " + leads.size() + " of " + count + " referrals were taken in; "
                    + failures.size() + " answered otherwise, the first: " + (failures.isEmpty() ? "none" : failures.getFirst()));
        }
        UUID[] ids = leads.stream().map(Lead::id).toArray(UUID[]::new);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try (Connection c = reporting.connect(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM " + schema + ".loop_fact WHERE lead_id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("uuid", ids));
            while (true) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == count) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reporting never saw every referral's loop");
                }
                Thread.sleep(100);
            }
        }
        return leads;
    }

    private void intake(long n, String referrer, List<Lead> leads, List<String> failures) {
        try {
            HttpResponse<String> r = call("leads-service", "POST", "/leads", """
                    {"source":"REFERRAL","customer":{"name":"Ms Echo","email":"e2e-%s-%d@example.com"},"product":"Echo widget"}"""
                    .formatted(run, n), referrer);
            JsonNode lead = JSON.readTree(r.body());
            if (r.statusCode() == 201 && !lead.path("ownerId").isTextual()) {
                // A referrer's view of their referral names its owner, not the owner's id: ask as the administrator.
                lead = JSON.readTree(call("leads-service", "GET", "/leads/" + lead.path("id").asText(), null, admin).body());
            }
            if (r.statusCode() != 201 || !lead.path("ownerId").isTextual()) {
                failures.add(r.statusCode() + " " + r.body());
                return;
            }
            leads.add(new Lead(UUID.fromString(lead.path("id").asText()), lead.path("ownerId").asText()));
        } catch (Exception e) {
            failures.add(e.toString());
        }
    }

    private List<Long> measure(String schema, int rate, Duration duration) throws Exception {
        int count = (int) (rate * duration.toSeconds());
        List<Lead> leads = prepare(schema, count);
        Pipeline.awaitQuiet(suite);
        Map<UUID, List<UUID>> loopsOfLead = loopsOf(schema, leads);
        // Each run from a quiet machine, not from the clean-ups of the run before (a 1,000/s run leaves tens of
        // seconds of them).
        Duration settled = Pipeline.awaitIdleMachine(QUIET_CORES, QUIET_AT_MOST);
        if (settled.toSeconds() > 2) {
            System.out.printf("(waited %d s for a quiet machine before the run at %d/s)%n", settled.toSeconds(), rate);
        }
        Map<UUID, Long> due = new ConcurrentHashMap<>();
        Map<UUID, Long> seen = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicLong watcherBackend = new AtomicLong();
        Thread watcher = Thread.ofPlatform().start(() -> watch(schema, leads, loopsOfLead, due, seen, watching, watcherBackend));
        Stages.Snapshot before = Stages.Snapshot.take(suite);
        if (STATEMENTS) {
            for (String service : Suite.SERVICES) {
                new StatementCounts(suite.postgres(), Suite.database(service)).reset();
            }
        }
        Map<String, Profile> recordings = new java.util.LinkedHashMap<>();
        if (profiling) {
            for (String service : Suite.SERVICES) {
                recordings.put(service, Profile.start(suite.service(service).pid()));
            }
            recordings.put(BENCH_JVM, Profile.start(ProcessHandle.current().pid()));
        }
        Cpu cpu = Cpu.ofSuite(suite);
        cpu.start();
        Load.Result answered = null;
        Map<String, Double> cores = null;
        try {
            Load.Result acks = Load.open(rate, duration, n -> {
                Lead lead = leads.get((int) n);
                return leadsApi.acknowledgment(agentTokens.computeIfAbsent(lead.owner(), owner -> DevTokens.mint(owner, "agent")),
                        lead.id());
            }, (n, dueNanos) -> due.put(leads.get(n.intValue()).id(), dueNanos));
            answered = acks;
            if (acks.failed() > 0) {
                throw new IllegalStateException(acks.failed() + " acknowledgments failed");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // While the watcher's connection is still open: its backend ends with it, and /proc forgets an ended
            // process — the watcher's own load on PostgreSQL would go unseen (WATCH_AT_MOST says how much it was).
            cores = cpu.stop();
            cores.put(WATCHER_BACKEND, cpu.postgresProcess(watcherBackend.get()));
        } finally {
            watching.set(false);
            watcher.join();
        }
        if (seen.size() < count) {
            throw new IllegalStateException("reporting saw " + seen.size() + " of " + count + " receipts within a minute");
        }
        List<Long> micros = new ArrayList<>(count);
        seen.forEach((id, at) -> micros.add((at - due.get(id)) / 1_000));
        if (DUMP != null) {
            dump(rate, due, seen);
        }
        if (profiling) {
            postgresProfile = new java.util.TreeMap<>(cpu.postgresByProcess());
        }
        for (Map.Entry<String, Profile> recording : recordings.entrySet()) {
            profiles.put(recording.getKey(), recording.getValue().stop());
        }
        Stages.Snapshot after = Stages.Snapshot.take(suite);
        if (STATEMENTS) {
            StatementCounts.printHeaviest(suite, rate + "/s: statements by execution time per acknowledgment", "ack", count);
        }
        long last = seen.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long first = due.values().stream().mapToLong(Long::longValue).min().orElse(0);
        stages.put(rate, new StageRow(answered.percentileMillis(50), Stages.of(before, after, "feedback-service", "feedback.lead-events"),
                Stages.of(before, after, "reporting-service", "reporting.feedback-events"), Stats.percentile(micros, 50) / 1000.0,
                count / ((last - first) / 1e9), cores));
        return micros;
    }

    /** Writes "due (ms from the first), end to end (ms)" per acknowledgment, in due order, to see whether slow ones bunch. */
    private static void dump(int rate, Map<UUID, Long> due, Map<UUID, Long> seen) throws java.io.IOException {
        long first = due.values().stream().mapToLong(Long::longValue).min().orElse(0);
        List<String> lines = due.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(e -> String.format(java.util.Locale.ROOT, "%.1f %.1f", (e.getValue() - first) / 1e6,
                        (seen.get(e.getKey()) - e.getValue()) / 1e6))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        long nanoToWallMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        lines.addFirst("# first due at " + java.time.Instant.ofEpochMilli(first / 1_000_000 + nanoToWallMillis));
        java.nio.file.Path dir = java.nio.file.Path.of(DUMP);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve("e2e-" + rate + "-" + System.currentTimeMillis() + ".txt"), lines);
    }

    /**
     * Which of the acknowledged leads have their receipt in reporting's read model, and since when. {@code leads} in the
     * order their acknowledgments fall due.
     */
    private void watch(String schema, List<Lead> leads, Map<UUID, List<UUID>> loopsOfLead, Map<UUID, Long> due,
                       Map<UUID, Long> seen, AtomicBoolean watching, AtomicLong backend) {
        // The receipt's arrival is its row's commit time in PostgreSQL (track_commit_timestamp), on the wall clock:
        // brought to System.nanoTime's scale, as the schedule is, so how often the watcher looks takes nothing from the
        // latency. Every 50 ms (-Dbench.e2e.watch-ms): at 20 ms its lookups of every receipt still awaited took
        // 0.45-0.57 ms of PostgreSQL's time per acknowledgment in 20-s runs at 200/s, more as the backlog grew — load
        // the pipeline then shared. A row updated again before the poll (the loop's receipt echo applied in a later
        // batch) shows the later commit: the figure can only err high.
        long wallToNano = System.nanoTime() - System.currentTimeMillis() * 1_000_000L;
        try (Connection c = reporting.connect(); PreparedStatement q = c.prepareStatement("SELECT lead_id, "
                + "(extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint FROM " + schema
                + ".loop_fact WHERE loop_id = ANY (?) AND receipt_at IS NOT NULL")) {
            try (Statement pid = c.createStatement(); ResultSet rs = pid.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend.set(rs.getLong(1));
            }
            int oldest = 0;
            while (watching.get()) {
                long started = System.nanoTime();
                while (oldest < leads.size() && seen.containsKey(leads.get(oldest).id())) {
                    oldest++;
                }
                UUID[] pending = awaited(leads, oldest, due, seen, WATCH_AT_MOST);
                if (pending.length > 0) {
                    UUID[] loops = Arrays.stream(pending).flatMap(lead -> loopsOfLead.get(lead).stream())
                            .toArray(UUID[]::new);
                    q.setArray(1, c.createArrayOf("uuid", loops));
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            seen.putIfAbsent(rs.getObject(1, UUID.class), rs.getLong(2) * 1_000L + wallToNano);
                        }
                    }
                }
                long sleep = WATCH_EVERY.toNanos() - (System.nanoTime() - started);
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The loops each lead opened in reporting's read model: the watcher looks receipts up by the loop's key. By the
     * lead it scanned the whole table at every poll (no index serves it, and the service needs none), a cost that grew
     * with every run on the same schema: 0.17-0.21 of PostgreSQL's cores in the 30-s record.
     */
    private Map<UUID, List<UUID>> loopsOf(String schema, List<Lead> leads) throws SQLException, InterruptedException {
        UUID[] ids = leads.stream().map(Lead::id).toArray(UUID[]::new);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection c = reporting.connect(); PreparedStatement q = c.prepareStatement(
                "SELECT loop_id, lead_id FROM " + schema + ".loop_fact WHERE lead_id = ANY (?)")) {
            while (true) {
                Map<UUID, List<UUID>> loopsOfLead = new HashMap<>();
                q.setArray(1, c.createArrayOf("uuid", ids));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        loopsOfLead.computeIfAbsent(rs.getObject(2, UUID.class), lead -> new ArrayList<>())
                                .add(rs.getObject(1, UUID.class));
                    }
                }
                int leadsWithLoops = loopsOfLead.size();
                if (leadsWithLoops == ids.length) {
                    return loopsOfLead;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reporting holds loops of " + leadsWithLoops + " of " + ids.length
                            + " leads taken in a minute ago");
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * The receipts still awaited, at most {@code atMost} of the oldest: receipts arrive nearly in the order
     * acknowledgments fell due, and one looked up a poll later still shows its own commit time. Every awaited one at
     * each poll cost PostgreSQL in proportion to the backlog, taken from the pipeline it measures
     * ({@link #WATCH_AT_MOST}).
     */
    static UUID[] awaited(List<Lead> leads, int oldest, Map<UUID, Long> due, Map<UUID, Long> seen, int atMost) {
        List<UUID> awaited = new ArrayList<>();
        for (int i = oldest; i < leads.size() && awaited.size() < atMost; i++) {
            UUID id = leads.get(i).id();
            if (!due.containsKey(id)) {
                break; // not yet due, nor is any after it
            }
            if (!seen.containsKey(id)) {
                awaited.add(id);
            }
        }
        return awaited.toArray(UUID[]::new);
    }

    /** The baseline: a record produced to a topic of its own and consumed back, at the same schedule. */
    private List<Long> bareKafka(int rate, Duration duration) throws Exception {
        // From a quiet machine too, or the baseline would pay for the pipeline's clean-ups and flatter the ratio.
        Pipeline.awaitIdleMachine(QUIET_CORES, QUIET_AT_MOST);
        String topic = "bench.roundtrip." + run + "." + System.nanoTime();
        Properties common = new Properties();
        common.put("bootstrap.servers", suite.kafka().bootstrapServers());
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.putAll(common);
        p.put("acks", "all");
        p.put("linger.ms", "0");
        Properties c = new Properties();
        c.putAll(common);
        c.put("group.id", topic);
        c.put("auto.offset.reset", "earliest");
        c.put("fetch.max.wait.ms", "100");
        int count = (int) (rate * duration.toSeconds());
        long[] dueAt = new long[count];
        List<Long> micros = java.util.Collections.synchronizedList(new ArrayList<>());
        try (KafkaProducer<Long, String> producer = new KafkaProducer<>(p, new LongSerializer(), new StringSerializer());
             KafkaConsumer<Long, String> consumer = new KafkaConsumer<>(c, new LongDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    Load.paced(rate, count, (i, due) -> {
                        dueAt[i.intValue()] = due;
                        producer.send(new ProducerRecord<>(topic, i, "{\"n\":" + i + "}"));
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + duration.toNanos() + Duration.ofSeconds(30).toNanos();
            while (micros.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<Long, String> record : consumer.poll(Duration.ofMillis(50))) {
                    micros.add((System.nanoTime() - dueAt[record.key().intValue()]) / 1_000);
                }
            }
            sender.join();
        }
        if (micros.size() < count) {
            throw new IllegalStateException("bare Kafka: consumed " + micros.size() + " of " + count);
        }
        return micros;
    }

    private void directory() throws Exception {
        String always = "{\"MONDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}],\"TUESDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}],"
                + "\"WEDNESDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}],\"THURSDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}],"
                + "\"FRIDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}],\"SATURDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}],"
                + "\"SUNDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}]}";
        expect(call("leads-service", "PUT", "/teams/e2e-team", """
                {"name":"Echo team","managerId":"e2e-manager","timeZone":"UTC","businessHours":%s}""".formatted(always), admin));
        for (int i = 0; i < AGENTS; i++) {
            expect(call("leads-service", "PUT", "/people/e2e-agent-" + i, """
                    {"name":"Echo agent %d","roles":["AGENT"],"teamId":"e2e-team","active":true}""".formatted(i), admin));
        }
        expect(call("leads-service", "PUT", "/people/bench-referrer", """
                {"name":"Bench referrer","roles":["REFERRER"],"active":true}""", admin));
        String rules = JSON.readTree(call("leads-service", "GET", "/assignment-rules", null, admin).body()).path("rules").toString();
        String echo = """
                {"id":"e2e","name":"Echo widgets to the echo team","match":{"products":["Echo widget"]},
                 "target":{"teamId":"e2e-team","strategy":"ROUND_ROBIN"}}""";
        expect(call("leads-service", "PUT", "/assignment-rules", "{\"rules\":[" + echo
                + (rules.equals("[]") ? "" : "," + rules.substring(1, rules.length() - 1)) + "]}", admin));
    }

    private static void expect(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> call(String service, String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = Load.to(suite.service(service).url() + path).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
