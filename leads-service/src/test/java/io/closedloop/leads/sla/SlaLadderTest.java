package io.closedloop.leads.sla;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

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

/**
 * The escalation ladder on the real database and broker, driven by a clock the test moves: remind the owner, tell the
 * manager, bounce the lead. No test sleeps.
 */
@QuarkusTest
class SlaLadderTest {

    /** Monday 23 November 2026, 11:00 in Paris. */
    private static final Instant MONDAY_11_PARIS = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    Timers timers;

    private final TestClock clock = TestClock.INSTANCE;
    private String team;
    private String manager;
    private String ann;
    private String bob;

    @BeforeEach
    void setUp() {
        clock.freezeAt(MONDAY_11_PARIS);
        team = Api.unique("sla");
        manager = Api.unique("max");
        ann = "a-" + Api.unique("ann");
        bob = "b-" + Api.unique("bob");
        Api.team(team, manager, Api.ALWAYS_OPEN);
        Api.person(manager, team, "MANAGER", true, null, null);
        Api.agent(ann, team);
        Api.agent(bob, team);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
        Api.simplePolicies(false);
    }

    @AfterEach
    void tearDown() {
        Api.noRules();
        Api.defaultPolicies();
        clock.reset();
    }

    private void advanceTo(Duration sinceStart) {
        Duration now = Duration.between(MONDAY_11_PARIS, clock.instant());
        clock.advance(sinceStart.minus(now));
        timers.fireDue(10_000);
    }

    @Test
    void an_unacknowledged_handoff_reminds_the_owner_tells_the_manager_then_bounces_to_a_colleague() {
        String lead = Api.newLead("desk", "agent", null);
        admin().get("/leads/" + lead).then().statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("ownerId", equalTo(ann))
                .body("sla.acknowledgeBy", equalTo("2026-11-23T10:15:00Z"));

        advanceTo(Duration.ofMinutes(9));
        assertThat(EventLog.types(EventLog.including(lead, "lead.assigned"))).doesNotContain("lead.sla-reminded");

        advanceTo(Duration.ofMinutes(10));
        EventLog.Event reminded = find(EventLog.including(lead, "lead.sla-reminded"), "lead.sla-reminded");
        assertThat(reminded.data().path("clock").asText()).isEqualTo("ACKNOWLEDGE");
        assertThat(reminded.data().path("ownerId").asText()).isEqualTo(ann);

        advanceTo(Duration.ofMinutes(15));
        EventLog.Event escalated = find(EventLog.including(lead, "lead.sla-escalated"), "lead.sla-escalated");
        assertThat(escalated.data().path("managerId").asText()).isEqualTo(manager);
        assertThat(escalated.data().path("dueAt").asText()).isEqualTo("2026-11-23T10:15:00Z");
        admin().get("/leads?teamId=" + team + "&overdue=true").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(lead)));
        advanceTo(Duration.ofMinutes(16));
        admin().get("/leads?teamId=" + team + "&overdue=true").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(lead));

        advanceTo(Duration.ofMinutes(30));
        List<EventLog.Event> events = EventLog.including(lead, "lead.sla-reassigned");
        EventLog.Event bounced = find(events, "lead.sla-reassigned");
        assertThat(bounced.data().path("fromOwnerId").asText()).isEqualTo(ann);
        assertThat(bounced.data().path("toOwnerId").asText()).isEqualTo(bob);
        EventLog.Event reassigned = events.stream().filter(e -> e.shortType().equals("lead.assigned"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(reassigned.data().path("strategy").asText()).isEqualTo("SLA_REASSIGNMENT");
        assertThat(reassigned.data().path("assignedBy").asText()).isEqualTo("system");
        admin().get("/leads/" + lead).then().statusCode(200)
                .body("ownerId", equalTo(bob))
                .body("sla.acknowledgeBy", equalTo("2026-11-23T10:45:00Z"));
        admin().get("/leads/" + lead + "/history").then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.hasItems("received", "assigned", "sla-reminded", "sla-escalated"));

        // Each rung fired once: moving on fires nothing more for the old owner.
        advanceTo(Duration.ofMinutes(31));
        assertThat(EventLog.types(EventLog.including(lead, "lead.sla-reassigned")).stream()
                .filter(t -> t.equals("lead.sla-escalated")).count()).isEqualTo(1);
    }

    @Test
    void acknowledging_in_time_stops_the_ladder_and_starts_the_first_contact_clock() {
        String lead = Api.newLead("desk", "agent", null);
        advanceTo(Duration.ofMinutes(12));
        as(ann, "agent").post("/leads/" + lead + "/acknowledgment").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("sla.acknowledgedAt", equalTo("2026-11-23T10:12:00Z"))
                .body("sla.firstContactBy", equalTo("2026-11-23T11:12:00Z"));
        EventLog.Event acknowledged = find(EventLog.including(lead, "lead.acknowledged"), "lead.acknowledged");
        assertThat(acknowledged.data().path("late").asBoolean()).isFalse();

        advanceTo(Duration.ofMinutes(45));
        List<String> types = EventLog.types(EventLog.including(lead, "lead.acknowledged"));
        assertThat(types).doesNotContain("lead.sla-escalated", "lead.sla-reassigned");

        advanceTo(Duration.ofMinutes(72));
        EventLog.Event escalated = find(EventLog.including(lead, "lead.sla-escalated"), "lead.sla-escalated");
        assertThat(escalated.data().path("clock").asText()).isEqualTo("FIRST_CONTACT");
    }

    @Test
    void a_late_acknowledgment_is_stamped_late() {
        String lead = Api.newLead("desk", "agent", null);
        advanceTo(Duration.ofMinutes(20));
        as(ann, "agent").post("/leads/" + lead + "/acknowledgment").then().statusCode(200);
        assertThat(find(EventLog.including(lead, "lead.acknowledged"), "lead.acknowledged").data().path("late").asBoolean())
                .isTrue();
    }

    @Test
    void contact_restarts_the_follow_up_clock_and_a_silent_lead_is_escalated() {
        String lead = Api.newLead("desk", "agent", null);
        as(ann, "agent").post("/leads/" + lead + "/acknowledgment").then().statusCode(200);
        advanceTo(Duration.ofMinutes(20));
        as(ann, "agent").body("{\"channel\":\"PHONE\",\"reached\":true}")
                .post("/leads/" + lead + "/contact-attempts").then().statusCode(201);
        admin().get("/leads/" + lead).then().body("sla.followUpBy", equalTo("2026-11-25T10:20:00Z"));

        advanceTo(Duration.ofDays(1));
        as(ann, "agent").body("{\"channel\":\"EMAIL\",\"reached\":false}")
                .post("/leads/" + lead + "/contact-attempts").then().statusCode(201);
        admin().get("/leads/" + lead).then().body("sla.followUpBy", equalTo("2026-11-26T10:00:00Z"));

        advanceTo(Duration.ofDays(2).plusMinutes(20));
        assertThat(EventLog.types(EventLog.including(lead, "lead.contact-attempted"))).doesNotContain("lead.sla-escalated");
        advanceTo(Duration.ofDays(3));
        EventLog.Event escalated = find(EventLog.including(lead, "lead.sla-escalated"), "lead.sla-escalated");
        assertThat(escalated.data().path("clock").asText()).isEqualTo("FOLLOW_UP");
    }

    @Test
    void nobody_available_puts_the_lead_in_the_team_queue_and_tells_the_manager() {
        Api.person(ann, team, "AGENT", false, null, null);
        Api.person(bob, team, "AGENT", true, null, "2026-11-30T00:00:00Z");
        String lead = Api.newLead("desk", "agent", null);
        admin().get("/leads/" + lead).then().body("status", equalTo("NEW")).body("ownerId", nullValue())
                .body("teamId", equalTo(team)).body("sla.overdue", equalTo(false));
        EventLog.Event queued = find(EventLog.including(lead, "lead.queued"), "lead.queued");
        assertThat(queued.data().path("managerId").asText()).isEqualTo(manager);
        assertThat(queued.data().path("teamId").asText()).isEqualTo(team);

        clock.advance(Duration.ofSeconds(1));
        admin().get("/leads?teamId=" + team + "&overdue=true").then().body("items.id", org.hamcrest.Matchers.hasItem(lead));
    }

    @Test
    void a_bounce_with_nobody_else_available_goes_to_the_queue() {
        Api.person(bob, team, "AGENT", false, null, null);
        String lead = Api.newLead("desk", "agent", null);
        advanceTo(Duration.ofMinutes(30));
        List<EventLog.Event> events = EventLog.including(lead, "lead.sla-reassigned", "lead.queued");
        assertThat(find(events, "lead.sla-reassigned").data().has("toOwnerId")).isFalse();
        admin().get("/leads/" + lead).then().body("ownerId", nullValue()).body("status", equalTo("NEW"));
    }

    @Test
    void business_hours_pause_the_clock_over_the_weekend() {
        String officeTeam = Api.unique("office");
        String carol = Api.unique("carol");
        Api.team(officeTeam, manager, Api.WEEKDAYS_9_TO_6);
        Api.agent(carol, officeTeam);
        Api.routeEverythingTo(officeTeam, "ROUND_ROBIN");
        Api.simplePolicies(true);
        clock.freezeAt(Instant.parse("2026-11-27T16:55:00Z")); // Friday 17:55 in Paris
        String lead = Api.newLead("desk", "agent", null);
        admin().get("/leads/" + lead).then().body("ownerId", equalTo(carol))
                .body("sla.acknowledgeBy", equalTo("2026-11-30T08:10:00Z")); // Monday 09:10 in Paris
    }

    private static EventLog.Event find(List<EventLog.Event> events, String shortType) {
        return events.stream().filter(e -> e.shortType().equals(shortType)).findFirst().orElseThrow();
    }
}
