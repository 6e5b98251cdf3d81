package io.closedloop.feedback.policy;

import static io.closedloop.feedback.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;

import io.closedloop.feedback.support.Api;
import io.closedloop.feedback.support.LeadStory;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Echo policies are read and changed through the API, with optimistic concurrency, and new loops follow them. */
@QuarkusTest
class EchoPolicyResourceTest {

    private final TestClock clock = TestClock.INSTANCE;

    /** The configured instruction policy, put back after the test: other tests of this run open instructions. */
    private static final String CONFIGURED = """
            {"receiptWithin":"PT15M","firstProgressWithin":"P1D","progressEvery":"P3D","personalProgress":false,
             "escalateAfter":"PT2H","businessTime":true}""";

    @AfterEach
    void tearDown() {
        clock.reset();
        as("root", "admin").header("If-Match", "*").body(CONFIGURED).put("/echo-policies/instruction").then().statusCode(200);
    }

    @Test
    void the_admin_changes_a_policy_with_if_match_and_the_next_loop_follows_it() {
        as("root", "admin").get("/echo-policies").then().statusCode(200)
                .body("items.kind", contains("referral", "handoff", "instruction"));
        String etag = as("max", "manager").get("/echo-policies/instruction").then().statusCode(200)
                .body("receiptWithin", equalTo("PT15M")).body("escalateAfter", equalTo("PT2H"))
                .extract().header("ETag");

        String changed = """
                {"receiptWithin":"PT30M","firstProgressWithin":"P2D","progressEvery":"P3D","outcomeWithin":"P10D",
                 "personalProgress":true,"escalateAfter":"PT4H","businessTime":false}""";
        as("max", "manager").header("If-Match", etag).body(changed).put("/echo-policies/instruction").then().statusCode(403);
        String newEtag = as("root", "admin").header("If-Match", etag).body(changed).put("/echo-policies/instruction")
                .then().statusCode(200).body("receiptWithin", equalTo("PT30M")).body("outcomeWithin", equalTo("PT240H"))
                .extract().header("ETag");
        // Someone else's change since the read: 412, nothing written.
        as("root", "admin").header("If-Match", etag).body(changed.replace("PT30M", "PT5M")).put("/echo-policies/instruction")
                .then().statusCode(412).body("type", equalTo("https://closedloop.io/problems/precondition-failed"));
        as("root", "admin").get("/echo-policies/instruction").then().header("ETag", equalTo(newEtag))
                .body("receiptWithin", equalTo("PT30M"));

        // A new instruction is due by the new policy (wall-clock time, 30 minutes).
        Instant now = Instant.parse("2026-11-24T09:00:00Z");
        clock.freezeAt(now);
        String owner = Api.unique("owen");
        try (LeadStory story = new LeadStory()) {
            story.person(owner, "Owen", null, null, now);
        }
        Awaitility.await().until(() -> as("max", "manager").body("{\"ownerId\":\"" + owner + "\",\"subject\":\"Call the bank\"}")
                .post("/loops").statusCode() == 201);
        as("max", "manager").get("/loops?ownerId=" + owner).then().statusCode(200)
                .body("items[0].receiptDueAt", equalTo("2026-11-24T09:30:00Z"))
                .body("items[0].outcomeDueAt", equalTo("2026-12-04T09:00:00Z"));
    }

    @Test
    void a_policy_that_could_chase_nobody_is_refused_field_by_field() {
        as("root", "admin").body("""
                {"receiptWithin":"PT0S","firstProgressWithin":"-P1D","progressEvery":"P400D",
                 "escalateAfter":"PT1H","businessTime":true}""").put("/echo-policies/referral").then().statusCode(400)
                .body("errors.field", contains("receiptWithin", "firstProgressWithin", "progressEvery"));
        as("root", "admin").body("{}").put("/echo-policies/referral").then().statusCode(400);
        as("root", "admin").get("/echo-policies/reminder").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        as(Api.unique("bea"), "referrer").get("/echo-policies").then().statusCode(403);
    }
}
