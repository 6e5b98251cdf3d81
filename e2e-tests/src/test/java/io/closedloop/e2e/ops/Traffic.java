package io.closedloop.e2e.ops;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.closedloop.stack.DevTokens;
import io.closedloop.stack.Suite;
import io.closedloop.stack.testing.EventWriter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

/**
 * A little of everything the dashboards and alerts look at, through the public APIs of the running suite: leads
 * acknowledged in time and late, escalated, queued with no owner, contacted and won; an instruction echoed late and
 * one left silent; a referral; a daily report and its evidence; some refused requests; a poison record.
 */
final class Traffic {

    static final String TEAM = "mon-team";
    static final String EMPTY_TEAM = "mon-empty";
    static final String MANAGER = "mon-manager";
    static final String AGENT = "mon-agent";
    static final String REFERRER = "mon-referrer";

    private final String leads;
    private final String feedback;
    private final String reporting;
    private final String reportingOperations;
    private final String kafka;

    Traffic(Suite suite) {
        this.leads = suite.service("leads-service").url();
        this.feedback = suite.service("feedback-service").url();
        this.reporting = suite.service("reporting-service").url();
        this.reportingOperations = suite.service("reporting-service").managementUrl();
        this.kafka = suite.kafka().bootstrapServers();
    }

    private static RequestSpecification as(String base, String person, String role) {
        return given().baseUri(base).auth().oauth2(DevTokens.mint(person, role)).contentType(ContentType.JSON);
    }

    /** The directory, the routing and a two-second SLA, so that deadlines pass while the test watches. */
    void setUp() {
        String always = """
                {"MONDAY":[{"from":"00:00","to":"00:00"}],"TUESDAY":[{"from":"00:00","to":"00:00"}],
                 "WEDNESDAY":[{"from":"00:00","to":"00:00"}],"THURSDAY":[{"from":"00:00","to":"00:00"}],
                 "FRIDAY":[{"from":"00:00","to":"00:00"}],"SATURDAY":[{"from":"00:00","to":"00:00"}],
                 "SUNDAY":[{"from":"00:00","to":"00:00"}]}""";
        for (String team : List.of(TEAM, EMPTY_TEAM)) {
            as(leads, "root", "admin").body("""
                    {"name":"%s","managerId":"%s","timeZone":"UTC","businessHours":%s}""".formatted(team, MANAGER, always))
                    .put("/teams/" + team).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        as(leads, "root", "admin").body("""
                {"name":"Mona Manager","roles":["MANAGER"],"teamId":"%s","active":true}""".formatted(TEAM))
                .put("/people/" + MANAGER).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        as(leads, "root", "admin").body("""
                {"name":"Andy Agent","roles":["AGENT"],"teamId":"%s","active":true,"capacity":100}""".formatted(TEAM))
                .put("/people/" + AGENT).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        as(leads, "root", "admin").body("""
                {"rules":[
                  {"id":"monitoring","name":"Monitoring widgets to the monitoring team",
                   "match":{"products":["Monitoring widget"]},"target":{"teamId":"%s","strategy":"ROUND_ROBIN"}},
                  {"id":"unowned","name":"Unowned widgets to a team with nobody in it",
                   "match":{"products":["Unowned widget"]},"target":{"teamId":"%s","strategy":"ROUND_ROBIN"}}]}"""
                .formatted(TEAM, EMPTY_TEAM))
                .put("/assignment-rules").then().statusCode(200);
        as(leads, "root", "admin").header("If-Match", "*").body("""
                {"policies":[{"id":"everything","acknowledgeWithin":"PT2S","firstContactWithin":"PT1H",
                  "followUpEvery":"PT16H","businessHoursOnly":false,
                  "ladder":{"remindBefore":"PT1S","escalateAfter":"PT0S"}}]}""")
                .put("/sla-policies").then().statusCode(200);
        // As in any real deployment, the team exists before its leads: reporting-service registers a team's lead
        // meters at zero when it sees the team, and Prometheus (1 s scrapes) must see that zero before the first
        // observations, or rate() finds no increase. Created and used within one scrape, a team's first leads would
        // not show in the rate panels — the limit of any series born with a new label value.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().baseUri(reportingOperations).get("/q/metrics").then().extract().asString()
                        .contains("closedloop_leads_acknowledged_total{team=\"" + TEAM + "\""));
        sleep(Duration.ofSeconds(3));
    }

    private String lead(String person, String role, String source, String referrer, String product) {
        return as(leads, person, role).body("""
                {"source":"%s",%s"customer":{"name":"Ms Metric","email":"metric-%s@example.com"},"product":"%s",
                 "estimatedValue":{"amount":4200,"currency":"EUR"}}"""
                .formatted(source, referrer == null ? "" : "\"referrerId\":\"" + referrer + "\",",
                        System.nanoTime(), product))
                .post("/leads").then().statusCode(201).extract().path("id");
    }

    /** Everything, once; returns the ids of the leads it created. */
    List<String> drive() {
        List<String> created = new ArrayList<>();
        // Acknowledged at once, contacted, won.
        for (int i = 0; i < 3; i++) {
            String id = lead(MANAGER, "manager", "INBOUND", null, "Monitoring widget");
            created.add(id);
            as(leads, AGENT, "agent").post("/leads/" + id + "/acknowledgment").then().statusCode(200);
            as(leads, AGENT, "agent").body("{\"channel\":\"PHONE\",\"reached\":true}")
                    .post("/leads/" + id + "/contact-attempts").then().statusCode(201);
            if (i == 0) {
                as(leads, AGENT, "agent").body("{\"result\":\"WON\",\"value\":{\"amount\":4200,\"currency\":\"EUR\"}}")
                        .post("/leads/" + id + "/outcome").then().statusCode(200);
            }
        }
        // Never acknowledged: past its two-second deadline, escalated, overdue.
        created.add(lead(MANAGER, "manager", "PARTNER", null, "Monitoring widget"));
        // Nobody in the team: queued with no owner.
        created.add(lead(MANAGER, "manager", "INBOUND", null, "Unowned widget"));
        // A referral: a loop back to the referrer.
        String referral = lead(REFERRER, "referrer", "REFERRAL", REFERRER, "Monitoring widget");
        created.add(referral);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                as(leads, AGENT, "agent").post("/leads/" + referral + "/acknowledgment").statusCode() == 200);
        // Acknowledged late: after the deadline has passed.
        String late = lead(MANAGER, "manager", "INBOUND", null, "Monitoring widget");
        created.add(late);
        sleep(Duration.ofSeconds(3));
        as(leads, AGENT, "agent").post("/leads/" + late + "/acknowledgment").then().statusCode(200);

        // Instructions with a two-second receipt deadline (the suite's environment): one answered late and
        // closed, one left silent.
        String answered = instruction("Send the signed offer");
        instruction("Call Mrs Chen back");
        sleep(Duration.ofSeconds(4));
        as(feedback, AGENT, "agent").body("{\"kind\":\"RECEIPT\",\"message\":\"On it\"}")
                .post("/loops/" + answered + "/echoes").then().statusCode(201);
        as(feedback, AGENT, "agent").body("{\"kind\":\"OUTCOME\",\"message\":\"Sent and signed\"}")
                .post("/loops/" + answered + "/echoes").then().statusCode(201);

        // A day's report and what the telephony system says of it.
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        as(reporting, AGENT, "agent").body("""
                {"calls":4,"visits":0,"meetings":0,"hoursWorked":8,"overtimeHours":1,
                 "contacts":[{"customerRef":"ref:metric","kind":"CALL","at":"%s"}]}""".formatted(at))
                .put("/claims/" + AGENT + "/" + today).then().statusCode(200);
        as(reporting, "pbx", "integrator").body("""
                {"items":[{"source":"telephony","externalId":"mon-%s","personId":"%s","customerRef":"ref:metric",
                           "kind":"CALL","method":"CALL_RECORD","occurredAt":"%s","durationSeconds":95}]}"""
                .formatted(System.nanoTime(), AGENT, at))
                .post("/evidence").then().statusCode(202);

        // Refused requests: a 404 and a 400 on each service.
        for (String base : List.of(leads, feedback, reporting)) {
            as(base, AGENT, "agent").get("/no-such-resource").then().statusCode(404);
        }
        as(leads, AGENT, "agent").body("{\"source\":\"SOMEWHERE\"}").post("/leads").then().statusCode(400);
        as(reporting, AGENT, "agent").get("/claims/" + AGENT + "?period=someday").then().statusCode(400);
        return created;
    }

    /** A record that is not an event, on the leads topic: dead-lettered by both its consumers. */
    void poison() {
        try (EventWriter writer = new EventWriter(kafka)) {
            writer.send("leads.events", "poison", "io.closedloop.lead.received.v1", "{not json");
        }
    }

    private String instruction(String subject) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
                as(feedback, MANAGER, "manager").body("{\"ownerId\":\"" + AGENT + "\",\"subject\":\"" + subject + "\"}")
                        .post("/loops").then().extract(), r -> r.statusCode() == 201).path("id");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
