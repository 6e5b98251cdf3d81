package io.closedloop.feedback.loop;

import static io.closedloop.feedback.support.Api.as;
import static io.closedloop.feedback.support.Api.hasType;
import static io.closedloop.feedback.support.Api.inboxUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.closedloop.feedback.support.Api;
import io.closedloop.feedback.support.LeadStory;
import io.closedloop.platform.timer.Timers;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loan released in silence, with this service running: the branch president who referred the customer hears that
 * the receipt is late, then the receipt, the progress and the outcome, without asking anyone; the lending manager who
 * handed the file over hears it too.
 */
@QuarkusTest
class LoanReleasedInSilenceTest {

    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    Timers timers;

    private final TestClock clock = TestClock.INSTANCE;
    private String bea;
    private String lea;
    private String amy;
    private String team;

    @BeforeEach
    void setUp() {
        clock.freezeAt(MONDAY_10);
        bea = Api.unique("branch-president-bea");
        lea = Api.unique("lending-manager-lea");
        amy = Api.unique("account-manager-amy");
        team = Api.unique("lending");
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private void at(Instant instant) {
        clock.freezeAt(instant);
        timers.fireDue(10_000);
    }

    @Test
    void the_referrer_hears_of_the_receipt_the_progress_and_the_outcome_and_of_the_lateness() {
        UUID lead = UUID.randomUUID();
        try (LeadStory story = new LeadStory()) {
            story.team(team, lea, MONDAY_10);
            story.person(lea, "Léa Laurent", team, null, MONDAY_10);
            story.person(amy, "Amy Chen-Martin", team, lea, MONDAY_10);
            story.referral(lead, bea, "Mrs Chen", MONDAY_10);
            story.assigned(lead, team, null, lea, "system", "Rule loans", MONDAY_10.plusSeconds(60));
            story.assigned(lead, team, lea, amy, lea, "Amy handles business loans", MONDAY_10.plusSeconds(300));

            // Two loops: the referral (to Béatrice) and the handoff (to Léa), both owed by Amy now.
            List<Map<String, Object>> amysLoops = Api.loopsOfLead(amy, lead, 2);
            assertThat(amysLoops).extracting(l -> l.get("kind")).containsExactlyInAnyOrder("REFERRAL", "HANDOFF");
            assertThat(amysLoops).allSatisfy(l -> assertThat(l.get("ownerId")).isEqualTo(amy));
            inboxUntil(amy, Api.count("loop.opened", 2));
            // Amy's own event may be consumed on another partition than the lead's: the messages below quote her name.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Api.loopsOfLead(amy, lead, 2).stream()
                    .allMatch(l -> "Amy Chen-Martin".equals(l.get("ownerName"))));

            // Silence. At the receipt deadline the referrer is told plainly that it is late, and Amy is reminded.
            at(MONDAY_10.plus(Duration.ofMinutes(65)));
            List<Map<String, Object>> beasInbox = inboxUntil(bea, hasType("loop.late"));
            assertThat(body(beasInbox, "loop.late")).contains("Amy Chen-Martin has not yet confirmed receipt of your referral of Mrs Chen");
            inboxUntil(amy, Api.count("loop.reminder", 2));
            inboxUntil(lea, hasType("loop.late"));

            // Amy acknowledges: the receipt reaches Béatrice, marked late, with its latency.
            story.acknowledged(lead, amy, team, MONDAY_10.plusSeconds(300), MONDAY_10.plus(Duration.ofMinutes(70)));
            beasInbox = inboxUntil(bea, hasType("loop.receipt"));
            assertThat(body(beasInbox, "loop.receipt")).contains("Amy Chen-Martin has taken charge of Mrs Chen").contains("late");

            // Progress: derived from the lead (a call, a meeting), and Amy's own word.
            story.reached(lead, amy, MONDAY_10.plus(Duration.ofHours(3)));
            story.met(lead, amy, MONDAY_10.plus(Duration.ofDays(2)));
            inboxUntil(bea, Api.count("loop.progress", 2));
            clock.freezeAt(MONDAY_10.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
            String referralLoop = amysLoops.stream().filter(l -> l.get("kind").equals("REFERRAL")).findFirst()
                    .orElseThrow().get("id").toString();
            as(amy, "agent").body("{\"kind\":\"PROGRESS\",\"message\":\"The file is with the credit committee.\"}")
                    .post("/loops/" + referralLoop + "/echoes").then().statusCode(201)
                    .body("source", equalTo("PERSONAL")).body("late", equalTo(false));
            inboxUntil(bea, Api.count("loop.progress", 3));

            // The loan is released: the outcome closes both loops, and Béatrice hears it without asking.
            story.won(lead, amy, MONDAY_10.plus(Duration.ofDays(10)));
            beasInbox = inboxUntil(bea, hasType("loop.outcome"));
            assertThat(body(beasInbox, "loop.outcome")).isEqualTo("Mrs Chen: won.");
            inboxUntil(lea, hasType("loop.outcome"));
        }

        as(bea, "referrer").get("/loops/" + loopId(bea, lead)).then().statusCode(200)
                .body("state", equalTo("CLOSED"))
                .body("receiptAt", equalTo("2026-11-23T11:10:00Z"))
                .body("timeline.kind", org.hamcrest.Matchers.contains("RECEIPT", "PROGRESS", "PROGRESS", "PROGRESS", "OUTCOME"))
                .body("timeline[0].late", equalTo(true))
                .body("timeline[0].latencySeconds", equalTo(70 * 60))
                .body("timeline[0].source", equalTo("AUTOMATIC"))
                .body("lateEchoes", equalTo(1));
        as(amy, "agent").post("/loops/" + loopId(bea, lead) + "/confirmation").then().statusCode(403);
        as(bea, "referrer").post("/loops/" + loopId(bea, lead) + "/confirmation").then().statusCode(200)
                .body("state", equalTo("CONFIRMED"));
        as(bea, "referrer").post("/loops/" + loopId(bea, lead) + "/confirmation").then().statusCode(409);
        as(Api.unique("other-referrer"), "referrer").get("/loops/" + loopId(bea, lead)).then().statusCode(404);
        as(bea, "referrer").get("/loops?state=confirmed").then().statusCode(200)
                .body("items.leadId", org.hamcrest.Matchers.hasItem(lead.toString()));
    }

    @Test
    void automatic_progress_reaches_the_referrer_but_does_not_stand_for_the_owners_own_word() {
        UUID lead = UUID.randomUUID();
        try (LeadStory story = new LeadStory()) {
            story.team(team, lea, MONDAY_10);
            story.person(amy, "Amy", team, lea, MONDAY_10);
            story.referral(lead, bea, "Mr Grey", MONDAY_10);
            story.assigned(lead, team, null, amy, "system", "Rule", MONDAY_10);
            story.acknowledged(lead, amy, team, MONDAY_10, MONDAY_10.plusSeconds(120));
            story.reached(lead, amy, MONDAY_10.plus(Duration.ofDays(1)));
            inboxUntil(bea, hasType("loop.progress"));
        }
        String loop = loopId(bea, lead);
        as(bea, "referrer").get("/loops/" + loop).then().body("progressDueAt", equalTo("2026-11-30T10:00:00Z"));
        at(MONDAY_10.plus(Duration.ofDays(7)).plusSeconds(60));
        assertThat(body(inboxUntil(bea, hasType("loop.late")), "loop.late")).contains("has not yet given news of");
        at(MONDAY_10.plus(Duration.ofDays(8)).plusSeconds(60));
        assertThat(body(inboxUntil(lea, hasType("loop.escalation")), "loop.escalation")).contains("still has to give news of");
    }

    @Test
    void a_lost_lead_closes_its_loops_with_the_reason_and_an_sla_escalation_reaches_the_manager() {
        UUID lead = UUID.randomUUID();
        try (LeadStory story = new LeadStory()) {
            story.team(team, lea, MONDAY_10);
            story.person(amy, "Amy", team, lea, MONDAY_10);
            story.referral(lead, bea, "Rex Rush", MONDAY_10);
            story.assigned(lead, team, null, amy, "system", "Rule", MONDAY_10);
            story.slaEscalated(lead, amy, lea, MONDAY_10.plusSeconds(900), MONDAY_10.plusSeconds(900));
            story.lost(lead, amy, "NO_RESPONSE", MONDAY_10.plus(Duration.ofDays(30)));
        }
        assertThat(body(inboxUntil(bea, hasType("loop.outcome")), "loop.outcome")).isEqualTo("Rex Rush: lost (no response).");
        assertThat(body(inboxUntil(lea, hasType("lead.escalation")), "lead.escalation"))
                .contains("missed the acknowledgment deadline of Rex Rush");
    }

    private static String loopId(String referrer, UUID lead) {
        return as(referrer, "referrer").get("/loops?initiatorId=" + referrer).then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().filter(l -> lead.toString().equals(l.get("leadId")))
                .findFirst().orElseThrow().get("id").toString();
    }

    private static String body(List<Map<String, Object>> inbox, String type) {
        return inbox.stream().filter(m -> type.equals(m.get("type"))).findFirst().orElseThrow().get("body").toString();
    }
}
