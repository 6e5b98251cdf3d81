package io.closedloop.e2e.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.e2e.PrivateSuite;
import io.closedloop.e2e.ServedApi;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.Suite;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object-level access, proven everywhere rather than sampled: {@code authorization-matrix.md} holds one row per
 * operation of the three services and one column per actor (role × what they are to the object), and this test sends
 * every row as every actor. A write gets a fresh set of objects for each actor, so "allowed" means the write
 * succeeded, not merely that it got past the check; reads share one set.
 */
class AuthorizationMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis());

    static final String TEAM = "mx-team";
    static final String OTHER_TEAM = "mx-team2";
    static final String OWNER = "mx-owner";
    static final String REFERRER = "mx-referrer";
    static final String CUSTOMER = "ref:mx-customer";

    /** The columns of the table, in order. */
    enum Actor {
        ADMIN("admin", "mx-admin", "admin"),
        MANAGER("manager", "mx-manager", "manager"),
        OTHER_MANAGER("other manager", "mx-manager2", "manager"),
        OWNER("owner", AuthorizationMatrixIT.OWNER, "agent"),
        TEAMMATE("teammate", "mx-teammate", "agent"),
        OTHER_AGENT("other agent", "mx-outsider", "agent"),
        REFERRER("referrer", AuthorizationMatrixIT.REFERRER, "referrer"),
        OTHER_REFERRER("other referrer", "mx-referrer2", "referrer"),
        INTEGRATOR("integrator", "pbx", "integrator");

        final String column;
        final String personId;
        final String role;

        Actor(String column, String personId, String role) {
            this.column = column;
            this.personId = personId;
            this.role = role;
        }

        String token() {
            return DevTokens.mint(personId, role);
        }
    }

    record Row(int line, String service, String method, String path, String body, Map<Actor, String> expected) {

        String name() {
            return service + " " + method + " " + path;
        }

        boolean writes() {
            return !method.equals("GET");
        }

        /** The OpenAPI template this row stands for: path without query, every placeholder the same. */
        String operation() {
            String template = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            return ServedApi.signature(service + "-service", method, template);
        }
    }

    private static PrivateSuite running;
    private static Suite suite;

    @BeforeAll
    static void start() {
        running = PrivateSuite.start("authorization");
        suite = running.suite();
        directory();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void the_table_names_every_operation_of_every_service_exactly_once() throws Exception {
        List<String> named = rows().stream().map(Row::operation).sorted().toList();
        List<String> served = ServedApi.operations(suite).stream().map(ServedApi.Operation::signature).sorted().toList();
        assertThat(named).doesNotHaveDuplicates();
        assertThat(named).containsExactlyInAnyOrderElementsOf(served);
        assertThat(served).hasSizeGreaterThanOrEqualTo(68);
    }

    @Test
    void every_operation_answers_every_actor_as_the_table_says() throws Exception {
        List<Row> rows = rows();
        List<String> failures = new ArrayList<>();
        World shared = new World();
        int sent = 0;
        // Reads first, on one set of objects, so that lists are short enough to show them on their first page.
        for (Row row : rows.stream().filter(r -> !r.writes()).toList()) {
            for (Actor actor : Actor.values()) {
                failures.addAll(check(row, actor, shared));
                sent++;
            }
        }
        for (Row row : rows.stream().filter(Row::writes).toList()) {
            for (Actor actor : Actor.values()) {
                World world = new World();
                try {
                    failures.addAll(check(row, actor, world));
                } finally {
                    world.cleanUp();
                }
                sent++;
            }
        }
        assertThat(failures).as("of %d requests (%d operations × %d actors)", sent, rows.size(), Actor.values().length)
                .isEmpty();
        assertThat(sent).isEqualTo(rows.size() * Actor.values().length);
    }

    private static List<String> check(Row row, Actor actor, World world) throws Exception {
        String expected = row.expected().get(actor);
        // The object a list is checked for exists before the list is asked for.
        String listed = expected.startsWith("ok") && expected.length() == 3 ? world.listedObject(row.path()) : null;
        String path = world.fill(row.path());
        if (listed != null) {
            // The object is the newest, or one of few: on the first page of 200 (lists are pages of 50 by default).
            path += (path.contains("?") ? "&" : "?") + "limit=200";
        }
        String body = row.body().isEmpty() ? null : world.fill(row.body());
        Map<String, String> headers = new HashMap<>();
        if (body != null && body.startsWith("[If-Match: *]")) {
            headers.put("If-Match", "*");
            body = body.substring("[If-Match: *]".length()).strip();
        }
        HttpResponse<String> response = send(row.service(), row.method(), path, body, actor.token(), headers);
        int status = response.statusCode();
        String verdict = switch (expected) {
            case "ok" -> status / 100 == 2 ? null : "expected 2xx";
            case "ok+", "ok-" -> {
                if (status != 200) {
                    yield "expected 200";
                }
                boolean shown = response.body().contains(listed);
                yield shown == expected.equals("ok+") ? null
                        : expected.equals("ok+") ? "the list leaves out " + listed : "the list shows " + listed;
            }
            case "403", "404" -> status != Integer.parseInt(expected) ? "expected " + expected
                    : ServedApi.isProblem(response) ? null : "a refusal that is not application/problem+json";
            default -> throw new IllegalStateException("line " + row.line() + ": unknown cell " + expected);
        };
        return verdict == null ? List.of() : List.of(row.name() + " as " + actor.column + " (line " + row.line() + "): "
                + verdict + ", got " + status + " " + shortly(response.body()));
    }

    // ---------------------------------------------------------------------------------------------------- the table

    static List<Row> rows() throws IOException {
        Path file = Path.of(System.getProperty("closedloop.home", "..")).toAbsolutePath().normalize()
                .resolve("e2e-tests/src/test/resources/authorization-matrix.md");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        boolean inMatrix = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("| Service | Operation |")) {
                List<String> header = cells(line);
                for (int a = 0; a < Actor.values().length; a++) {
                    assertThat(header.get(3 + a)).as("column %d of the matrix", 4 + a).isEqualTo(Actor.values()[a].column);
                }
                inMatrix = true;
                continue;
            }
            if (!inMatrix || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                break;
            }
            List<String> cells = cells(line);
            assertThat(cells).as("cells on line %d", i + 1).hasSize(3 + Actor.values().length);
            String[] operation = cells.get(1).split(" ", 2);
            Map<Actor, String> expected = new TreeMap<>();
            for (Actor actor : Actor.values()) {
                expected.put(actor, cells.get(3 + actor.ordinal()));
            }
            rows.add(new Row(i + 1, cells.get(0), operation[0], operation[1], cells.get(2), expected));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - 1);
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    // ------------------------------------------------------------------------------------------------ the objects

    /** The objects a row's placeholders name, each made on first use, by the people the table says own them. */
    static final class World {

        private final Map<String, String> values = new HashMap<>();
        private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String fill(String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
            }
            m.appendTail(out);
            return out.toString();
        }

        /**
         * Gives up the subscription this world made, if the row left it: a person may hold ten, and every write row
         * makes its own for each of the nine actors.
         */
        void cleanUp() {
            String subscription = values.get("subscription");
            if (subscription != null) {
                call("feedback", "DELETE", "/subscriptions/" + subscription, null, OWNER, "agent");
            }
        }

        /** The object a list row is about. */
        String listedObject(String listPath) {
            return switch (listPath) {
                case "/leads" -> value("lead");
                case "/complaints" -> value("complaint");
                case "/loops" -> value("loop");
                case "/subscriptions" -> value("subscription");
                case "/people" -> "\"" + value("owner") + "\"";
                default -> throw new IllegalStateException("no object for the list " + listPath);
            };
        }

        private String value(String name) {
            String known = values.get(name);
            if (known != null) {
                return known;
            }
            String made = switch (name) {
                case "owner" -> OWNER;
                case "team" -> TEAM;
                case "referrer" -> REFERRER;
                case "customer" -> CUSTOMER;
                case "unique" -> "mx" + UNIQUE.incrementAndGet();
                case "kind" -> "handoff";
                // When first asked for: after the objects named before it in the row (a visit is not before its complaint).
                case "now" -> Instant.now().toString();
                case "soon" -> now.plus(1, ChronoUnit.DAYS).toString();
                case "later" -> now.plus(2, ChronoUnit.DAYS).toString();
                case "today" -> LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
                case "month" -> YearMonth.from(LocalDate.ofInstant(now, ZoneOffset.UTC)).toString();
                case "newLead" -> lead();
                case "lead" -> {
                    String lead = lead();
                    created("leads", "/leads/" + lead + "/acknowledgment", OWNER, "agent", null);
                    created("leads", "/leads/" + lead + "/contact-attempts", OWNER, "agent",
                            "{\"channel\":\"PHONE\",\"reached\":true}");
                    yield lead;
                }
                case "settledLead" -> {
                    String lead = value("lead");
                    for (JsonNode step : read(call("leads", "GET", "/leads/" + lead + "/plan", null, OWNER, "agent")).path("items")) {
                        if (step.path("state").asText().equals("OPEN")) {
                            created("leads", "/leads/" + lead + "/plan/steps/" + step.path("id").asText() + "/cancellation",
                                    OWNER, "agent", "{\"reason\":\"Settled before closing\"}");
                        }
                    }
                    yield lead;
                }
                case "meeting", "checkItem" -> {
                    JsonNode meeting = created("leads", "/leads/" + value("lead") + "/meetings", OWNER, "agent", """
                            {"startsAt":"%s","place":"Their office","checklist":[{"kind":"DOCUMENT","text":"The signed offer"}]}"""
                            .formatted(value("later")));
                    values.put("meeting", meeting.path("id").asText());
                    values.put("checkItem", meeting.path("checklist").path(0).path("id").asText());
                    yield values.get(name);
                }
                case "attempt" -> created("leads", "/leads/" + value("lead") + "/contact-attempts", OWNER, "agent",
                        "{\"channel\":\"EMAIL\",\"reached\":false}").path("id").asText();
                case "step" -> created("leads", "/leads/" + value("lead") + "/plan/steps", OWNER, "agent", """
                        {"title":"Call back","dueAt":"%s"}""".formatted(value("soon"))).path("id").asText();
                case "loop" -> instruction();
                case "answeredLoop" -> {
                    String loop = instruction();
                    for (String kind : List.of("RECEIPT", "OUTCOME")) {
                        created("feedback", "/loops/" + loop + "/echoes", OWNER, "agent", """
                                {"kind":"%s","message":"Done"}""".formatted(kind));
                    }
                    yield loop;
                }
                case "complaint", "complaintItem" -> {
                    JsonNode complaint = created("feedback", "/complaints", OWNER, "agent", """
                            {"customerRef":"%s","customerName":"Matrix Customer","items":[{"description":"The invoice is wrong"}]}"""
                            .formatted(CUSTOMER));
                    values.put("complaint", complaint.path("id").asText());
                    values.put("complaintItem", complaint.path("items").path(0).path("id").asText());
                    yield values.get(name);
                }
                case "resolvedComplaint" -> {
                    String complaint = value("complaint");
                    created("feedback", "/complaints/" + complaint + "/items/" + value("complaintItem") + "/resolution",
                            OWNER, "agent", "{\"action\":\"Credit note sent\",\"rootCause\":\"Wrong price list\"}");
                    yield complaint;
                }
                case "rebuild" -> {
                    // One rebuild runs at a time: start this one when none runs, and let it finish before the rows go on.
                    awaitNoRebuildRunning();
                    String job = created("reporting", "/admin/read-models/rebuilds", "mx-admin", "admin",
                            "{\"schema\":\"rm_mx_rb_" + value("unique") + "\",\"live\":false}").path("id").asText();
                    awaitNoRebuildRunning();
                    yield job;
                }
                case "subscription" -> created("feedback", "/subscriptions", OWNER, "agent",
                        "{\"url\":\"http://127.0.0.1:9/matrix\"}").path("id").asText();
                default -> throw new IllegalStateException("unknown placeholder {" + name + "}");
            };
            values.put(name, made);
            return made;
        }

        /**
         * A referral from the referrer, owned by the owner (the team's rotation may first give it to the teammate), not
         * yet acknowledged.
         */
        private String lead() {
            String id = created("leads", "/leads", REFERRER, "referrer", """
                    {"source":"REFERRAL","customer":{"name":"Matrix Customer","email":"%s@example.com"},"product":"Matrix widget"}"""
                    .formatted(value("unique"))).path("id").asText();
            JsonNode lead = read(call("leads", "GET", "/leads/" + id, null, "mx-admin", "admin"));
            if (!OWNER.equals(lead.path("ownerId").asText())) {
                created("leads", "/leads/" + id + "/assignment", "mx-admin", "admin",
                        "{\"personId\":\"" + OWNER + "\",\"reason\":\"The matrix's owner\"}");
            }
            // The day's report the reporting rows read.
            call("reporting", "PUT", "/claims/" + OWNER + "/" + value("today"), """
                    {"calls":2,"visits":0,"meetings":0,"hoursWorked":8,"overtimeHours":0}""", OWNER, "agent");
            return id;
        }

        /** An instruction the referrer gave the owner (only an admin or manager may give one in someone else's name). */
        private String instruction() {
            return created("feedback", "/loops", "mx-admin", "admin", """
                    {"ownerId":"%s","initiatorId":"%s","subject":"Tell me how it went"}""".formatted(OWNER, REFERRER))
                    .path("id").asText();
        }
    }

    // ---------------------------------------------------------------------------------------------- the directory

    /** Two teams with their managers and agents, two referrers, the routing; then wait until every service knows them. */
    private static void directory() {
        String always = "{\"MONDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}],\"TUESDAY\":[{\"from\":\"00:00\",\"to\":\"00:00\"}]}";
        for (String[] team : List.of(new String[]{TEAM, "mx-manager"}, new String[]{OTHER_TEAM, "mx-manager2"})) {
            created("leads", "PUT", "/teams/" + team[0], "mx-admin", "admin", """
                    {"name":"%s","managerId":"%s","timeZone":"UTC","businessHours":%s}""".formatted(team[0], team[1], always));
        }
        person("mx-manager", "MANAGER", TEAM);
        person("mx-manager2", "MANAGER", OTHER_TEAM);
        person(OWNER, "AGENT", TEAM);
        person("mx-teammate", "AGENT", TEAM);
        person("mx-outsider", "AGENT", OTHER_TEAM);
        person("mx-helper", "AGENT", OTHER_TEAM);
        person(REFERRER, "REFERRER", null);
        person("mx-referrer2", "REFERRER", null);
        created("leads", "PUT", "/assignment-rules", "mx-admin", "admin", """
                {"rules":[{"id":"matrix","name":"Matrix widgets to the matrix team","match":{"products":["Matrix widget"]},
                  "target":{"teamId":"%s","strategy":"ROUND_ROBIN"}}]}""".formatted(TEAM));
        // feedback-service and reporting-service learn the directory from leads-service's events.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                call("feedback", "GET", "/loops?ownerId=mx-helper", null, "mx-manager2", "manager").statusCode() == 200
                        && call("reporting", "GET", "/scorecards?period=" + YearMonth.now(ZoneOffset.UTC) + "&teamId=" + TEAM,
                        null, "mx-manager", "manager").statusCode() == 200
                        && call("reporting", "GET", "/scorecards?period=" + YearMonth.now(ZoneOffset.UTC) + "&teamId=" + OTHER_TEAM,
                        null, "mx-manager2", "manager").statusCode() == 200
                        && call("feedback", "POST", "/loops", "{\"ownerId\":\"mx-helper\",\"subject\":\"Ready?\"}",
                        "mx-teammate", "agent").statusCode() == 201);
    }

    private static void person(String id, String kind, String team) {
        created("leads", "PUT", "/people/" + id, "mx-admin", "admin", """
                {"name":"%s","roles":["%s"],%s"active":true,"capacity":1000}"""
                .formatted(id, kind, team == null ? "" : "\"teamId\":\"" + team + "\","));
    }

    // ----------------------------------------------------------------------------------------------------- HTTP

    private static JsonNode created(String service, String path, String person, String role, String body) {
        return created(service, "POST", path, person, role, body);
    }

    private static JsonNode created(String service, String method, String path, String person, String role, String body) {
        HttpResponse<String> response = call(service, method, path, body, person, role);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("setting up: " + service + " " + method + " " + path + " as " + person + " → "
                    + response.statusCode() + " " + response.body());
        }
        return read(response);
    }

    private static void awaitNoRebuildRunning() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    JsonNode newest = read(call("reporting", "GET", "/admin/read-models/rebuilds?limit=1", null, "mx-admin",
                            "admin")).path("items").path(0);
                    return !newest.path("state").asText().equals("RUNNING");
                });
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> call(String service, String method, String path, String body, String person,
                                             String role) {
        try {
            return send(service, method, path, body, DevTokens.mint(person, role), Map.of());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> send(String service, String method, String path, String body, String token,
                                             Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.service(service + "-service").url() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String shortly(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 220 ? flat : flat.substring(0, 217) + "...";
    }
}
