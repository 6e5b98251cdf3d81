package io.closedloop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.closedloop.stack.DevTokens;
import io.closedloop.stack.Suite;

/**
 * Round trips to PostgreSQL per request, per write path of leads-service, counted by {@code pg_stat_statements}
 * ({@link StatementCounts}): an unrouted intake (no rule matches: the lead waits unowned), an intake routed to a team
 * in turn, and the owner's acknowledgment; and the outbox relay's statements per batch. One client, one request at a
 * time, so that each path's statements are its own. Targets (issue 17): ≤ 4, ≤ 8, ≤ 6, relay ≤ 2 per batch.
 */
final class RoundTripBench {

    private static final int REQUESTS = 200;
    private static final int BURST = 1_000;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern OWNER = Pattern.compile("\"ownerId\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> AGENTS = List.of("rt-agent-1", "rt-agent-2", "rt-agent-3", "rt-agent-4");

    private final Suite suite;
    private final LeadsApi api;
    private final String admin = DevTokens.mint("rt-admin", "admin");
    private final String referrer = DevTokens.mint("rt-referrer", "referrer");
    private final StatementCounts feedbackCounts;
    private final StatementCounts reportingCounts;
    private final Map<String, String> agentTokens = new LinkedHashMap<>();
    private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    private long customers;

    RoundTripBench(Suite suite) {
        this.suite = suite;
        this.api = new LeadsApi(suite);
        this.feedbackCounts = new StatementCounts(suite.postgres(), Suite.database("feedback-service"));
        this.reportingCounts = new StatementCounts(suite.postgres(), Suite.database("reporting-service"));
        AGENTS.forEach(agent -> agentTokens.put(agent, DevTokens.mint(agent, "agent")));
    }

    void run() throws Exception {
        setUp();
        StatementCounts counts = new StatementCounts(suite.postgres(), Suite.database("leads-service"));
        // Warm the paths (JIT, caches, pools) before counting.
        for (int i = 0; i < 50; i++) {
            intake("Unrouted widget");
            acknowledge(intake("Routed widget"));
        }
        StatementCounts.PerRequest unrouted = counts.measure(REQUESTS, () -> {
            for (int i = 0; i < REQUESTS; i++) {
                intake("Unrouted widget");
            }
        });
        List<String[]> routedLeads = new ArrayList<>();
        StatementCounts.PerRequest routed = counts.measure(REQUESTS, () -> {
            for (int i = 0; i < REQUESTS; i++) {
                routedLeads.add(intake("Routed widget"));
            }
        });
        StatementCounts.PerRequest acknowledged = counts.measure(REQUESTS, () -> {
            for (String[] lead : routedLeads) {
                acknowledge(lead);
            }
        });

        System.out.printf("## Round trips to PostgreSQL per request (leads-service; pg_stat_statements)%n%n");
        System.out.printf("| path | round trips per request | target | relay batches | relay statements per batch |%n"
                + "|---|---|---|---|---|%n");
        row("`POST /leads`, unrouted", unrouted, "≤ 4");
        row("`POST /leads`, routed to a team in turn", routed, "≤ 8");
        row("`POST /leads/{id}/acknowledgment`", acknowledged, "≤ 6");
        System.out.printf("%n%d requests per path, one at a time after 50 of each to warm up. A round trip is a "
                + "statement the service sent, or its commit (BEGIN travels with the first statement). The relay's "
                + "batches during the same requests are counted apart (target ≤ 2 statements per batch).%n%n", REQUESTS);
        itemise("unrouted intake", unrouted);
        itemise("routed intake", routed);
        itemise("acknowledgment", acknowledged);
        downstream();
    }

    /**
     * What the consumers pay per event they apply: referrals taken in and acknowledged one at a time (batches of one
     * or two events), then the same in a burst from 16 clients (the batches a loaded pipeline forms).
     */
    private void downstream() throws Exception {
        List<String[]> referrals = new ArrayList<>();
        Downstream oneByOne = downstream(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                referrals.add(intake("Routed widget", referrer));
            }
        });
        Downstream acksOneByOne = downstream(() -> {
            for (String[] lead : referrals) {
                acknowledge(lead);
            }
        });
        List<String[]> burst = java.util.Collections.synchronizedList(new ArrayList<>());
        Downstream intakeBurst = downstream(() -> inParallel(BURST, i -> burst.add(intake("Routed widget", referrer))));
        Downstream acksBurst = downstream(() -> inParallel(BURST, i -> acknowledge(burst.get(i))));

        System.out.printf("## Round trips to PostgreSQL per event applied (feedback-service, reporting-service)%n%n");
        System.out.printf("| what happened upstream | feedback events | feedback round trips per event | reporting events "
                + "| reporting round trips per event |%n|---|---|---|---|---|%n");
        downstreamRow(REQUESTS + " referrals taken in, one at a time", oneByOne);
        downstreamRow(REQUESTS + " referrals acknowledged, one at a time", acksOneByOne);
        downstreamRow(BURST + " referrals taken in by 16 clients at once", intakeBurst);
        downstreamRow(BURST + " referrals acknowledged by 16 clients at once", acksBurst);
        System.out.printf("%nEvents are those each service's consumers applied (`closedloop_events_consumed_total`, "
                + "outcome processed); round trips are counted as above, after every outbox is empty and every consumer "
                + "group has caught up.%n%n");
        itemise("feedback-service, referrals acknowledged one at a time (per event)", acksOneByOne.feedback());
        itemise("reporting-service, referrals acknowledged one at a time (per event)", acksOneByOne.reporting());
        itemise("feedback-service, referrals acknowledged by 16 clients (per event)", acksBurst.feedback());
        itemise("reporting-service, referrals acknowledged by 16 clients (per event)", acksBurst.reporting());
    }

    private record Downstream(StatementCounts.PerRequest feedback, StatementCounts.PerRequest reporting) {
    }

    private Downstream downstream(StatementCounts.Work upstream) throws Exception {
        Pipeline.awaitQuiet(suite);
        feedbackCounts.reset();
        reportingCounts.reset();
        long feedbackBefore = Pipeline.processed(suite, "feedback-service");
        long reportingBefore = Pipeline.processed(suite, "reporting-service");
        upstream.run();
        Pipeline.awaitQuiet(suite);
        return new Downstream(feedbackCounts.account(Pipeline.processed(suite, "feedback-service") - feedbackBefore),
                reportingCounts.account(Pipeline.processed(suite, "reporting-service") - reportingBefore));
    }

    private static void downstreamRow(String upstream, Downstream d) {
        System.out.printf("| %s | %d | **%.1f** | %d | **%.1f** |%n", upstream, d.feedback().requests(),
                d.feedback().roundTrips(), d.reporting().requests(), d.reporting().roundTrips());
    }

    private static void inParallel(int count, Step step) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                step.run(n);
                return null;
            }));
        }
        pool.shutdown();
        for (var f : done) {
            f.get();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run(int i) throws Exception;
    }

    private static void row(String path, StatementCounts.PerRequest counted, String target) {
        System.out.printf("| %s | **%.1f** | %s | %.0f | %.1f |%n", path, counted.roundTrips(), target,
                counted.relayBatches(), counted.relayStatementsPerBatch());
    }

    private static void itemise(String path, StatementCounts.PerRequest counted) {
        System.out.printf("<details><summary>%s: statements per request</summary>%n%n| per request | statement |%n|---|---|%n", path);
        for (StatementCounts.Row row : counted.path()) {
            double per = row.calls() / (double) counted.requests();
            if (per >= 0.01) {
                String query = row.query().replaceAll("\\s+", " ").replace("|", "\\|");
                System.out.printf("| %.2f | `%s` |%n", per, query.length() > 160 ? query.substring(0, 157) + "…" : query);
            }
        }
        System.out.printf("%n</details>%n%n");
    }

    private void setUp() throws Exception {
        api.teamTakingInTurn(admin, "rt-team", "rt-manager", AGENTS, "Routed widget");
        api.send("PUT", "/people/rt-referrer", admin, """
                {"name":"Round-trip referrer","roles":["REFERRER"],"active":true}""");
    }

    /** Takes a lead in; returns its id and owner (null when unrouted). */
    private String[] intake(String product) throws Exception {
        return intake(product, admin);
    }

    /** As the caller: a referrer's lead is a referral, and opens a loop back to them in feedback-service. */
    private String[] intake(String product, String token) throws Exception {
        long customer;
        synchronized (this) {
            customer = ++customers;
        }
        String body = api.send("POST", "/leads", token,
                LeadsApi.lead("Rhoda Trip", "rt-%s-%d@example.com".formatted(run, customer), product));
        Matcher id = ID.matcher(body);
        Matcher owner = OWNER.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("no lead id in " + body);
        }
        boolean ownerShown = owner.find();
        if (!ownerShown && !token.equals(admin)) {
            // A referrer's view of their referral leaves its owner out: ask as the administrator.
            owner = OWNER.matcher(api.send("GET", "/leads/" + id.group(1), admin, null));
            ownerShown = owner.find();
        }
        return new String[] {id.group(1), ownerShown ? owner.group(1) : null};
    }

    private void acknowledge(String[] lead) throws Exception {
        api.send("POST", "/leads/" + lead[0] + "/acknowledgment", agentTokens.get(lead[1]), null);
    }
}
