package io.closedloop.leads.activity;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.closedloop.leads.support.Api;
import io.closedloop.leads.support.EventLog;
import io.closedloop.platform.timer.Timers;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The story of the dropped million-dollar lead, told the way this service makes it end. */
@QuarkusTest
class WorkingALeadTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    @Inject
    Timers timers;

    private final TestClock clock = TestClock.INSTANCE;
    private String team;
    private String partner;
    private String carla;

    @BeforeEach
    void setUp() {
        clock.freezeAt(START);
        team = Api.unique("partners");
        partner = Api.unique("paul");
        carla = Api.unique("carla");
        Api.team(team, Api.unique("boss"), Api.ALWAYS_OPEN);
        Api.agent(partner, team);
        Api.person(carla, null, "REFERRER", true, null, null);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
    }

    @AfterEach
    void tearDown() {
        Api.noRules();
        clock.reset();
    }

    private void advance(Duration d) {
        clock.advance(d);
        timers.fireDue(10_000);
    }

    @Test
    void a_huge_referral_is_acknowledged_planned_prepared_met_and_won() {
        String lead = Api.referral(carla, """
                "customer":{"name":"Victor Hale","organisation":"Hale Industries","email":"%s@hale.example"},
                "product":"Enterprise consulting","estimatedValue":{"amount":1000000,"currency":"USD"}"""
                .formatted(Api.unique("victor")));
        String path = "/leads/" + lead;

        // The owner acknowledges at once; nobody else can do it for them.
        as(Api.unique("intruder"), "agent").post(path + "/acknowledgment").then().statusCode(404);
        as(carla, "referrer").post(path + "/acknowledgment").then().statusCode(403);
        advance(Duration.ofMinutes(3));
        as(partner, "agent").post(path + "/acknowledgment").then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        as(partner, "agent").post(path + "/acknowledgment").then().statusCode(409);

        // First contact, then a plan with steps and due dates.
        as(partner, "agent").body("{\"channel\":\"PHONE\",\"reached\":false,\"note\":\"voicemail\"}")
                .post(path + "/contact-attempts").then().statusCode(201);
        advance(Duration.ofMinutes(20));
        as(partner, "agent").body("{\"channel\":\"PHONE\",\"reached\":true}")
                .post(path + "/contact-attempts").then().statusCode(201);
        admin().get(path).then().body("status", equalTo("CONTACTED"))
                .body("sla.firstContactedAt", equalTo("2026-11-23T09:03:00Z"));
        String proposal = as(partner, "agent").body("{\"title\":\"Send the proposal\",\"dueAt\":\"2026-11-25T17:00:00Z\"}")
                .post(path + "/plan/steps").then().statusCode(201).body("assigneeId", equalTo(partner))
                .extract().path("id");

        // Do your homework: a meeting with what the client may ask and what to bring.
        String meeting = as(partner, "agent").body("""
                {"startsAt":"2026-11-26T14:00:00Z","endsAt":"2026-11-26T15:00:00Z","place":"Hale HQ",
                 "checklist":[{"kind":"QUESTION","text":"What is the payback period?"},
                              {"kind":"DOCUMENT","text":"Three client references"},
                              {"kind":"QUESTION","text":"Who signs on their side?"}]}""")
                .post(path + "/meetings").then().statusCode(201)
                .body("checklistItems", equalTo(3)).body("state", equalTo("SCHEDULED"))
                .extract().path("id");
        admin().get(path).then().body("status", equalTo("MEETING_SCHEDULED"));
        List<String> items = as(partner, "agent").get(path + "/meetings/" + meeting).then().extract()
                .jsonPath().getList("checklist.id");
        as(partner, "agent").body("{\"answer\":\"14 months\",\"ready\":true}")
                .put(path + "/meetings/" + meeting + "/checklist/" + items.get(0)).then().statusCode(200);
        as(partner, "agent").body("{\"ready\":true}")
                .put(path + "/meetings/" + meeting + "/checklist/" + items.get(1)).then().statusCode(200);

        // The day before, the owner is reminded to confirm; unconfirmed two hours before, it is flagged.
        clock.freezeAt(Instant.parse("2026-11-25T14:00:00Z"));
        timers.fireDue(10_000);
        assertThat(EventLog.types(EventLog.including(lead, "lead.meeting-confirmation-due"))).contains("lead.meeting-confirmation-due");
        clock.freezeAt(Instant.parse("2026-11-26T12:00:00Z"));
        timers.fireDue(10_000);
        as(partner, "agent").get(path + "/meetings/" + meeting).then().body("unconfirmedFlagged", equalTo(true));
        as(partner, "agent").body("{\"channel\":\"phone\"}").post(path + "/meetings/" + meeting + "/confirmation")
                .then().statusCode(200).body("confirmedAt", equalTo("2026-11-26T12:00:00Z"));

        // It cannot be held before it starts; at the start, the readiness is recorded.
        as(partner, "agent").body("{\"result\":\"HELD\"}").post(path + "/meetings/" + meeting + "/result")
                .then().statusCode(409).body("detail", containsString("once it has begun"));
        clock.freezeAt(Instant.parse("2026-11-26T14:00:00Z"));
        timers.fireDue(10_000);
        as(partner, "agent").body("{\"answer\":\"The CFO\",\"ready\":true}")
                .put(path + "/meetings/" + meeting + "/checklist/" + items.get(2)).then().statusCode(200);
        as(partner, "agent").body("{\"result\":\"HELD\",\"note\":\"Went well\"}")
                .post(path + "/meetings/" + meeting + "/result").then().statusCode(200)
                .body("state", equalTo("HELD")).body("itemsReadyAtStart", equalTo(2));
        EventLog.Event held = EventLog.including(lead, "lead.meeting-held").stream()
                .filter(e -> e.shortType().equals("lead.meeting-held")).findFirst().orElseThrow();
        assertThat(held.data().path("itemsReady").asInt()).isEqualTo(2);
        assertThat(held.data().path("checklistItems").asInt()).isEqualTo(3);
        assertThat(held.data().path("confirmed").asBoolean()).isTrue();
        assertThat(held.data().path("referrerId").asText()).isEqualTo(carla);

        // Qualified; it cannot be closed while the plan is open.
        as(partner, "agent").body("{}").post(path + "/qualification").then().statusCode(200).body("status", equalTo("QUALIFIED"));
        as(partner, "agent").body("{}").post(path + "/qualification").then().statusCode(409);
        as(partner, "agent").body("{\"result\":\"WON\",\"value\":{\"amount\":980000,\"currency\":\"USD\"}}")
                .post(path + "/outcome").then().statusCode(409)
                .body("openSteps", hasSize(1)).body("openSteps[0]", containsString(proposal));
        as(partner, "agent").body("{\"note\":\"sent\"}").post(path + "/plan/steps/" + proposal + "/completion")
                .then().statusCode(200).body("state", equalTo("DONE"));
        as(partner, "agent").body("{\"result\":\"WON\"}").post(path + "/outcome").then().statusCode(400)
                .body("errors[0].field", equalTo("value"));
        as(partner, "agent").body("{\"result\":\"WON\",\"value\":{\"amount\":980000,\"currency\":\"USD\"},\"note\":\"Signed\"}")
                .post(path + "/outcome").then().statusCode(200)
                .body("status", equalTo("WON")).body("outcome.value.amount", equalTo(980000))
                .body("sla.nextDueAt", org.hamcrest.Matchers.nullValue());
        as(partner, "agent").body("{\"result\":\"LOST\",\"lossReason\":\"PRICE\"}").post(path + "/outcome").then().statusCode(409);
        as(partner, "agent").body("{\"channel\":\"PHONE\",\"reached\":true}").post(path + "/contact-attempts").then().statusCode(409);

        List<String> types = EventLog.types(EventLog.including(lead, "lead.won"));
        assertThat(types).containsSubsequence("lead.received", "lead.assigned", "lead.acknowledged",
                "lead.contact-attempted", "lead.contact-attempted", "lead.step-created", "lead.meeting-scheduled",
                "lead.meeting-confirmation-due", "lead.meeting-unconfirmed", "lead.meeting-confirmed",
                "lead.meeting-held", "lead.qualified", "lead.step-completed", "lead.won");
        // Every status the lead passed through was announced, each move from where the last one left it.
        List<EventLog.Event> moves = EventLog.including(lead, "lead.won").stream()
                .filter(e -> e.shortType().equals("lead.status-changed")).toList();
        assertThat(moves).extracting(e -> e.data().path("from").asText() + ">" + e.data().path("to").asText())
                .containsExactly("NEW>ASSIGNED", "ASSIGNED>ACKNOWLEDGED", "ACKNOWLEDGED>CONTACTED",
                        "CONTACTED>MEETING_SCHEDULED", "MEETING_SCHEDULED>QUALIFIED", "QUALIFIED>WON");
        assertThat(moves.getLast().data().path("changedBy").asText()).isEqualTo(partner);
        admin().get(path + "/history").then().statusCode(200)
                .body("items.action", hasItems("received", "assigned", "acknowledged", "contact-attempted", "step-created",
                        "meeting-scheduled", "checklist-answered", "meeting-confirmed", "meeting-started",
                        "meeting-held", "qualified", "step-completed", "won"))
                .body("items.find { it.action == 'won' }.actor", equalTo(partner));
        // The same history as a spreadsheet: a row per change, a page at a time, the next page named in Link.
        var csv = admin().accept("text/csv").get(path + "/history?limit=5").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Link", org.hamcrest.Matchers.matchesPattern("<\\?cursor=[^>]+>; rel=\"next\""))
                .extract();
        String[] lines = new String(csv.asByteArray(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFid,at,actor,action,reason,details");
        assertThat(lines).hasSize(6);
        assertThat(lines[1]).contains(",received,");
        as(carla, "referrer").accept("text/csv").get(path + "/history").then().statusCode(403)
                .contentType("application/problem+json");

        // The referrer follows it without seeing what is not theirs to see.
        as(carla, "referrer").get(path).then().statusCode(200)
                .body("status", equalTo("WON")).body("ownerName", equalTo(partner))
                .body("customer", org.hamcrest.Matchers.nullValue())
                .body("estimatedValue", org.hamcrest.Matchers.nullValue());
        as(carla, "referrer").get(path + "/history").then().statusCode(403);
        as(carla, "referrer").get(path + "/meetings").then().statusCode(403);
    }

    @Test
    void the_lifecycle_refuses_steps_out_of_order_with_409() {
        String lead = Api.newLead("desk", "agent", null);
        String path = "/leads/" + lead;
        as(partner, "agent").body("{\"channel\":\"PHONE\",\"reached\":true}").post(path + "/contact-attempts")
                .then().statusCode(409).body("detail", containsString("Acknowledge the lead"));
        as(partner, "agent").body("{\"startsAt\":\"2026-12-01T10:00:00Z\"}").post(path + "/meetings").then().statusCode(409);
        as(partner, "agent").body("{}").post(path + "/qualification").then().statusCode(409);
        as(partner, "agent").body("{\"result\":\"WON\",\"value\":{\"amount\":1,\"currency\":\"EUR\"}}")
                .post(path + "/outcome").then().statusCode(409);
        as(partner, "agent").body("{\"result\":\"LOST\",\"lossReason\":\"BAD_KARMA\"}").post(path + "/outcome")
                .then().statusCode(400).body("detail", containsString("PRICE"));
        as(partner, "agent").body("{\"result\":\"LOST\",\"lossReason\":\"NO_RESPONSE\",\"note\":\"silent\"}")
                .post(path + "/outcome").then().statusCode(200).body("status", equalTo("LOST"))
                .body("outcome.lossReason", equalTo("NO_RESPONSE"));
        EventLog.Event lost = EventLog.including(lead, "lead.lost").stream()
                .filter(e -> e.shortType().equals("lead.lost")).findFirst().orElseThrow();
        assertThat(lost.data().path("reason").asText()).isEqualTo("NO_RESPONSE");
        assertThat(lost.data().has("note")).isFalse();
    }

    @Test
    void a_meeting_can_be_rescheduled_keeping_its_preparation_and_a_no_show_sends_the_lead_back() {
        String lead = Api.newLead("desk", "agent", null);
        String path = "/leads/" + lead;
        as(partner, "agent").post(path + "/acknowledgment").then().statusCode(200);
        as(partner, "agent").body("{\"startsAt\":\"2026-11-23T08:00:00Z\"}").post(path + "/meetings")
                .then().statusCode(400).body("errors[0].field", equalTo("startsAt"));
        String first = as(partner, "agent").body("""
                {"startsAt":"2026-11-24T10:00:00Z","checklist":[{"text":"Bring the brochure"}]}""")
                .post(path + "/meetings").then().statusCode(201).extract().path("id");
        String item = as(partner, "agent").get(path + "/meetings/" + first).then().extract().path("checklist[0].id");
        as(partner, "agent").body("{\"ready\":true}").put(path + "/meetings/" + first + "/checklist/" + item).then().statusCode(200);
        as(partner, "agent").body("{\"result\":\"RESCHEDULED\"}").post(path + "/meetings/" + first + "/result")
                .then().statusCode(400).body("errors[0].field", equalTo("rescheduledTo.startsAt"));
        String second = as(partner, "agent").body("{\"result\":\"RESCHEDULED\",\"rescheduledTo\":{\"startsAt\":\"2026-11-27T10:00:00Z\"}}")
                .post(path + "/meetings/" + first + "/result").then().statusCode(200)
                .body("state", equalTo("RESCHEDULED")).extract().path("rescheduledTo");
        as(partner, "agent").get(path + "/meetings/" + second).then().statusCode(200)
                .body("reschedules", equalTo(first)).body("checklist[0].ready", equalTo(true));
        clock.freezeAt(Instant.parse("2026-11-27T10:30:00Z"));
        as(partner, "agent").body("{\"result\":\"NO_SHOW\"}").post(path + "/meetings/" + second + "/result")
                .then().statusCode(200);
        admin().get(path).then().body("status", equalTo("CONTACTED"));
        assertThat(EventLog.types(EventLog.including(lead, "lead.meeting-no-show")))
                .containsSubsequence("lead.meeting-scheduled", "lead.meeting-cancelled", "lead.meeting-scheduled",
                        "lead.meeting-no-show");
    }

    /**
     * The next due date is the earliest of the lead's clocks and its open steps. The steps' part is kept on the lead as
     * they change, and work in later transactions (a contact attempt restarts the follow-up clock) must still count
     * it without reading the steps again.
     */
    @Test
    void an_open_steps_deadline_stays_the_next_due_date_through_later_work_until_it_is_settled() {
        String path = acknowledgedLead();
        String early = step(path, "Send the offer", "2026-11-23T09:30:00Z");
        String later = step(path, "Call back", "2026-11-23T09:40:00Z");
        admin().get(path).then().body("sla.nextDueAt", equalTo("2026-11-23T09:30:00Z"));

        advance(Duration.ofMinutes(5));
        as(partner, "agent").body("{\"channel\":\"PHONE\",\"reached\":false}").post(path + "/contact-attempts")
                .then().statusCode(201);
        String followUpBy = admin().get(path).then().body("sla.nextDueAt", equalTo("2026-11-23T09:30:00Z"))
                .extract().path("sla.followUpBy");
        assertThat(Instant.parse(followUpBy)).isAfter(Instant.parse("2026-11-23T09:40:00Z"));

        as(partner, "agent").body("{}").post(path + "/plan/steps/" + early + "/completion").then().statusCode(200);
        admin().get(path).then().body("sla.nextDueAt", equalTo("2026-11-23T09:40:00Z"));
        as(partner, "agent").body("{\"channel\":\"EMAIL\",\"reached\":true}").post(path + "/contact-attempts")
                .then().statusCode(201);
        admin().get(path).then().body("sla.nextDueAt", equalTo("2026-11-23T09:40:00Z"));
        as(partner, "agent").body("{\"reason\":\"done by mail\"}").post(path + "/plan/steps/" + later + "/cancellation")
                .then().statusCode(200);
        String after = admin().get(path).then().extract().path("sla.followUpBy");
        admin().get(path).then().body("sla.nextDueAt", equalTo(after));
    }

    @Test
    void an_overdue_step_reminds_its_assignee_once() {
        String path = acknowledgedLead();
        String lead = path.substring("/leads/".length());
        String step = step(path, "Call back", "2026-11-23T11:00:00Z");
        admin().get(path).then().body("sla.nextDueAt", equalTo("2026-11-23T11:00:00Z"));
        advance(Duration.ofHours(2).plusMinutes(1));
        advance(Duration.ofHours(1));
        List<EventLog.Event> events = EventLog.including(lead, "lead.step-overdue");
        assertThat(events.stream().filter(e -> e.shortType().equals("lead.step-overdue")).count()).isEqualTo(1);
        as(partner, "agent").get(path + "/plan").then().body("items[0].overdue", equalTo(true));
        as(partner, "agent").body("{\"reason\":\"Client asked to wait\"}").post(path + "/plan/steps/" + step + "/cancellation")
                .then().statusCode(200).body("state", equalTo("CANCELLED"));
        as(partner, "agent").body("{\"reason\":\"again\"}").post(path + "/plan/steps/" + step + "/cancellation")
                .then().statusCode(409);
    }

    /** A new lead of the partner, acknowledged by them: its path. */
    private String acknowledgedLead() {
        String path = "/leads/" + Api.newLead("desk", "agent", null);
        as(partner, "agent").post(path + "/acknowledgment").then().statusCode(200);
        return path;
    }

    /** A plan step the partner adds to the lead at {@code path}: its id. */
    private String step(String path, String title, String dueAt) {
        return as(partner, "agent").body("{\"title\":\"%s\",\"dueAt\":\"%s\"}".formatted(title, dueAt))
                .post(path + "/plan/steps").then().statusCode(201).extract().path("id");
    }
}
