package io.closedloop.feedback.loop;

import static io.closedloop.feedback.support.Api.as;
import static io.closedloop.feedback.support.Api.hasType;
import static io.closedloop.feedback.support.Api.inboxUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

/** Every instruction gets a receipt: a manager's instruction is a loop, chased until its outcome is told. */
@QuarkusTest
class InstructionLoopTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @Inject
    Timers timers;

    private final TestClock clock = TestClock.INSTANCE;
    private String max;
    private String ann;
    private String team;

    @BeforeEach
    void setUp() {
        clock.freezeAt(T0);
        max = Api.unique("max");
        ann = Api.unique("ann");
        team = Api.unique("team");
        try (LeadStory story = new LeadStory()) {
            story.team(team, max, T0);
            story.person(max, "Max Weber", team, null, T0);
            story.person(ann, "Ann Agent", team, max, T0);
        }
        String probe = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                as(max, "manager").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"probe\"}").post("/loops"),
                response -> response.statusCode() == 201).path("id");
        // The two people's events may be consumed on different partitions: knowing the owner does not mean knowing
        // the initiator's name, which the reminders quote.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "Max Weber".equals(as(max, "manager").get("/loops/" + probe).path("initiatorName")));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private void at(Duration sinceStart) {
        clock.freezeAt(T0.plus(sinceStart));
        timers.fireDue(10_000);
    }

    @Test
    void an_unanswered_instruction_reminds_the_owner_tells_the_initiator_then_escalates() {
        String loop = as(max, "manager").body("""
                {"ownerId":"%s","subject":"call back the Grey Freight CFO","dueAt":"2026-11-26T17:00:00Z"}""".formatted(ann))
                .post("/loops").then().statusCode(201)
                .body("kind", equalTo("INSTRUCTION")).body("receiptDueAt", equalTo("2026-11-24T08:15:00Z"))
                .body("outcomeDueAt", equalTo("2026-11-26T17:00:00Z"))
                .extract().path("id");

        at(Duration.ofMinutes(16));
        assertThat(messageAbout(inboxUntil(max, hasType("loop.late")), loop, "loop.late"))
                .contains("Ann Agent has not yet confirmed receipt of call back the Grey Freight CFO");
        assertThat(messageAbout(inboxUntil(ann, hasType("loop.reminder")), loop, "loop.reminder"))
                .contains("Please confirm receipt of call back the Grey Freight CFO to Max Weber");
        as(max, "manager").get("/loops?state=overdue").then().body("items.id", hasItem(loop));

        at(Duration.ofMinutes(16 + 120));
        assertThat(messageAbout(inboxUntil(max, hasType("loop.escalation")), loop, "loop.escalation"))
                .contains("Ann Agent still has to confirm receipt of");

        as(ann, "agent").body("{\"kind\":\"RECEIPT\",\"message\":\"On it\"}").post("/loops/" + loop + "/echoes")
                .then().statusCode(201).body("late", equalTo(true)).body("latencySeconds", equalTo(136 * 60));
        as(max, "manager").get("/loops?state=overdue").then().body("items.id", not(hasItem(loop)));
        as(ann, "agent").body("{\"kind\":\"OUTCOME\",\"message\":\"Called; he signs on Friday\"}")
                .post("/loops/" + loop + "/echoes").then().statusCode(201).body("late", equalTo(false));
        assertThat(messageAbout(inboxUntil(max, hasType("loop.outcome")), loop, "loop.outcome"))
                .isEqualTo("Called; he signs on Friday");
        as(ann, "agent").body("{\"kind\":\"PROGRESS\",\"message\":\"more\"}").post("/loops/" + loop + "/echoes")
                .then().statusCode(409);
        as(max, "manager").get("/loops/" + loop).then().body("state", equalTo("CLOSED"))
                .body("timeline.kind", org.hamcrest.Matchers.contains("RECEIPT", "OUTCOME"));
    }

    @Test
    void only_the_owner_echoes_only_the_initiator_confirms_and_strangers_see_nothing() {
        String loop = as(max, "manager").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"prepare the quarterly review\"}")
                .post("/loops").then().statusCode(201).extract().path("id");
        String stranger = Api.unique("zoe");
        as(max, "manager").body("{\"kind\":\"RECEIPT\",\"message\":\"x\"}").post("/loops/" + loop + "/echoes").then().statusCode(403);
        as(stranger, "agent").body("{\"kind\":\"RECEIPT\",\"message\":\"x\"}").post("/loops/" + loop + "/echoes").then().statusCode(404);
        as(stranger, "agent").get("/loops/" + loop).then().statusCode(404);
        as(max, "manager").post("/loops/" + loop + "/confirmation").then().statusCode(409);
        // Instructions are given in one's own name: not even a manager opens one for someone else; the admin may,
        // and the loop says the admin opened it.
        as(ann, "agent").body("{\"ownerId\":\"" + max + "\",\"subject\":\"x\",\"initiatorId\":\"" + stranger + "\"}")
                .post("/loops").then().statusCode(403).body("detail", org.hamcrest.Matchers.startsWith("You give instructions in your own name"));
        as(max, "manager").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"x\",\"initiatorId\":\"" + stranger + "\"}")
                .post("/loops").then().statusCode(403);
        as("root", "admin").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"Check the file\",\"initiatorId\":\"" + max + "\"}")
                .post("/loops").then().statusCode(201).body("initiatorId", equalTo(max)).body("openedBy", equalTo("root"));
        as(max, "manager").body("{\"ownerId\":\"nobody-known\",\"subject\":\"x\"}").post("/loops").then().statusCode(400)
                .body("errors[0].field", equalTo("ownerId"));
        as(max, "manager").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"x\",\"dueAt\":\"2020-01-01T00:00:00Z\"}")
                .post("/loops").then().statusCode(400).body("errors[0].field", equalTo("dueAt"));
        as(Api.unique("bea"), "referrer").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"x\"}").post("/loops").then().statusCode(403);
        as(ann, "agent").get("/loops?ownerId=" + ann).then().body("items.id", hasItem(loop));
        as(stranger, "agent").get("/loops?ownerId=" + ann).then().body("items.id", not(hasItem(loop)));
    }

    @Test
    void the_inbox_lists_the_callers_messages_newest_first_and_since_an_instant() {
        as(max, "manager").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"first\"}").post("/loops").then().statusCode(201);
        clock.freezeAt(T0.plus(Duration.ofMinutes(1)));
        as(max, "manager").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"second\"}").post("/loops").then().statusCode(201);
        List<Map<String, Object>> all = Api.inbox(ann);
        assertThat(all).extracting(m -> m.get("body").toString()).first().asString().startsWith("second");
        as(ann, "agent").queryParam("since", T0.plusSeconds(30).toString()).get("/inbox").then().statusCode(200)
                .body("items.body", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("second")))
                .body("items.body", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()))
                .body("items.recipientId", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
        as(max, "manager").get("/inbox").then().statusCode(200)
                .body("items.body", not(hasItem(org.hamcrest.Matchers.startsWith("second"))));
        as(ann, "agent").queryParam("since", "yesterday").get("/inbox").then().statusCode(org.hamcrest.Matchers.oneOf(400, 404));
    }

    private static String messageAbout(List<Map<String, Object>> inbox, String loop, String type) {
        return inbox.stream().filter(m -> type.equals(m.get("type")) && loop.equals(m.get("loopId"))).findFirst()
                .orElseThrow().get("body").toString();
    }
}
