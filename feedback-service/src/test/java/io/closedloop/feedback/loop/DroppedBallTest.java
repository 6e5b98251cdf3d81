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

import io.closedloop.feedback.directory.Directory;
import io.closedloop.feedback.support.Api;
import io.closedloop.feedback.support.LeadStory;
import io.closedloop.platform.timer.Timers;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Sorry, I dropped the ball." The referrer hears every step of it, as it happens: the acknowledgment deadline missed,
 * the owner's manager told, the lead given to someone else — and when the colleague who took it over acknowledges at
 * once, the receipt the referrer gets still says it came late.
 */
@QuarkusTest
class DroppedBallTest {

    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    Timers timers;

    @Inject
    Directory directory;

    private final TestClock clock = TestClock.INSTANCE;
    private String rita;
    private String lea;
    private String amy;
    private String bob;
    private String team;

    @BeforeEach
    void setUp() {
        clock.freezeAt(MONDAY_10);
        rita = Api.unique("referrer-rita");
        lea = Api.unique("manager-lea");
        amy = Api.unique("agent-amy");
        bob = Api.unique("agent-bob");
        team = Api.unique("loans");
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
    void a_referral_whose_owner_never_acknowledges_tells_its_referrer_at_each_step() {
        UUID lead = UUID.randomUUID();
        Instant due = MONDAY_10.plus(Duration.ofMinutes(15));
        try (LeadStory story = new LeadStory()) {
            story.team(team, lea, MONDAY_10);
            story.person(amy, "Amy", team, lea, MONDAY_10);
            story.person(bob, "Bob", team, lea, MONDAY_10);
            story.manager(lea, "Léa", team, MONDAY_10);
            directoryKnows(amy, bob, lea);
            story.referral(lead, rita, "Mr Okafor", MONDAY_10);
            story.assigned(lead, team, null, amy, "system", "Rule loans", MONDAY_10, due);
            ownedBy(lead, amy, "Amy");

            // The referral's receipt is the owner's acknowledgment, due when the lead's is.
            Map<String, Object> loop = referralLoop(lead);
            assertThat(loop.get("receiptDueAt")).isEqualTo(due.toString());

            // 1. The deadline passes: Rita is told it is late.
            at(due.plusSeconds(1));
            Map<String, Object> late = message(inboxUntil(rita, hasType("loop.late")), "loop.late");
            assertThat(late.get("body").toString()).startsWith("Amy has not yet confirmed receipt of your referral of Mr Okafor");
            assertThat(late).containsEntry("dueAt", due.toString()).containsEntry("late", true)
                    .containsEntry("latencySeconds", 15 * 60 + 1);

            // 2. Ten minutes on, leads-service tells Amy's manager: Rita hears that too, with how late it is.
            clock.freezeAt(due.plus(Duration.ofMinutes(10)));
            story.slaEscalated(lead, amy, lea, due, due.plus(Duration.ofMinutes(10)));
            Map<String, Object> escalated = message(inboxUntil(rita, hasType("loop.lead-escalated")), "loop.lead-escalated");
            assertThat(escalated.get("body")).isEqualTo("Amy missed the acknowledgment deadline of your referral of Mr Okafor "
                    + "(Business loan) (due 2026-11-23 10:15 UTC, 10 min late). Their manager has been told: Léa.");
            assertThat(escalated).containsEntry("late", true).containsEntry("dueAt", due.toString());

            // 3. Twenty minutes on, the lead bounces to Bob: Rita hears who has it now.
            Instant bounced = due.plus(Duration.ofMinutes(20));
            clock.freezeAt(bounced);
            story.slaReassigned(lead, team, amy, bob, due, bounced);
            Map<String, Object> reassigned = message(inboxUntil(rita, hasType("loop.lead-reassigned")), "loop.lead-reassigned");
            assertThat(reassigned.get("body")).isEqualTo("Amy did not acknowledge your referral of Mr Okafor (Business loan) "
                    + "by 2026-11-23 10:15 UTC (20 min late). It is now with Bob.");

            // 4. Bob acknowledges within a minute of getting it: the receipt still tells Rita it came late.
            clock.freezeAt(bounced.plus(Duration.ofMinutes(1)));
            story.acknowledged(lead, bob, team, bounced, bounced.plus(Duration.ofMinutes(1)));
            Map<String, Object> receipt = message(inboxUntil(rita, hasType("loop.receipt")), "loop.receipt");
            assertThat(receipt.get("body")).isEqualTo("Bob has taken charge of Mr Okafor (Business loan). "
                    + "(late: it was due 2026-11-23 10:15 UTC; 21 min late)");
            assertThat(receipt).containsEntry("late", true).containsEntry("dueAt", due.toString())
                    .containsEntry("latencySeconds", (15 + 20 + 1) * 60);
        }
        as(rita, "referrer").get("/loops/" + referralLoop(lead).get("id")).then().statusCode(200)
                .body("timeline[0].kind", equalTo("RECEIPT")).body("timeline[0].late", equalTo(true))
                .body("ownerId", equalTo(bob));
        // Every step reached Rita, in order.
        assertThat(Api.inbox(rita)).extracting(m -> m.get("type")).containsSubsequence(
                "loop.receipt", "loop.lead-reassigned", "loop.lead-escalated", "loop.late");
    }

    @Test
    void a_lead_that_bounces_to_an_empty_queue_tells_the_referrer_it_waits_there() {
        UUID lead = UUID.randomUUID();
        Instant due = MONDAY_10.plus(Duration.ofMinutes(15));
        try (LeadStory story = new LeadStory()) {
            referralOwnedByAmy(story, lead, "Ms Ito", due);
            Instant bounced = due.plus(Duration.ofMinutes(30));
            clock.freezeAt(bounced);
            story.slaReassigned(lead, team, amy, null, due, bounced);
        }
        Map<String, Object> reassigned = message(inboxUntil(rita, hasType("loop.lead-reassigned")), "loop.lead-reassigned");
        assertThat(reassigned.get("body")).isEqualTo("Amy did not acknowledge your referral of Ms Ito (Business loan) by "
                + "2026-11-23 10:15 UTC (30 min late). It now waits in the queue of Team " + team + ", and its manager has been told.");
    }

    @Test
    void the_receipt_follows_the_leads_own_deadline_not_the_configured_hour() {
        UUID lead = UUID.randomUUID();
        Instant due = MONDAY_10.plus(Duration.ofHours(4));
        try (LeadStory story = new LeadStory()) {
            referralOwnedByAmy(story, lead, "Mrs Pavlova", due);
        }
        assertThat(referralLoop(lead).get("receiptDueAt")).isEqualTo(due.toString());
        // An hour and a half later (past the configured hour, within the lead's four): nothing is late. The timers
        // fire synchronously, so anything they had to say is in the inbox when fireDue returns.
        at(MONDAY_10.plus(Duration.ofMinutes(90)));
        assertThat(Api.inbox(rita)).extracting(m -> m.get("type")).doesNotContain("loop.late");
        at(due.plusSeconds(1));
        inboxUntil(rita, hasType("loop.late"));
    }

    /** Rita refers the customer at ten; the lead goes to Amy, to acknowledge by {@code due}. */
    private void referralOwnedByAmy(LeadStory story, UUID lead, String customer, Instant due) {
        story.team(team, lea, MONDAY_10);
        story.person(amy, "Amy", team, lea, MONDAY_10);
        directoryKnows(amy);
        story.referral(lead, rita, customer, MONDAY_10);
        story.assigned(lead, team, null, amy, "system", "Rule loans", MONDAY_10, due);
        ownedBy(lead, amy, "Amy");
    }

    /**
     * Until feedback-service knows the team and its people: their events are consumed on other partitions than the
     * lead's, and the messages quote their names.
     */
    private void directoryKnows(String... people) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> directory.knowsTeam(team)
                        && java.util.Arrays.stream(people).allMatch(directory::knows)));
    }

    private void ownedBy(UUID lead, String owner, String name) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> loops = as(rita, "referrer").get("/loops?initiatorId=" + rita).then().statusCode(200)
                    .extract().jsonPath().getList("items");
            return loops.stream().anyMatch(l -> lead.toString().equals(l.get("leadId")) && owner.equals(l.get("ownerId"))
                    && name.equals(l.get("ownerName")));
        });
    }

    private Map<String, Object> referralLoop(UUID lead) {
        List<Map<String, Object>> loops = as(rita, "referrer").get("/loops?initiatorId=" + rita).then().statusCode(200)
                .extract().jsonPath().getList("items");
        return loops.stream().filter(l -> lead.toString().equals(l.get("leadId"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> message(List<Map<String, Object>> inbox, String type) {
        return inbox.stream().filter(m -> type.equals(m.get("type"))).findFirst().orElseThrow();
    }
}
