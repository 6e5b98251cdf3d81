package io.closedloop.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closedloop.e2e.WithSuite;
import io.closedloop.stack.FreePorts;
import io.closedloop.stack.PrometheusServer;
import io.closedloop.stack.Suite;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * deploy/monitoring and deploy/grafana against the real thing: promtool checks the rules and scrape configurations; a
 * real Prometheus scrapes the running suite while traffic goes through it, loads the alert rules, and evaluates
 * every PromQL expression of every dashboard panel and every alert. A panel that returns nothing fails the test.
 */
@ExtendWith(WithSuite.class)
class MonitoringIT {

    private static final Path HOME = Commands.home();
    private static final Path RULES = HOME.resolve("deploy/monitoring/rules/closedloop.rules.yaml");
    private static final Path OPERATOR_RULES = HOME.resolve("deploy/monitoring/kubernetes/prometheus-rule.yaml");
    private static final Path DASHBOARDS = HOME.resolve("deploy/grafana/dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How Grafana's built-in variables are stood in for: windows that cover the whole test's traffic. */
    private static final Map<String, String> GRAFANA_VARIABLES = new LinkedHashMap<>();

    static {
        GRAFANA_VARIABLES.put("$__rate_interval", "5m");
        GRAFANA_VARIABLES.put("$__range", "10m");
        GRAFANA_VARIABLES.put("$__interval", "1m");
        GRAFANA_VARIABLES.put("${currency}", ".*");
        GRAFANA_VARIABLES.put("$currency", ".*");
        GRAFANA_VARIABLES.put("${team}", ".*");
        GRAFANA_VARIABLES.put("$team", ".*");
        GRAFANA_VARIABLES.put("${service}", ".*");
        GRAFANA_VARIABLES.put("$service", ".*");
    }

    record Query(String where, String expr) {
    }

    @Test
    void promtool_accepts_the_alert_rules_and_both_scrape_configurations() {
        Path promtool = Commands.require("promtool", "Debian's prometheus package (./closedloop test installs it)");
        assertThat(Commands.succeed(HOME, Duration.ofMinutes(1), List.of(promtool.toString(), "check", "rules", RULES.toString())))
                .contains("SUCCESS: 15 rules found");
        for (String config : List.of("local.yml", "compose.yml")) {
            assertThat(Commands.succeed(HOME.resolve("deploy/monitoring/prometheus"), Duration.ofMinutes(1),
                    List.of(promtool.toString(), "check", "config", "--syntax-only", config))).contains("SUCCESS");
        }
    }

    @Test
    void the_prometheus_operator_gets_exactly_the_rules_promtool_checked() throws IOException {
        JsonNode rules = Yaml.read(RULES);
        if (Boolean.getBoolean("monitoring.write")) {
            ObjectNode resource = Yaml.MAPPER.createObjectNode();
            resource.put("apiVersion", "monitoring.coreos.com/v1");
            resource.put("kind", "PrometheusRule");
            resource.putObject("metadata").put("name", "closedloop-alerts");
            resource.set("spec", rules);
            Files.writeString(OPERATOR_RULES, """
                    # Generated from deploy/monitoring/rules/closedloop.rules.yaml (the source): MonitoringIT fails when they differ;
                    # rewrite with ./mvnw -pl e2e-tests verify -Dmonitoring.write=true -Dit.test=MonitoringIT
                    """ + Yaml.MAPPER.writeValueAsString(resource).replaceFirst("^---\\n", ""));
        }
        JsonNode resource = Yaml.documents(Files.readString(OPERATOR_RULES)).getFirst();

        assertThat(resource.path("kind").asText()).isEqualTo("PrometheusRule");
        // A boolean, so a drift is reported in one line rather than as two dumps of every rule.
        assertThat(resource.path("spec").equals(rules)).as("deploy/monitoring/kubernetes/prometheus-rule.yaml differs from "
                + "closedloop.rules.yaml; rewrite it with ./mvnw -pl e2e-tests verify -Dmonitoring.write=true -Dit.test=MonitoringIT")
                .isTrue();
    }

    @Test
    void the_dashboards_are_complete_and_all_provisioned() throws IOException {
        Set<String> uids = new HashSet<>();
        List<Path> files = dashboardFiles();
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder(
                "closedloop-landing.json", "closedloop-echo.json", "closedloop-results.json", "closedloop-service-health.json",
                "closedloop-who.json");
        String kustomization = Files.readString(HOME.resolve("deploy/grafana/kustomization.yaml"));
        for (Path file : files) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText())).as(file + " uid").isTrue();
            assertThat(dashboard.path("title").asText()).startsWith("Closed Loop — ");
            assertThat(list(dashboard.path("templating").path("list"))).anyMatch(v -> v.path("type").asText().equals("datasource"));
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : list(dashboard.path("panels"))) {
                String where = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as(where + " id").isTrue();
                assertThat(panel.path("description").asText()).as(where + " says what it shows").isNotBlank();
                assertThat(panel.path("gridPos").path("w").asInt()).as(where).isPositive();
                if (isSql(panel)) {
                    assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo("${reporting_db}");
                    assertThat(list(panel.path("targets"))).as(where).isNotEmpty()
                            .allSatisfy(t -> assertThat(t.path("rawSql").asText()).contains("FROM dashboards."));
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo("${datasource}");
                assertThat(list(panel.path("targets"))).as(where).isNotEmpty()
                        .allSatisfy(t -> assertThat(t.path("expr").asText()).isNotBlank());
            }
            assertThat(kustomization).as("provisioned as a ConfigMap").contains("dashboards/" + file.getFileName());
        }
    }

    @Test
    void every_panel_returns_data_and_every_alert_rule_evaluates_on_the_live_suite(Suite suite) throws Exception {
        Path binary = PrometheusServer.binary().orElseThrow(() -> new AssertionError(
                "prometheus is needed by this test: Debian's prometheus package (./closedloop test installs it)"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        Suite.SERVICES.forEach(name -> ports.put(name, suite.service(name).managementPort()));
        Path work = Files.createTempDirectory("closedloop-prometheus-");
        try (PrometheusServer prometheus = PrometheusServer.start(binary,
                PrometheusServer.localConfig(HOME, ports, Duration.ofSeconds(1)), work, FreePorts.find(), Duration.ofSeconds(30))) {
            Traffic traffic = new Traffic(suite);
            traffic.setUp();
            // A series born with its first observations shows rate() no increase: Prometheus must have scraped the
            // team's meters at zero before the traffic, or a slow first scrape (a loaded CI machine) leaves the
            // panels fed by one burst (first contacts) empty.
            for (String meter : List.of("closedloop_leads_acknowledged_total", "closedloop_lead_time_to_acknowledge_seconds_count",
                    "closedloop_lead_time_to_first_contact_seconds_count")) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                        !query(prometheus, meter + "{team=\"" + Traffic.TEAM + "\"}").isEmpty());
            }
            traffic.drive();
            // The dead-letter counters exist (at 0) once the consumers have read a batch; a poison record then makes
            // an increase Prometheus can see.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    !query(prometheus, "closedloop_events_consumed_total{outcome=\"dead_lettered\",consumer=\"feedback.lead-events\"}").isEmpty());
            Thread.sleep(2_000);
            traffic.poison();

            List<Query> panels = panelQueries();
            List<String> empty = new ArrayList<>();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                    empty.clear();
                    for (Query q : panels) {
                        if (query(prometheus, q.expr()).stream().noneMatch(MonitoringIT::finite)) {
                            empty.add(q.where() + ": " + q.expr());
                        }
                    }
                    return empty.isEmpty();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("Panels without data after the traffic (" + empty.size() + " of " + panels.size()
                        + "):\n  " + String.join("\n  ", empty) + "\nPrometheus log: " + prometheus.logFile(), e);
            }
            assertThat(panels).hasSizeGreaterThanOrEqualTo(30);
            tablePanelsNameWhoAndWhatAsTheReadOnlyRole(suite);

            List<JsonNode> alerts = new ArrayList<>();
            for (JsonNode group : list(Yaml.read(RULES).path("groups"))) {
                alerts.addAll(list(group.path("rules")));
            }
            for (JsonNode alert : alerts) {
                // Parses and evaluates (an empty answer is a quiet alert, not an error).
                query(prometheus, alert.path("expr").asText());
            }
            JsonNode loaded = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api(prometheus, "/api/v1/rules"), r -> rules(r).size() == alerts.size()
                            && rules(r).stream().allMatch(rule -> rule.path("health").asText().equals("ok"))
                            && state(r, "EventsDeadLettered").equals("firing"));
            assertThat(rules(loaded)).allSatisfy(rule -> assertThat(rule.path("lastError").asText("")).isEmpty());
            // Waiting with no owner: pending now, firing after its 15 minutes.
            assertThat(state(loaded, "LeadsWaitingUnassigned")).isEqualTo("pending");
        }
    }

    private static boolean isSql(JsonNode panel) {
        return panel.path("datasource").path("type").asText().equals("grafana-postgresql-datasource");
    }

    /**
     * Every table panel's SQL, Grafana's macros expanded, run against the live read models as the role Grafana's data
     * source has (closedloop_dashboards, which may read the views of schema dashboards and nothing else): each returns
     * rows for the traffic's story, naming people and teams, not ids alone.
     */
    private static void tablePanelsNameWhoAndWhatAsTheReadOnlyRole(Suite suite) throws Exception {
        List<String> empty = new ArrayList<>();
        List<String> sqls = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode panel : list(JSON.readTree(file.toFile()).path("panels"))) {
                if (isSql(panel)) {
                    for (JsonNode target : list(panel.path("targets"))) {
                        sqls.add(panel.path("title").asText() + "\u0000" + target.path("rawSql").asText()
                                .replace("$__timeTo()", "now()").replace("$__timeFrom()", "(now() - interval '7 days')"));
                    }
                }
            }
        }
        assertThat(sqls).hasSizeGreaterThanOrEqualTo(3);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                empty.clear();
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(suite.postgres().jdbcUrl("reporting"),
                        io.closedloop.stack.PostgresServer.SUPERUSER, "");
                     java.sql.Statement s = c.createStatement()) {
                    s.execute("SET ROLE closedloop_dashboards");
                    for (String titled : sqls) {
                        String[] parts = titled.split("\u0000", 2);
                        assertThat(parts[1]).as(parts[0] + ": a Grafana variable or macro left").doesNotContain("$");
                        try (java.sql.ResultSet rs = s.executeQuery(parts[1])) {
                            if (!rs.next()) {
                                empty.add(parts[0]);
                            }
                        }
                    }
                }
                return empty.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Table panels without rows after the traffic: " + empty, e);
        }
        // The role reads the views and nothing else: not the read models themselves.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(suite.postgres().jdbcUrl("reporting"),
                io.closedloop.stack.PostgresServer.SUPERUSER, "");
             java.sql.Statement s = c.createStatement()) {
            String live;
            try (java.sql.ResultSet rs = s.executeQuery("SELECT schema FROM projection_state WHERE name = 'live'")) {
                rs.next();
                live = rs.getString(1);
            }
            s.execute("SET ROLE closedloop_dashboards");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeQuery("SELECT * FROM " + live + ".lead_fact"))
                    .hasMessageContaining("permission denied");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("DELETE FROM flag_snapshot"))
                    .hasMessageContaining("permission denied");
        }
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<Query> panelQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            for (JsonNode panel : list(dashboard.path("panels"))) {
                if (isSql(panel)) {
                    continue;
                }
                for (JsonNode target : list(panel.path("targets"))) {
                    String expr = target.path("expr").asText();
                    for (Map.Entry<String, String> v : GRAFANA_VARIABLES.entrySet()) {
                        expr = expr.replace(v.getKey(), v.getValue());
                    }
                    assertThat(expr).as(file.getFileName() + " / " + panel.path("title").asText() + ": an unknown variable")
                            .doesNotContain("$");
                    queries.add(new Query(file.getFileName() + " / " + panel.path("title").asText() + " / "
                            + target.path("refId").asText(), expr));
                }
            }
        }
        return queries;
    }

    /** The instant vector of {@code expr}; fails when Prometheus cannot parse or evaluate it. */
    private static List<JsonNode> query(PrometheusServer prometheus, String expr) throws IOException, InterruptedException {
        JsonNode answer = api(prometheus, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertThat(answer.path("status").asText()).as(expr + ": " + answer.path("error").asText()).isEqualTo("success");
        return list(answer.path("data").path("result"));
    }

    private static boolean finite(JsonNode sample) {
        String value = sample.path("value").get(1).asText();
        return !value.equals("NaN") && !value.endsWith("Inf");
    }

    private static JsonNode api(PrometheusServer prometheus, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> rules(JsonNode answer) {
        return list(answer.path("data").path("groups")).stream().flatMap(g -> list(g.path("rules")).stream()).toList();
    }

    private static String state(JsonNode answer, String alert) {
        return rules(answer).stream().filter(r -> alert.equals(r.path("name").asText())).map(r -> r.path("state").asText())
                .findFirst().orElse("missing");
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
