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
 * the relay never sees them) — on the same PostgreSQL, in the same run, alternating. Every pgbench script runs with
 * prepared statements ({@code -M prepared}), as the service's driver does once a statement has run five times.
 *
 * <p>Throughput: as fast as 8 clients go, 15 s. Latency: 200 leads/s offered on a fixed schedule, 15 s. Meanwhile
 * the RSS of all three services is sampled (feedback and reporting consume every lead's events).
 */
final class IntakeBench {

    private static final int CLIENTS = 8;
    private static final Duration THROUGHPUT_FOR = Duration.ofSeconds(15);
    private static final Duration FLOOR_FOR = Duration.ofSeconds(10);
    private static final int OFFERED = 200;
    private static final Duration LATENCY_FOR = Duration.ofSeconds(15);
    /** The acknowledgment replay's leads: ids 00000000-0000-4000-8000-FIRST+1 … FIRST+LEADS (twelve digits). */
    private static final long ACK_REPLAY_FIRST = 100_000_000_000L;
    private static final int ACK_REPLAY_LEADS = 100_000;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Suite suite;
    private final LeadsApi api;
    private final int runs;
    private final Path pgbench;
    private final String token = DevTokens.mint("bench-agent", "agent");
    private final String managerToken = DevTokens.mint("intake-manager", "manager");
    private final Map<String, String> ownerTokens = new ConcurrentHashMap<>();
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
        Path script = pgbenchScript("intake-", """
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
        Path replay = pgbenchScript("intake-replay-", replayScript());
        Path routedReplay = pgbenchScript("intake-routed-replay-", routedReplayScript());
        Path ackReplay = pgbenchScript("ack-replay-", ackReplayScript());
        api.teamTakingInTurn(DevTokens.mint("bench-admin", "admin"), "intake-team", "intake-manager",
                List.of("intake-agent-1", "intake-agent-2", "intake-agent-3", "intake-agent-4"), "Routed widget");

        // Warm every path (JIT, caches, connection pools) before measuring.
        Load.closed(CLIENTS, Duration.ofSeconds(10), this::newLead);
        Load.closed(CLIENTS, Duration.ofSeconds(5), this::newRoutedLead);
        Load.closed(CLIENTS, Duration.ofSeconds(5), this::rulesFromMemory);
        for (Path each : List.of(script, replay, routedReplay, ackReplay)) {
            pgbench(each, List.of("-c", Integer.toString(CLIENTS), "-j", "2", "-T", "5"));
        }
        acknowledgeAll(Duration.ofSeconds(10));

        List<Double> serviceTps = new ArrayList<>();
        List<Double> baselineTps = new ArrayList<>();
        List<Double> replayTps = new ArrayList<>();
        List<Double> routedTps = new ArrayList<>();
        List<Double> routedReplayTps = new ArrayList<>();
        List<Double> ackTps = new ArrayList<>();
        List<Double> ackReplayTps = new ArrayList<>();
        List<Double> floorTps = new ArrayList<>();
        List<Map<String, Double>> cpu = new ArrayList<>();
        List<Double> serviceP50 = new ArrayList<>();
        List<Double> serviceP99 = new ArrayList<>();
        List<Double> baselineP50 = new ArrayList<>();
        List<Double> baselineP99 = new ArrayList<>();
        Map<String, Long> peakRss = new ConcurrentHashMap<>();
        Profile.Result profileResult;
        double profiledRate;
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
                routedReplayTps.add(tps(routedReplay));
                ackTps.add(acknowledgeAll(THROUGHPUT_FOR).perSecond());
                ackReplayTps.add(tps(ackReplay));
                Load.Result floor = Load.closed(CLIENTS, FLOOR_FOR, this::rulesFromMemory);
                if (floor.failed() > 0) {
                    throw new IllegalStateException(floor.failed() + " reads of the assignment rules failed");
                }
                floorTps.add(floor.perSecond());

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
            // Not measured: one more unrouted run with leads-service under the flight recorder (whose own memory
            // would count in the peak RSS above, so the sampler stops first).
            sampler.shutdownNow();
            Profile profile = Profile.start(suite.service("leads-service").pid());
            Load.Result profiled = Load.closed(CLIENTS, THROUGHPUT_FOR, this::newLead);
            profileResult = profile.stop();
            profiledRate = profiled.perSecond();
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
                + "lookup, one statement writing the lead, 2 history and 2 outbox rows; commit) | %.0f | %.0f%% |%n",
                replayed, 100 * service / replayed);
        double routedReplayed = Stats.median(routedReplayTps);
        double acks = Stats.median(ackTps);
        double ackReplayed = Stats.median(ackReplayTps);
        System.out.printf("| pgbench replaying the service's statements for a routed intake (the same, with the rotation's "
                + "upsert and 2 timers) | %.0f | %.0f%% (routed) |%n", routedReplayed, 100 * routed / routedReplayed);
        System.out.printf("| `POST /leads/{id}/acknowledgment`, each by the lead's owner | %.0f | |%n", acks);
        System.out.printf("| pgbench replaying the service's statements for an acknowledgment (lead read and locked, "
                + "update, one statement cancelling and scheduling timers with the outbox and history rows; "
                + "commit) | %.0f | %.0f%% (acknowledgment) |%n%n", ackReplayed, 100 * acks / ackReplayed);
        double floor = Stats.median(floorTps);
        System.out.printf("The floor of this service on this machine: `GET /assignment-rules` by a manager — the same HTTP "
                + "server, bearer token, REST endpoint, transaction and JSON answer, but no SQL (the rules come from memory) "
                + "and no event — **%.0f per s** (runs %s), against half of pgbench's two-row transaction, %.0f per s.%n%n",
                floor, rounded(floorTps), baseline / 2);
        System.out.printf("(runs: unrouted %s; routed %s; acknowledgments %s per s)%n%n", rounded(serviceTps),
                rounded(routedTps), rounded(ackTps));
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
        profileResult.print("Where leads-service's CPU goes in an unrouted intake (one more %d s run, not counted above, "
                .formatted(THROUGHPUT_FOR.toSeconds()) + "under Java Flight Recorder)", "leads-service", profiledRate, "lead");
    }

    /** A pgbench script file of {@code sql}, as the prepared mode every run uses needs it ({@link #literalColons}). */
    private static Path pgbenchScript(String prefix, String sql) throws IOException {
        Path file = Files.createTempFile(prefix, ".sql");
        Files.writeString(file, literalColons(sql));
        return file;
    }

    /**
     * With prepared statements pgbench takes every {@code :word} for a variable, inside string literals too: a colon
     * in a literal becomes {@code chr(58)}, folded back into a constant when the statement is planned.
     */
    static String literalColons(String script) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c != '\'') {
                out.append(c);
                i++;
                continue;
            }
            int end = script.indexOf('\'', i + 1);
            String literal = script.substring(i + 1, end);
            out.append(literal.indexOf(':') < 0 ? "'" + literal + "'"
                    : "('" + literal.replace(":", "' || chr(58) || '") + "')");
            i = end + 1;
        }
        return out.toString();
    }

    private static String rounded(List<Double> values) {
        return String.join(", ", values.stream().map(v -> Long.toString(Math.round(v))).toList());
    }

    /**
     * Every routed lead of this benchmark not yet acknowledged, acknowledged by its owner as fast as {@value #CLIENTS}
     * clients go, for at most {@code duration} or until none is left.
     */
    private Load.Result acknowledgeAll(Duration duration) throws SQLException, InterruptedException {
        List<String[]> leads = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(suite.postgres().jdbcUrl("leads"), PostgresServer.SUPERUSER, "");
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT id, owner_id FROM public.lead WHERE email LIKE 'routed-" + run
                     + "-%' AND owner_id IS NOT NULL AND acknowledged_at IS NULL")) {
            while (rs.next()) {
                leads.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        if (leads.size() < 100) {
            throw new IllegalStateException("only " + leads.size() + " routed leads to acknowledge");
        }
        java.util.Collections.shuffle(leads, new java.util.Random(7));
        Load.Result result = Load.closed(CLIENTS, duration, leads.size(), n -> {
            String[] lead = leads.get((int) n - 1);
            return api.acknowledgment(ownerTokens.computeIfAbsent(lead[1], owner -> DevTokens.mint(owner, "agent")), lead[0]);
        });
        if (result.failed() > 0) {
            throw new IllegalStateException(result.failed() + " acknowledgments failed");
        }
        return result;
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
                SELECT count(pg_advisory_xact_lock(hashtext(c))) FROM (SELECT unnest(ARRAY['lead-contact:replay-' || :client_id::text || '-' || :n::text || '@example.com']::text[]) AS c ORDER BY 1) contacts;
                SELECT id, email FROM ((SELECT id, email, created_at FROM bench.lead WHERE status NOT IN ('WON', 'LOST') AND email = 'replay-' || :client_id::text || '-' || :n::text || '@example.com' ORDER BY created_at LIMIT 1) UNION ALL (SELECT id, email, created_at FROM bench.lead WHERE status NOT IN ('WON', 'LOST') AND phone_key = NULL ORDER BY created_at LIMIT 1)) open_with_contact ORDER BY created_at LIMIT 1;
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
                    SELECT id.v, 0, 'NEW', 'INBOUND', 'Ms Replay', 'replay-' || :client_id::text || '-' || :n::text || '@example.com', 'email:replay@example.com',
                      'Business loan', 4200::numeric, 'EUR', 'NORMAL', now(), 'bench-agent', now(), now() FROM id)
                SELECT 1;
                COMMIT;
                """.formatted(samplePayload());
    }

    /**
     * The service's statements for an intake routed to a team in turn, as pg_stat_statements lists them
     * (2026-12-06, one request captured): the contact lock, the duplicate lookup, the rotation's upsert, the one
     * statement writing the lead with its two history rows, two outbox rows and two acknowledgment timers; the commit.
     */
    private static String routedReplayScript() {
        return """
                \\set n random(1, 2000000000)
                BEGIN;
                SELECT count(pg_advisory_xact_lock(hashtext(c))) FROM (SELECT unnest(ARRAY['lead-contact:routed-' || :client_id::text || '-' || :n::text || '@example.com']::text[]) AS c ORDER BY 1) contacts;
                SELECT id, email FROM ((SELECT id, email, created_at FROM bench.lead WHERE status NOT IN ('WON', 'LOST') AND email = 'routed-' || :client_id::text || '-' || :n::text || '@example.com' ORDER BY created_at LIMIT 1) UNION ALL (SELECT id, email, created_at FROM bench.lead WHERE status NOT IN ('WON', 'LOST') AND phone_key = NULL ORDER BY created_at LIMIT 1)) open_with_contact ORDER BY created_at LIMIT 1;
                INSERT INTO bench.team_rotation AS r (team_id, last_person_id, updated_at) SELECT 'replay-team', c.person_id, now() FROM unnest(ARRAY['replay-agent-1','replay-agent-2','replay-agent-3','replay-agent-4']::text[], ARRAY[0,0,0,0]::bigint[]) AS c(person_id, open_leads) ORDER BY c.open_leads, c.person_id COLLATE "C" LIMIT 1 ON CONFLICT (team_id) DO UPDATE SET updated_at = excluded.updated_at, last_person_id = (SELECT c.person_id FROM unnest(ARRAY['replay-agent-1','replay-agent-2','replay-agent-3','replay-agent-4']::text[], ARRAY[0,0,0,0]::bigint[]) AS c(person_id, open_leads) ORDER BY c.open_leads, (c.person_id COLLATE "C" > r.last_person_id COLLATE "C") IS NOT TRUE, c.person_id COLLATE "C" LIMIT 1) RETURNING last_person_id;
                WITH id AS (SELECT gen_random_uuid() AS v),
                  i0 AS (INSERT INTO bench.lead_history (lead_id, at, actor, action, reason, details)
                    SELECT id.v, u.c1::timestamptz, u.c2::text, u.c3::text, u.c4::text, u.c5::jsonb FROM id, unnest(
                      ARRAY[now()::text, now()::text], ARRAY['bench-agent', 'system'], ARRAY['received', 'assigned'],
                      ARRAY[NULL, 'Rule replay-team'],
                      ARRAY['{"source":"INBOUND","priority":"NORMAL"}', '{"to":"replay-agent-1","team":"replay-team","strategy":"ROUND_ROBIN","acknowledgeBy":"2026-12-06T06:36:01.656047Z"}']) WITH ORDINALITY AS u(c1, c2, c3, c4, c5, n) ORDER BY u.n),
                  i1 AS (INSERT INTO bench.outbox_event (lane, event_id, topic, event_key, event_type, subject, occurred_at, payload)
                    SELECT u.c0::smallint, gen_random_uuid(), u.c2::text, id.v::text, u.c4::text, u.c5::text, now(), u.c7::text FROM id, unnest(
                      ARRAY['7', '7'], ARRAY['leads.events', 'leads.events'],
                      ARRAY['io.closedloop.lead.received.v1', 'io.closedloop.lead.assigned.v1'], ARRAY['lead', 'lead'],
                      ARRAY['%1$s', '%1$s']) WITH ORDINALITY AS u(c0, c2, c4, c5, c7, n) ORDER BY u.n),
                  i2 AS (INSERT INTO bench.timer (kind, ref, due_at, payload)
                    SELECT u.c0::text, 'lead:' || id.v, u.c2::timestamptz, u.c3::text FROM id, unnest(
                      ARRAY['lead-sla', 'lead-sla'], ARRAY[(now() + interval '50 minutes')::text, (now() + interval '1 hour')::text],
                      ARRAY['ACKNOWLEDGMENT|REMIND|replay-agent-1|2026-12-06T06:36:01.656047Z', 'ACKNOWLEDGMENT|ESCALATE|replay-agent-1|2026-12-06T06:36:01.656047Z'])
                      WITH ORDINALITY AS u(c0, c2, c3, n) ORDER BY u.n),
                  i3 AS (INSERT INTO bench.lead (id, version, status, source, customer_name, email, customer_ref, product,
                      estimated_value, currency, priority, team_id, owner_id, sla_policy_id, assigned_at, assigned_by,
                      ack_due_at, next_due_at, created_by, created_at, updated_at)
                    SELECT id.v, 0, 'ASSIGNED', 'INBOUND', 'Mr Routed', 'routed-' || :client_id::text || '-' || :n::text || '@example.com', 'email:routed@example.com',
                      'Routed widget', 4200::numeric, 'EUR', 'NORMAL', 'replay-team', 'replay-agent-1', 'standard', now(), 'system',
                      now() + interval '1 hour', now() + interval '1 hour', 'bench-agent', now(), now() FROM id)
                SELECT 1;
                COMMIT;
                """.formatted(samplePayload());
    }

    /**
     * The service's statements for an owner's acknowledgment, as pg_stat_statements lists them (2026-12-07, the lead
     * read and written as a row): the lead read and locked; the one statement that writes every column of the lead
     * back, cancels the acknowledgment timers, writes the outbox row, the two first-contact timers and the history
     * row; the commit. Over {@value #ACK_REPLAY_LEADS} assigned leads prepared in the baseline's tables.
     */
    private static String ackReplayScript() {
        return """
                \\set n random(%2$d, %3$d)
                BEGIN;
                SELECT id, version, status, source, referrer_id, customer_name, organisation, email, phone, customer_ref, product, estimated_value, currency, territory, urgency_statement, urgency_demanded_by, team_id, owner_id, priority, phone_key, sla_policy_id, assigned_at, assigned_by, ack_due_at, acknowledged_at, first_contact_due_at, first_contacted_at, follow_up_due_at, last_activity_at, steps_due_at, next_due_at, qualified_at, outcome_value, outcome_currency, loss_reason, outcome_note, closed_at, closed_by, created_by, created_at, updated_at FROM bench.lead WHERE id = ('00000000-0000-4000-8000-' || :n::text)::uuid FOR NO KEY UPDATE;
                WITH d0 AS (DELETE FROM bench.timer WHERE (ref, kind) IN (SELECT * FROM unnest(ARRAY['lead:00000000-0000-4000-8000-' || :n::text]::text[], ARRAY['lead-sla']::text[]))),
                  u1 AS (UPDATE bench.lead t SET (id, version, status, source, referrer_id, customer_name, organisation, email, phone, customer_ref, product, estimated_value, currency, territory, urgency_statement, urgency_demanded_by, team_id, owner_id, priority, phone_key, sla_policy_id, assigned_at, assigned_by, ack_due_at, acknowledged_at, first_contact_due_at, first_contacted_at, follow_up_due_at, last_activity_at, steps_due_at, next_due_at, qualified_at, outcome_value, outcome_currency, loss_reason, outcome_note, closed_at, closed_by, created_by, created_at, updated_at) = (v.c0::uuid, v.c1::bigint, v.c2::text, v.c3::text, v.c4::text, v.c5::text, v.c6::text, v.c7::text, v.c8::text, v.c9::text, v.c10::text, v.c11::numeric, v.c12::bpchar, v.c13::text, v.c14::text, v.c15::timestamptz, v.c16::text, v.c17::text, v.c18::text, v.c19::text, v.c20::text, v.c21::timestamptz, v.c22::text, v.c23::timestamptz, v.c24::timestamptz, v.c25::timestamptz, v.c26::timestamptz, v.c27::timestamptz, v.c28::timestamptz, v.c29::timestamptz, v.c30::timestamptz, v.c31::timestamptz, v.c32::numeric, v.c33::bpchar, v.c34::text, v.c35::text, v.c36::timestamptz, v.c37::text, v.c38::text, v.c39::timestamptz, v.c40::timestamptz) FROM unnest(
                        ARRAY['00000000-0000-4000-8000-' || :n::text]::text[],
                        ARRAY['1']::text[],
                        ARRAY['ACKNOWLEDGED']::text[],
                        ARRAY['INBOUND']::text[],
                        ARRAY[NULL]::text[],
                        ARRAY['Ms Replay']::text[],
                        ARRAY[NULL]::text[],
                        ARRAY['ack-' || :n::text || '@example.com']::text[],
                        ARRAY[NULL]::text[],
                        ARRAY['email:ack-' || :n::text || '@example.com']::text[],
                        ARRAY['Routed widget']::text[],
                        ARRAY['4200']::text[],
                        ARRAY['EUR']::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY['replay-team']::text[],
                        ARRAY['replay-agent-1']::text[],
                        ARRAY['NORMAL']::text[],
                        ARRAY[NULL]::text[],
                        ARRAY['standard']::text[],
                        ARRAY[now()::text]::text[],
                        ARRAY['system']::text[],
                        ARRAY[(now() + interval '1 hour')::text]::text[],
                        ARRAY[now()::text]::text[],
                        ARRAY[(now() + interval '4 hours')::text]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[(now() + interval '4 hours')::text]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY[NULL]::text[],
                        ARRAY['bench-agent']::text[],
                        ARRAY[now()::text]::text[],
                        ARRAY[now()::text]::text[]) AS v(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, c30, c31, c32, c33, c34, c35, c36, c37, c38, c39, c40)
                      WHERE t.id = v.c0::uuid),
                  i2 AS (INSERT INTO bench.outbox_event (lane, event_id, topic, event_key, event_type, subject, occurred_at, payload)
                    SELECT u.c0::smallint, gen_random_uuid(), u.c2::text, u.c3::text, u.c4::text, u.c5::text, now(), u.c7::text FROM unnest(
                      ARRAY['7'], ARRAY['leads.events'], ARRAY['00000000-0000-4000-8000-' || :n::text], ARRAY['io.closedloop.lead.acknowledged.v1'],
                      ARRAY['lead'], ARRAY['%1$s']) WITH ORDINALITY AS u(c0, c2, c3, c4, c5, c7, n) ORDER BY u.n),
                  i3 AS (INSERT INTO bench.timer (kind, ref, due_at, payload)
                    SELECT u.c0::text, u.c1::text, u.c2::timestamptz, u.c3::text FROM unnest(
                      ARRAY['lead-sla', 'lead-sla'], ARRAY['lead:00000000-0000-4000-8000-' || :n::text, 'lead:00000000-0000-4000-8000-' || :n::text],
                      ARRAY[(now() + interval '230 minutes')::text, (now() + interval '4 hours')::text],
                      ARRAY['FIRST_CONTACT|REMIND|replay-agent-1|2026-12-06T09:36:02.508030Z', 'FIRST_CONTACT|ESCALATE|replay-agent-1|2026-12-06T09:36:02.508030Z'])
                      WITH ORDINALITY AS u(c0, c1, c2, c3, n) ORDER BY u.n),
                  i4 AS (INSERT INTO bench.lead_history (lead_id, at, actor, action, reason, details)
                    SELECT u.c0::uuid, u.c1::timestamptz, u.c2::text, u.c3::text, u.c4::text, u.c5::jsonb FROM unnest(
                      ARRAY['00000000-0000-4000-8000-' || :n::text], ARRAY[now()::text], ARRAY['replay-agent-1'], ARRAY['acknowledged'],
                      ARRAY[NULL], ARRAY['{"late":false,"dueAt":"2026-12-06T06:36:01.656047Z"}']) WITH ORDINALITY AS u(c0, c1, c2, c3, c4, c5, n) ORDER BY u.n)
                SELECT 1;
                COMMIT;
                """.formatted(samplePayload(), ACK_REPLAY_FIRST + 1, ACK_REPLAY_FIRST + ACK_REPLAY_LEADS);
    }

    private HttpRequest rulesFromMemory(long n) {
        return Load.to(suite.service("leads-service").url() + "/assignment-rules")
                .header("Authorization", "Bearer " + managerToken).GET().build();
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
            s.execute("CREATE TABLE IF NOT EXISTS bench.timer (LIKE public.timer INCLUDING ALL)");
            s.execute("CREATE TABLE IF NOT EXISTS bench.team_rotation (LIKE public.team_rotation INCLUDING ALL)");
            // Leads to acknowledge, as the routed intake leaves them: assigned, two acknowledgment timers each.
            s.execute("""
                    INSERT INTO bench.lead (id, version, status, source, customer_name, email, customer_ref, product,
                        estimated_value, currency, priority, team_id, owner_id, sla_policy_id, assigned_at, assigned_by,
                        ack_due_at, next_due_at, created_by, created_at, updated_at)
                    SELECT ('00000000-0000-4000-8000-' || (%d + g))::uuid, 0, 'ASSIGNED', 'INBOUND', 'Ms Replay',
                        'ack-' || g || '@example.com', 'email:ack-' || g || '@example.com', 'Routed widget', 4200, 'EUR',
                        'NORMAL', 'replay-team', 'replay-agent-' || g %% 4, 'standard', now(), 'system',
                        now() + interval '1 hour', now() + interval '1 hour', 'bench-agent', now(), now()
                    FROM generate_series(1, %d) g
                    ON CONFLICT DO NOTHING""".formatted(ACK_REPLAY_FIRST, ACK_REPLAY_LEADS));
            s.execute("""
                    INSERT INTO bench.timer (kind, ref, due_at, payload)
                    SELECT 'lead-sla', 'lead:00000000-0000-4000-8000-' || (%d + g), now() + interval '1 hour', p
                    FROM generate_series(1, %d) g, unnest(ARRAY['ACKNOWLEDGMENT|REMIND', 'ACKNOWLEDGMENT|ESCALATE']) p
                    WHERE NOT EXISTS (SELECT 1 FROM bench.timer)""".formatted(ACK_REPLAY_FIRST, ACK_REPLAY_LEADS));
            s.execute("VACUUM ANALYZE bench.lead");
            s.execute("VACUUM ANALYZE bench.timer");
        }
    }

    private String pgbench(Path script, List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(suite.postgres().port()), "-U", PostgresServer.SUPERUSER, "-n", "-M", "prepared", "-f", script.toString()));
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
