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
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern OWNER = Pattern.compile("\"ownerId\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> AGENTS = List.of("rt-agent-1", "rt-agent-2", "rt-agent-3", "rt-agent-4");

    private final Suite suite;
    private final LeadsApi api;
    private final String admin = DevTokens.mint("rt-admin", "admin");
    private final Map<String, String> agentTokens = new LinkedHashMap<>();
    private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    private long customers;

    RoundTripBench(Suite suite) {
        this.suite = suite;
        this.api = new LeadsApi(suite);
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
    }

    /** Takes a lead in; returns its id and owner (null when unrouted). */
    private String[] intake(String product) throws Exception {
        String body = api.send("POST", "/leads", admin,
                LeadsApi.lead("Rhoda Trip", "rt-%s-%d@example.com".formatted(run, ++customers), product));
        Matcher id = ID.matcher(body);
        Matcher owner = OWNER.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("no lead id in " + body);
        }
        return new String[] {id.group(1), owner.find() ? owner.group(1) : null};
    }

    private void acknowledge(String[] lead) throws Exception {
        api.send("POST", "/leads/" + lead[0] + "/acknowledgment", agentTokens.get(lead[1]), null);
    }
}
