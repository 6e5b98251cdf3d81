package io.closedloop.feedback.complaint;

import static io.closedloop.feedback.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.closedloop.events.Topics;
import io.closedloop.feedback.support.Api;
import io.closedloop.stack.testing.TestClock;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Do your homework": every issue the customer raised is listed, and the complaint closes only when all are solved. */
@QuarkusTest
class ComplaintTest {

    private final TestClock clock = TestClock.INSTANCE;
    private String ann;
    private String customer;

    @BeforeEach
    void setUp() {
        clock.freezeAt(Instant.parse("2026-11-24T09:00:00Z"));
        ann = Api.unique("ann");
        customer = "ref:" + Api.unique("GREY");
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void a_complaint_closes_only_when_every_item_is_resolved_and_a_low_score_reopens_it() {
        String id = as(ann, "agent").body("""
                {"customerRef":"%s","customerName":"Gordon Grey","items":[
                  {"description":"Invoice charged twice"},{"description":"Driver was rude"},
                  {"description":"Delivery three days late"}]}""".formatted(customer))
                .post("/complaints").then().statusCode(201)
                .body("state", equalTo("OPEN")).body("openItems", equalTo(3)).extract().path("id");
        List<String> items = as(ann, "agent").get("/complaints/" + id).then().extract().jsonPath().getList("items.id");

        resolve(id, items.get(0), "Refunded the double charge", "Billing batch ran twice");
        resolve(id, items.get(1), "Apologised; driver coached", "Driver under time pressure")
                .then().body("state", equalTo("OPEN")).body("openItems", equalTo(1));
        resolve(id, items.get(1), "again", "again").then().statusCode(409);

        clock.advance(Duration.ofDays(2));
        as(ann, "agent").body("{\"visitedAt\":\"2026-11-26T09:00:00Z\",\"note\":\"Went back with the fixes\"}")
                .post("/complaints/" + id + "/visits").then().statusCode(200);
        resolve(id, items.get(2), "New delivery slot agreed", "Depot understaffed")
                .then().body("state", equalTo("RESOLVED")).body("returnVisits", contains("2026-11-26T09:00:00Z"));

        try (TopicReader reader = new TopicReader(TestRun.current().kafkaBootstrapServers(), TestRun.current().topic(Topics.FEEDBACK))) {
            List<ConsumerRecord<String, byte[]>> events = reader.readUntil(rs -> rs.stream()
                    .anyMatch(r -> id.equals(r.key()) && "io.closedloop.complaint.resolved.v1".equals(TopicReader.header(r, "ce_type"))),
                    Duration.ofSeconds(30));
            String resolved = events.stream().filter(r -> id.equals(r.key())
                            && "io.closedloop.complaint.resolved.v1".equals(TopicReader.header(r, "ce_type")))
                    .map(TopicReader::value).findFirst().orElseThrow();
            assertThat(resolved).contains("\"resolvedOnFirstReturn\":true").contains("\"returnVisits\":1").contains("\"items\":3");
        }

        // Ann's work is what is judged: the customer's word is recorded by someone else.
        as(ann, "agent").body("{\"score\":5}").post("/complaints/" + id + "/satisfaction").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.startsWith("The person whose work is judged"));
        as("root", "admin").body("{\"score\":2,\"comment\":\"The refund has not arrived\"}")
                .post("/complaints/" + id + "/satisfaction").then().statusCode(200)
                .body("state", equalTo("OPEN")).body("reopenedCount", equalTo(1)).body("openItems", equalTo(1))
                .body("items[3].description", equalTo("Customer still dissatisfied (2/5): The refund has not arrived"));
        String reopenedItem = as(ann, "agent").get("/complaints/" + id).then().extract().path("items[3].id");
        clock.advance(Duration.ofDays(1));
        resolve(id, reopenedItem, "Refund pushed through manually", "Refund stuck in approval")
                .then().body("state", equalTo("RESOLVED"));
        as("root", "admin").body("{\"score\":5,\"comment\":\"Thank you\"}").post("/complaints/" + id + "/satisfaction")
                .then().statusCode(200).body("state", equalTo("RESOLVED"));

        as(ann, "agent").get("/contacts/" + customer + "/satisfaction").then().statusCode(200)
                .body("ratings", equalTo(2)).body("average", equalTo(3.5f)).body("latest", equalTo(5))
                .body("history.score", contains(2, 5));
    }

    @Test
    void a_complaint_needs_its_items_and_is_hidden_from_others() {
        as(ann, "agent").body("{\"customerRef\":\"" + customer + "\",\"customerName\":\"X\",\"items\":[]}")
                .post("/complaints").then().statusCode(400).body("errors[0].field", equalTo("items"));
        as(ann, "agent").body("{\"customerRef\":\"not a ref\",\"customerName\":\"X\",\"items\":[{\"description\":\"d\"}]}")
                .post("/complaints").then().statusCode(400).body("errors[0].field", equalTo("customerRef"));
        String id = as(ann, "agent").body("{\"customerRef\":\"" + customer + "\",\"customerName\":\"X\",\"items\":[{\"description\":\"d\"}]}")
                .post("/complaints").then().statusCode(201).extract().path("id");
        as("root", "admin").body("{\"score\":4}").post("/complaints/" + id + "/satisfaction").then().statusCode(409);
        as(Api.unique("zoe"), "agent").get("/complaints/" + id).then().statusCode(404);
        as(Api.unique("bea"), "referrer").get("/complaints/" + id).then().statusCode(403);
        as("root", "admin").get("/complaints?customerRef=" + customer).then().statusCode(200).body("items.id", contains(id));
        as(ann, "agent").body("{\"score\":9}").post("/contacts/" + customer + "/satisfaction").then().statusCode(400);
    }

    private static io.restassured.response.Response resolve(String complaint, String item, String action, String rootCause) {
        return as("root", "admin").body("{\"action\":\"" + action + "\",\"rootCause\":\"" + rootCause + "\"}")
                .post("/complaints/" + complaint + "/items/" + item + "/resolution");
    }
}
