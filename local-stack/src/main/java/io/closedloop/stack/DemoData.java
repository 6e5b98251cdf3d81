package io.closedloop.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the stories of the product brief into a fresh suite, through the public APIs as users would: a bank's
 * lending team and a consultancy's partners, their managers and routing rules, then the dropped million-dollar lead
 * (this time acknowledged, planned and prepared), the loan released in silence (this time echoed), the "tomorrow, or
 * never" prospect and the difficult client; and last week's daily reports of two account managers, set against
 * what the telephony system confirms.
 */
public final class DemoData {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEEKDAYS = """
            {"MONDAY":[{"from":"09:00","to":"18:00"}],"TUESDAY":[{"from":"09:00","to":"18:00"}],
             "WEDNESDAY":[{"from":"09:00","to":"18:00"}],"THURSDAY":[{"from":"09:00","to":"18:00"}],
             "FRIDAY":[{"from":"09:00","to":"18:00"}]}""";

    private final String leads;
    private final String feedback;
    private final String reporting;
    private final Duration droppedBallDeadline;
    private String branchChannel;
    private int steps;

    public DemoData(String leadsUrl, String feedbackUrl, String reportingUrl) {
        this(leadsUrl, feedbackUrl, reportingUrl, DROPPED_BALL_DEADLINE);
    }

    /** With the dropped ball's acknowledgment deadline shorter than the first run's, for a test that watches it drop. */
    public DemoData(String leadsUrl, String feedbackUrl, String reportingUrl, Duration droppedBallDeadline) {
        this.leads = leadsUrl;
        this.feedback = feedbackUrl;
        this.reporting = reportingUrl;
        this.droppedBallDeadline = droppedBallDeadline;
    }

    /** Béatrice's branch channel, a chat webhook in Slack's format, receives every message she is sent. */
    public DemoData withBranchChannel(String webhookUrl) {
        this.branchChannel = webhookUrl;
        return this;
    }

    /** Runs every step; returns how many requests were made. */
    public int load() {
        directory();
        howTheReferrersHear();
        if (branchChannel != null) {
            send(feedback, "branch-president-bea", "referrer", "POST", "/subscriptions", """
                    {"url":"%s","secret":"demo-branch-channel-secret","format":"SLACK"}""".formatted(branchChannel));
        }
        stories();
        aBallAboutToDrop();
        lastWeek();
        return steps;
    }

    /** The ISO week before this one, e.g. {@code 2026-W47}: the one the demo's daily reports are about. */
    public static String lastWeek(LocalDate today) {
        LocalDate monday = today.minusWeeks(1).with(DayOfWeek.MONDAY);
        return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * "Efforts without results": last week Amy reported full days and the telephony system confirms a quarter of
     * her calls; Omar reported modest days and nearly all of his are confirmed.
     */
    private void lastWeek() {
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).minusWeeks(1).with(DayOfWeek.MONDAY);
        StringBuilder evidence = new StringBuilder();
        for (int d = 0; d < 5; d++) {
            LocalDate day = monday.plusDays(d);
            send(reporting, "account-manager-amy", "agent", "PUT", "/claims/account-manager-amy/" + day, """
                    {"calls":12,"visits":4,"meetings":2,"hoursWorked":11,"overtimeHours":3,
                     "contacts":[{"customerRef":"ref:grey-freight","kind":"CALL","at":"%sT09:00:00Z"},
                                 {"customerRef":"ref:rush-co","kind":"VISIT","at":"%sT14:00:00Z"}]}""".formatted(day, day));
            send(reporting, "account-manager-omar", "agent", "PUT", "/claims/account-manager-omar/" + day, """
                    {"calls":6,"visits":1,"meetings":1,"hoursWorked":8,"overtimeHours":0,
                     "contacts":[{"customerRef":"ref:chen-logistics","kind":"CALL","at":"%sT10:00:00Z"}]}""".formatted(day));
            for (int n = 0; n < 3; n++) {
                evidence.append(call("amy-" + day + "-" + n, "account-manager-amy", n == 0 ? "ref:grey-freight" : "ref:other-" + n,
                        day + "T09:0" + n + ":00Z", 95));
            }
            for (int n = 0; n < 6; n++) {
                evidence.append(call("omar-" + day + "-" + n, "account-manager-omar", n == 0 ? "ref:chen-logistics" : "ref:other-" + n,
                        day + "T10:0" + n + ":00Z", 240));
            }
            evidence.append("""
                    {"source":"geo","externalId":"omar-%s","personId":"account-manager-omar","customerRef":"ref:chen-logistics",
                     "kind":"VISIT","method":"GEO_CHECKIN","occurredAt":"%sT15:00:00Z","distanceMeters":60},""".formatted(day, day));
        }
        send(reporting, "telephony-bridge", "integrator", "POST", "/evidence",
                "{\"items\":[" + evidence.substring(0, evidence.length() - 1) + "]}");
    }

    private static String call(String id, String person, String customer, String at, int seconds) {
        return """
                {"source":"telephony","externalId":"%s","personId":"%s","customerRef":"%s","kind":"CALL",
                 "method":"CALL_RECORD","occurredAt":"%s","durationSeconds":%d},""".formatted(id, person, customer, at, seconds);
    }

    /** One of the demo's people: {@code role} is also the role of their token. */
    public record Person(String id, String name, String role, String team, Integer capacity) {

        /** The shell variable that holds their token in {@code .closedloop/tokens.env}. */
        public String tokenVariable() {
            return "TOKEN_" + id.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        }
    }

    /** The people of the stories, by what they do; the banner lists them with their tokens. */
    public static final java.util.List<Person> PEOPLE = java.util.List.of(
            new Person("consultant-carla", "Carla Diaz", "referrer", null, null),
            new Person("branch-president-bea", "Béatrice Morel", "referrer", null, null),
            new Person("account-manager-amy", "Amy Chen-Martin", "agent", "lending", 30),
            new Person("account-manager-omar", "Omar Haddad", "agent", "lending", 30),
            new Person("partner-paul", "Paul Novak", "agent", "partners", 10),
            new Person("partner-priya", "Priya Raman", "agent", "partners", 10),
            new Person("lending-manager-lea", "Léa Laurent", "manager", "lending", null),
            new Person("manager-max", "Max Weber", "manager", "partners", null));

    /** The accounts that are not people of the stories: who sets up the directory, and the system that files evidence. */
    public static final java.util.List<Person> ACCOUNTS = java.util.List.of(
            new Person("admin", "the administrator", "admin", null, null),
            new Person("telephony-bridge", "the telephony system", "integrator", null, null));

    private void directory() {
        put("admin", "admin", "/teams/lending", """
                {"name":"Lending, Paris branch","managerId":"lending-manager-lea","timeZone":"Europe/Paris",
                 "businessHours":%s}""".formatted(WEEKDAYS));
        put("admin", "admin", "/teams/partners", """
                {"name":"Consulting partners","managerId":"manager-max","timeZone":"America/New_York",
                 "businessHours":%s}""".formatted(WEEKDAYS));
        for (Person person : PEOPLE) {
            person(person.id(), person.name(), person.role().toUpperCase(java.util.Locale.ROOT), person.team(), person.capacity());
        }
        put("admin", "admin", "/assignment-rules", """
                {"rules":[
                  {"id":"consulting-to-partners","name":"Consulting goes to the partners",
                   "match":{"products":["Enterprise consulting"]},"target":{"teamId":"partners","strategy":"ROUND_ROBIN"}},
                  {"id":"everything-else-to-lending","name":"Everything else to lending, least loaded first",
                   "target":{"teamId":"lending","strategy":"LEAST_LOADED"}}]}""");
    }

    private void stories() {
        String hale = post("consultant-carla", "referrer", "/leads", """
                {"source":"REFERRAL",
                 "customer":{"name":"Victor Hale","organisation":"Hale Industries","email":"victor.hale@hale.example"},
                 "product":"Enterprise consulting","estimatedValue":{"amount":1000000,"currency":"USD"},
                 "territory":"north-america"}""").path("id").asText();
        String halesOwner = get("admin", "admin", "/leads/" + hale).path("ownerId").asText();
        post(halesOwner, "agent", "/leads/" + hale + "/acknowledgment", "");
        post(halesOwner, "agent", "/leads/" + hale + "/contact-attempts", """
                {"channel":"PHONE","reached":true,"note":"Victor wants a proposal before the board meets"}""");
        post(halesOwner, "agent", "/leads/" + hale + "/plan/steps", """
                {"title":"Send the proposal to Victor","dueAt":"%s"}""".formatted(inDays(2)));
        post(halesOwner, "agent", "/leads/" + hale + "/meetings", """
                {"startsAt":"%s","place":"Hale Industries HQ",
                 "checklist":[{"kind":"QUESTION","text":"What is the payback period?"},
                              {"kind":"DOCUMENT","text":"Three client references"},
                              {"kind":"QUESTION","text":"Who signs on their side?"}]}""".formatted(inDays(3)));

        String chen = post("branch-president-bea", "referrer", "/leads", """
                {"source":"REFERRAL",
                 "customer":{"name":"Mrs Chen","organisation":"Chen Logistics","phone":"+33 6 12 34 56 78"},
                 "product":"Business loan","estimatedValue":{"amount":250000,"currency":"EUR"},"territory":"paris"}""")
                .path("id").asText();
        String chensOwner = get("admin", "admin", "/leads/" + chen).path("ownerId").asText();
        post(chensOwner, "agent", "/leads/" + chen + "/acknowledgment", "");

        post("account-manager-omar", "agent", "/leads", """
                {"source":"INBOUND",
                 "customer":{"name":"Rex Rush","organisation":"Rush & Co","email":"rex@rush.example"},
                 "product":"Wealth management","territory":"paris",
                 "urgency":{"statement":"We sign tomorrow or never","demandedBy":"%s"}}""".formatted(inDays(1)));

        post("account-manager-amy", "agent", "/leads", """
                {"source":"EXISTING_CUSTOMER",
                 "customer":{"name":"Gordon Grey","organisation":"Grey Freight","email":"gordon@greyfreight.example",
                             "reference":"CRM-1042"},
                 "product":"Fleet insurance","estimatedValue":{"amount":40000,"currency":"EUR"},"territory":"lyon"}""");
    }

    /** How long the demo's dropped ball has, on the first run, before its acknowledgment deadline passes. */
    public static final Duration DROPPED_BALL_DEADLINE = Duration.ofMinutes(2);

    /**
     * A dropped ball to watch on the first run, on any day: Carla's urgent referral, whose acknowledgment clock runs
     * round the clock (the teams' business hours would stop it at night and at weekends) and runs out in two minutes.
     * Nobody acknowledges it, so it shows among the leads past a deadline, Léa is told, and Carla hears it by e-mail.
     * The service's own policies stay as they are, the demo's goes first.
     */
    private void aBallAboutToDrop() {
        JsonNode policies = get("admin", "admin", "/sla-policies");
        ((com.fasterxml.jackson.databind.node.ArrayNode) policies.path("policies")).insert(0, json("""
                {"id":"urgent-referral-demo","source":"REFERRAL","priority":"HIGH","acknowledgeWithin":"%s",
                 "firstContactWithin":"PT1H","followUpEvery":"PT16H","businessHoursOnly":false,
                 "ladder":{"remindBefore":"PT1M","escalateAfter":"PT0S","reassignAfter":null}}""".formatted(droppedBallDeadline)));
        put("admin", "admin", "/sla-policies", policies.toString());
        post("consultant-carla", "referrer", "/leads", """
                {"source":"REFERRAL","priority":"HIGH",
                 "customer":{"name":"Sofia Marquez","organisation":"Marquez Bakery","email":"sofia@marquez.example"},
                 "product":"Equipment loan","estimatedValue":{"amount":60000,"currency":"EUR"},"territory":"paris"}""");
    }

    private void person(String id, String name, String role, String team, Integer capacity) {
        put("admin", "admin", "/people/" + id, """
                {"name":"%s","email":"%s@demo.closedloop.invalid","roles":["%s"],"teamId":%s,"active":true,"capacity":%s}"""
                .formatted(name, id, role, team == null ? "null" : "\"" + team + "\"", capacity == null ? "null" : capacity));
    }

    /** Carla hears every step by e-mail as it comes; Béatrice, a branch head, in one digest at the end of the day. */
    private void howTheReferrersHear() {
        send(feedback, "consultant-carla", "referrer", "PUT", "/notification-preferences/consultant-carla",
                "{\"delivery\":\"EMAIL\",\"timeZone\":\"Europe/Paris\"}");
        send(feedback, "branch-president-bea", "referrer", "PUT", "/notification-preferences/branch-president-bea",
                "{\"delivery\":\"DIGEST\",\"timeZone\":\"Europe/Paris\",\"digestHour\":17}");
    }

    private static String inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("Demo JSON does not parse: " + text, e);
        }
    }

    private JsonNode get(String person, String role, String path) {
        return send(person, role, "GET", path, null);
    }

    private JsonNode post(String person, String role, String path, String body) {
        return send(person, role, "POST", path, body);
    }

    private JsonNode put(String person, String role, String path, String body) {
        return send(person, role, "PUT", path, body);
    }

    private JsonNode send(String person, String role, String method, String path, String body) {
        return send(leads, person, role, method, path, body);
    }

    private JsonNode send(String base, String person, String role, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + DevTokens.mint(person, role))
                .header("Content-Type", "application/json")
                .header("If-Match", "*");
        request.method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            steps++;
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Demo step " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Demo step " + method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
