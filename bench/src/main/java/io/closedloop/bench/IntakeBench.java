package io.closedloop.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.closedloop.stack.DevTokens;
import io.closedloop.stack.PostgresServer;
import io.closedloop.stack.Suite;

/**
 * Goal 1: {@code POST /leads} against pgbench running the equivalent transaction — a lead row and an outbox row in
 * one transaction, in tables shaped exactly like the service's (LIKE … INCLUDING ALL, in a schema of their own so
 * the relay never sees them) — on the same PostgreSQL, in the same run, alternating.
 *
 * <p>Throughput: as fast as 8 clients go, 15 s. Latency: 200 leads/s offered on a fixed schedule, 15 s. Meanwhile
 * the RSS of all three services is sampled (feedback and reporting consume every lead's events).
 */
final class IntakeBench {

    private static final int CLIENTS = 8;
    private static final Duration THROUGHPUT_FOR = Duration.ofSeconds(15);
    private static final int OFFERED = 200;
    private static final Duration LATENCY_FOR = Duration.ofSeconds(15);
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Suite suite;
    private final LeadsApi api;
    private final int runs;
    private final Path pgbench;
    private final String token = DevTokens.mint("bench-agent", "agent");
    private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    /** Every lead of the whole benchmark has its own e-mail: a repeated one is a likely duplicate, answered 409. */
    private final java.util.concurrent.atomic.AtomicLong customers = new java.util.concurrent.atomic.AtomicLong();

    IntakeBench(Suite suite, int runs) {
        this.suite = suite;
        this.api = new LeadsApi(suite);
        this.runs = runs;
        this.pgbench = Path.of(System.getProperty("bench.pgbench", "pgbench"));
    }

    void run() throws Exception {
        prepareBaselineTables();
        Path script = Files.createTempFile("intake-", ".sql");
        Files.writeString(script, """
                BEGIN;
                INSERT INTO bench.lead (id, version, status, source, customer_name, email, customer_ref, product,
                    estimated_value, currency, created_by, created_at, updated_at)
                VALUES (gen_random_uuid(), 1, 'QUEUED', 'INBOUND', 'Ms Bench', 'bench-' || random() || '@example.com',
                    'email:bench@example.com', 'Business loan', 4200, 'EUR', 'bench-agent', now(), now());
                INSERT INTO bench.outbox_event (lane, event_id, topic, event_key, event_type, subject, occurred_at, payload)
                VALUES (7, gen_random_uuid(), 'leads.events', gen_random_uuid()::text, 'io.closedloop.lead.received.v1',
                    'lead', now(), '%s');
                COMMIT;
                """.formatted(samplePayload()));

        Path replay = Files.createTempFile("intake-replay-", ".sql");
        Files.writeString(replay, replayScript());
        api.teamTakingInTurn(DevTokens.mint("bench-admin", "admin"), "intake-team", "intake-manager",
                List.of("intake-agent-1", "intake-agent-2", "intake-agent-3", "intake-agent-4"), "Routed widget");

        // Warm every path (JIT, caches, connection pools) before measuring.
        Load.closed(CLIENTS, Duration.ofSeconds(10), this::newLead);
        Load.closed(CLIENTS, Duration.ofSeconds(5), this::newRoutedLead);
        pgbench(script, List.of("-c", Integer.toString(CLIENTS), "-j", "2", "-T", "5"));
        pgbench(replay, List.of("-c", Integer.toString(CLIENTS), "-j", "2", "-T", "5"));

        List<Double> serviceTps = new ArrayList<>();
        List<Double> baselineTps = new ArrayList<>();
        List<Double> replayTps = new ArrayList<>();
        List<Double> routedTps = new ArrayList<>();
        List<Map<String, Double>> cpu = new ArrayList<>();
        List<Double> serviceP50 = new ArrayList<>();
        List<Double> serviceP99 = new ArrayList<>();
        List<Double> baselineP50 = new ArrayList<>();
        List<Double> baselineP99 = new ArrayList<>();
        Map<String, Long> peakRss = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> Suite.SERVICES.forEach(name ->
                peakRss.merge(name, Rss.megabytes(suite.service(name).pid()), Math::max)), 0, 500, TimeUnit.MILLISECONDS);
        try {
            for (int i = 0; i < runs; i++) {
                Cpu meter = Cpu.ofSuite(suite);
                meter.start();
                Load.Result closed = Load.closed(CLIENTS, THROUGHPUT_FOR, this::newLead);
                cpu.add(meter.stop());
                serviceTps.add(closed.perSecond());
                baselineTps.add(tps(script));
                replayTps.add(tps(replay));
                routedTps.add(Load.closed(CLIENTS, THROUGHPUT_FOR, this::newRoutedLead).perSecond());

                Load.Result open = Load.open(OFFERED, LATENCY_FOR, this::newLead);
                if (open.failed() > 0) {
                    System.out.printf("(run %d: %d of %d requests failed)%n", i + 1, open.failed(), open.ok() + open.failed());
                }
                serviceP50.add(open.percentileMillis(50));
                serviceP99.add(open.percentileMillis(99));
                List<Long> pgLatencies = pgbenchLatenciesMicros(script);
                baselineP50.add(Stats.percentile(pgLatencies, 50) / 1000.0);
                baselineP99.add(Stats.percentile(pgLatencies, 99) / 1000.0);
                System.out.printf("(run %d: service %.0f/s p50 %.1f ms p99 %.1f ms; pgbench %.0f tps p50 %.2f ms p99 %.2f ms)%n",
                        i + 1, serviceTps.getLast(), serviceP50.getLast(), serviceP99.getLast(), baselineTps.getLast(),
                        baselineP50.getLast(), baselineP99.getLast());
            }
        } finally {
            sampler.shutdownNow();
        }

        double service = Stats.median(serviceTps);
        double baseline = Stats.median(baselineTps);
        System.out.printf("%n## Lead intake against pgbench (goal: ≥ 50%% of the baseline's transactions per second)%n%n");
        System.out.printf("| | throughput, %d clients (per s) | p50 at %d/s (ms) | p99 at %d/s (ms) |%n|---|---|---|---|%n",
                CLIENTS, OFFERED, OFFERED);
        System.out.printf("| `POST /leads` (leads-service) | %.0f | %.1f | %.1f |%n", service, Stats.median(serviceP50), Stats.median(serviceP99));
        System.out.printf("| pgbench, lead + outbox rows | %.0f | %.2f | %.2f |%n", baseline, Stats.median(baselineP50), Stats.median(baselineP99));
        System.out.printf("| **ratio** | **%.0f%%** | | |%n%n", 100 * service / baseline);
        double replayed = Stats.median(replayTps);
        double routed = Stats.median(routedTps);
        System.out.printf("The same intake seen apart, %d clients as fast as they go (transactions per second):%n%n", CLIENTS);
        System.out.printf("| | per s | service ÷ this |%n|---|---|---|%n");
        System.out.printf("| `POST /leads`, unrouted | %.0f | |%n", service);
        System.out.printf("| `POST /leads`, routed to a team in turn | %.0f | |%n", routed);
        System.out.printf("| pgbench, two rows (lead + outbox) | %.0f | %.0f%% |%n", baseline, 100 * service / baseline);
        System.out.printf("| pgbench replaying the service's statements for an unrouted intake (contact lock, duplicate "
                + "lookup, one statement writing the lead, 2 history and 2 outbox rows; commit) | %.0f | %.0f%% |%n%n",
                replayed, 100 * service / replayed);
        System.out.printf("CPU during the unrouted throughput runs (cores of %d; medians):%n%n| process | cores |%n|---|---|%n",
                Runtime.getRuntime().availableProcessors());
        for (String name : cpu.getFirst().keySet()) {
            System.out.printf("| %s | %.2f |%n", name,
                    Stats.median(cpu.stream().map(m -> m.get(name)).toList()));
        }
        System.out.printf("%n(machine: every process, PostgreSQL and the Kafka broker included; the load generator is this "
                + "benchmark's JVM.)%n%n");
        System.out.printf("Medians of %d runs; each run: %d s as fast as %d clients go, then %d s at %d/s offered.%n%n",
                runs, THROUGHPUT_FOR.toSeconds(), CLIENTS, LATENCY_FOR.toSeconds(), OFFERED);
        System.out.printf("Peak RSS during the intake runs (all three services busy: feedback and reporting consume each lead's events):%n%n");
        System.out.printf("| service | peak RSS under load (MB) |%n|---|---|%n");
        Suite.SERVICES.forEach(name -> System.out.printf("| %s | %d |%n", name, peakRss.get(name)));
        System.out.println();
    }

    private double tps(Path script) throws IOException, InterruptedException {
        String out = pgbench(script, List.of("-c", Integer.toString(CLIENTS), "-j", "2", "-T",
                Long.toString(THROUGHPUT_FOR.toSeconds())));
        Matcher tps = TPS.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + out);
        }
        return Double.parseDouble(tps.group(1));
    }


    private HttpRequest newRoutedLead(long n) {
        return api.newLead(token, "Mr Routed", "routed-%s-%d@example.com".formatted(run, customers.incrementAndGet()),
                "Routed widget");
    }

    /**
     * The service's own statements for an unrouted intake (as pg_stat_statements lists them in the round-trip
     * benchmark), on tables shaped like the service's: the contact lock, the duplicate lookup, the one statement that
     * writes the lead with its two history and two outbox rows, the commit — four round trips.
     */
    private static String replayScript() {
        return """
                \\set n random(1, 2000000000)
                BEGIN;
                SELECT count(pg_advisory_xact_lock(hashtext(c))) FROM (SELECT unnest(ARRAY['lead-contact:replay-:client_id-:n@example.com']::text[]) AS c ORDER BY 1) contacts;
                SELECT * FROM bench.lead WHERE status NOT IN ('WON', 'LOST') AND email = 'replay-:client_id-:n@example.com' ORDER BY created_at LIMIT 1;
                WITH id AS (SELECT gen_random_uuid() AS v),
                  i0 AS (INSERT INTO bench.lead_history (lead_id, at, actor, action, reason, details)
                    SELECT id.v, u.c1::timestamptz, u.c2::text, u.c3::text, u.c4::text, u.c5::jsonb FROM id, unnest(
                      ARRAY[now()::text, now()::text], ARRAY['bench-agent', 'system'], ARRAY['received', 'queued'],
                      ARRAY[NULL, 'No assignment rule matches this lead'],
                      ARRAY['{"source":"INBOUND","priority":"NORMAL"}', '{"team":null}']) WITH ORDINALITY AS u(c1, c2, c3, c4, c5, n) ORDER BY u.n),
                  i1 AS (INSERT INTO bench.outbox_event (lane, event_id, topic, event_key, event_type, subject, occurred_at, payload)
                    SELECT u.c0::int, gen_random_uuid(), u.c2::text, id.v::text, u.c4::text, u.c5::text, now(), u.c7::text FROM id, unnest(
                      ARRAY['7', '7'], ARRAY['leads.events', 'leads.events'],
                      ARRAY['io.closedloop.lead.received.v1', 'io.closedloop.lead.queued.v1'], ARRAY['lead', 'lead'],
                      ARRAY['%1$s', '%1$s']) WITH ORDINALITY AS u(c0, c2, c4, c5, c7, n) ORDER BY u.n),
                  i2 AS (INSERT INTO bench.lead (id, version, status, source, customer_name, email, customer_ref, product,
                      estimated_value, currency, priority, next_due_at, created_by, created_at, updated_at)
                    SELECT id.v, 0, 'NEW', 'INBOUND', 'Ms Replay', 'replay-:client_id-:n@example.com', 'email:replay@example.com',
                      'Business loan', 4200::numeric, 'EUR', 'NORMAL', now(), 'bench-agent', now(), now() FROM id)
                SELECT 1;
                COMMIT;
                """.formatted(samplePayload());
    }

    private HttpRequest newLead(long n) {
        return api.newLead(token, "Ms Bench", "bench-%s-%d@example.com".formatted(run, customers.incrementAndGet()),
                "Business loan");
    }

    private void prepareBaselineTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(suite.postgres().jdbcUrl("leads"), PostgresServer.SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("CREATE TABLE IF NOT EXISTS bench.lead (LIKE public.lead INCLUDING ALL)");
            s.execute("CREATE TABLE IF NOT EXISTS bench.outbox_event (LIKE public.outbox_event INCLUDING ALL)");
            s.execute("CREATE TABLE IF NOT EXISTS bench.lead_history (LIKE public.lead_history INCLUDING ALL)");
        }
    }

    private String pgbench(Path script, List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(suite.postgres().port()), "-U", PostgresServer.SUPERUSER, "-n", "-f", script.toString()));
        command.addAll(options);
        command.add("leads");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + String.join(" ", command) + "\n" + out);
        }
        return out;
    }

    /** pgbench at the same offered rate, with a per-transaction log: latency plus schedule lag, as for the service. */
    private List<Long> pgbenchLatenciesMicros(Path script) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pgbench-log-");
        try {
            pgbench(script, List.of("-c", Integer.toString(CLIENTS), "-j", "2", "-T", Long.toString(LATENCY_FOR.toSeconds()),
                    "-R", Integer.toString(OFFERED), "-l", "--log-prefix=" + dir.resolve("tx")));
            List<Long> latencies = new ArrayList<>();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String[] f = line.trim().split("\\s+");
                        // client_id transaction_no time script_no time_epoch time_us schedule_lag
                        latencies.add(Long.parseLong(f[2]) + (f.length > 6 ? Long.parseLong(f[6]) : 0));
                    }
                }
            }
            return latencies;
        } finally {
            io.closedloop.stack.Directories.deleteRecursively(dir);
        }
    }

    private static String samplePayload() {
        return """
                {"leadId":"0b0c8c3e-5f7a-4b7e-9a55-0f7e7f2f7e11","source":"INBOUND","referrerId":null,\
                "customer":{"name":"Ms Bench","organisation":null,"email":"bench@example.com","phone":null},\
                "customerRef":"email:bench@example.com","product":"Business loan",\
                "estimatedValue":{"amount":4200.00,"currency":"EUR"},"territory":null,"urgency":null,\
                "createdBy":"bench-agent","receivedAt":"2026-11-23T10:00:00.000000Z"}""";
    }
}
