package io.closedloop.leads.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.EventJson;
import io.closedloop.events.Topics;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeadIntakeTest {

    private static final String REFERRAL = """
            {"source":"REFERRAL","referrerId":"branch-president",
             "customer":{"name":"Mrs Chen","organisation":"Chen Logistics","email":"Chen@Example.com"},
             "product":"Business loan","estimatedValue":{"amount":250000,"currency":"EUR"},
             "urgency":{"statement":"tomorrow, or never","demandedBy":"2026-11-24T09:00:00Z"}}""";

    @Test
    void a_referral_is_stored_and_announced_as_a_cloud_event_keyed_by_the_lead() throws Exception {
        String id = given().auth().oauth2(DevTokens.mint("lending-manager", "agent"))
                .contentType(ContentType.JSON).body(REFERRAL)
                .when().post("/leads")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/leads/"))
                .body("status", equalTo("NEW"))
                .body("referrerId", equalTo("branch-president"))
                .body("customerRef", equalTo("email:chen@example.com"))
                .body("customer.email", equalTo("chen@example.com"))
                .extract().path("id");

        given().auth().oauth2(DevTokens.mint("branch-president", "referrer"))
                .when().get("/leads/" + id)
                .then().statusCode(200).body("id", equalTo(id));

        TestRun run = TestRun.current();
        try (TopicReader reader = new TopicReader(run.kafkaBootstrapServers(), run.topic(Topics.LEADS))) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    rs -> rs.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> record = records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
            assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo("io.closedloop.lead.received.v1");
            assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/leads-service");
            assertThat(TopicReader.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
            assertThat(TopicReader.header(record, CloudEventHeaders.ID)).isNotBlank();
            assertThat(TopicReader.header(record, CloudEventHeaders.TIME)).isNotBlank();
            JsonNode data = EventJson.mapper().readTree(record.value());
            assertThat(data.path("leadId").asText()).isEqualTo(id);
            assertThat(data.path("referrerId").asText()).isEqualTo("branch-president");
            assertThat(data.path("receivedBy").asText()).isEqualTo("lending-manager");
            assertThat(data.path("urgency").path("statement").asText()).isEqualTo("tomorrow, or never");
            assertThat(data.path("estimatedValue").path("currency").asText()).isEqualTo("EUR");
        }
    }

    @Test
    void invalid_fields_are_each_named_in_a_problem_response_and_nothing_is_stored() {
        given().auth().oauth2(DevTokens.mint("lending-manager", "agent"))
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"REFERRAL","customer":{"name":"","email":"not-an-email"},
                         "estimatedValue":{"amount":-5,"currency":"euro"}}""")
                .when().post("/leads")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://closedloop.io/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("customer.name"))
                .body("errors.field", hasItem("customer.email"))
                .body("errors.field", hasItem("estimatedValue.amount"))
                .body("errors.field", hasItem("estimatedValue.currency"));
    }

    @Test
    void a_referral_without_referrer_and_a_customer_without_contact_are_refused() {
        given().auth().oauth2(DevTokens.mint("lending-manager", "agent"))
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"REFERRAL","customer":{"name":"Nobody"}}""")
                .when().post("/leads")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("referrerId", "customer"));
    }

    @Test
    void a_referrer_refers_in_their_own_name_only() {
        given().auth().oauth2(DevTokens.mint("partner-pat", "referrer"))
                .contentType(ContentType.JSON)
                .body(REFERRAL)
                .when().post("/leads")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("referrerId"))
                .body("errors[0].message", equalTo("a referrer refers in their own name"));

        String body = REFERRAL.replace("\"referrerId\":\"branch-president\",", "").replace("Chen@Example.com", "chen.2@example.com");
        String id = given().auth().oauth2(DevTokens.mint("partner-pat", "referrer"))
                .contentType(ContentType.JSON).header("Idempotency-Key", "pat-1")
                .body(body)
                .when().post("/leads")
                .then().statusCode(201)
                // The referrer's view, from the first answer on: where the lead stands, not the customer's details.
                .body("status", org.hamcrest.Matchers.notNullValue())
                .body("customer", org.hamcrest.Matchers.nullValue())
                .body("estimatedValue", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        // A replay with the same key gets the same lead, in the same view.
        given().auth().oauth2(DevTokens.mint("partner-pat", "referrer"))
                .contentType(ContentType.JSON).header("Idempotency-Key", "pat-1")
                .body(body)
                .when().post("/leads")
                .then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(id)).body("customer", org.hamcrest.Matchers.nullValue())
                .body("customerRef", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(DevTokens.mint("admin", "admin")).when().get("/leads/" + id)
                .then().statusCode(200).body("referrerId", equalTo("partner-pat"));
    }
}
