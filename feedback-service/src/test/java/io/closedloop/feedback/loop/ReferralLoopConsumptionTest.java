package io.closedloop.feedback.loop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.Topics;
import io.closedloop.platform.inbox.DeadLetters;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.testing.EventWriter;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Lead events consumed from the real broker into the real database: once in effect, poison parked, flow continues. */
@QuarkusTest
class ReferralLoopConsumptionTest {

    private static final String LEAD_RECEIVED = "io.closedloop.lead.received.v1";

    private static String referral(UUID leadId, String referrer) {
        return """
                {"leadId":"%s","source":"REFERRAL","referrerId":"%s","customerRef":"email:c@example.com",
                 "customerName":"Mr Customer","receivedBy":"agent-ann","receivedAt":"2026-11-20T10:00:00Z"}"""
                .formatted(leadId, referrer);
    }

    private static List<?> loopsOf(String referrer) {
        return given().auth().oauth2(DevTokens.mint(referrer, "referrer"))
                .when().get("/loops").then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void a_referral_opens_one_loop_for_its_referrer_even_when_delivered_twice() {
        TestRun run = TestRun.current();
        UUID leadId = UUID.randomUUID();
        String referrer = "referrer-" + leadId.toString().substring(0, 6);
        String eventId = UUID.randomUUID().toString();
        try (EventWriter writer = new EventWriter(run.kafkaBootstrapServers())) {
            writer.send(run.topic(Topics.LEADS), leadId.toString(), eventId, LEAD_RECEIVED, referral(leadId, referrer));
            writer.send(run.topic(Topics.LEADS), leadId.toString(), eventId, LEAD_RECEIVED, referral(leadId, referrer));
            // A later event on the same partition proves the duplicate has been read past, not merely not yet read.
            UUID marker = UUID.randomUUID();
            writer.send(run.topic(Topics.LEADS), leadId.toString(), LEAD_RECEIVED, referral(marker, referrer));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> loopsOf(referrer).size() == 2);
        }
        given().auth().oauth2(DevTokens.mint(referrer, "referrer"))
                .when().get("/loops").then().statusCode(200)
                .body("items.findAll { it.leadId == '" + leadId + "' }", hasSize(1))
                .body("items.findAll { it.leadId == '" + leadId + "' }[0].kind", equalTo("REFERRAL"))
                .body("items.findAll { it.leadId == '" + leadId + "' }[0].state", equalTo("OPEN"))
                .body("items.findAll { it.leadId == '" + leadId + "' }[0].receiptDueAt", equalTo("2026-11-20T11:00:00Z"));
        assertThat(metric("closedloop_events_consumed_total{consumer=\"feedback.lead-events\",outcome=\"duplicate\"}"))
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void poison_records_go_to_the_dead_letter_topic_and_the_next_good_record_is_processed() {
        TestRun run = TestRun.current();
        String topic = run.topic(Topics.LEADS);
        String key = UUID.randomUUID().toString();
        String referrer = "referrer-" + key.substring(0, 6);
        try (EventWriter writer = new EventWriter(run.kafkaBootstrapServers())) {
            writer.send(topic, key, LEAD_RECEIVED, "{not json");
            writer.send(topic, key, LEAD_RECEIVED, "{\"leadId\":\"" + key + "\",\"source\":\"REFERRAL\"}");
            writer.send(topic, key, LEAD_RECEIVED, referral(UUID.randomUUID(), referrer).replace("\"REFERRAL\"", "42"));
            RecordHeaders noCloudEvent = new RecordHeaders();
            EventWriter.add(noCloudEvent, "ce_type", LEAD_RECEIVED);
            writer.sendRaw(topic, key, "{}".getBytes(StandardCharsets.UTF_8), noCloudEvent);
            writer.sendRaw(topic, key, new byte[] {(byte) 0xC3, (byte) 0x28, 0x7B}, cloudEventHeaders());
            writer.send(topic, key, LEAD_RECEIVED, referral(UUID.fromString(key), referrer));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> loopsOf(referrer).size() == 1);

        try (TopicReader reader = new TopicReader(run.kafkaBootstrapServers(), run.deadLetterTopic("feedback-service"))) {
            List<ConsumerRecord<String, byte[]>> parked = reader.readUntil(
                    rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= 5, Duration.ofSeconds(30))
                    .stream().filter(r -> key.equals(r.key())).toList();
            assertThat(parked).hasSize(5);
            assertThat(parked).allSatisfy(r -> {
                assertThat(TopicReader.header(r, DeadLetters.TOPIC)).isEqualTo(topic);
                assertThat(TopicReader.header(r, DeadLetters.CONSUMER)).isEqualTo("feedback.lead-events");
                assertThat(TopicReader.header(r, DeadLetters.OFFSET)).isNotBlank();
            });
            // In the order they were written (their offsets): a batch dead-letters what cannot be decoded at once,
            // and what its handler refuses once the batch has been retried record by record.
            assertThat(parked.stream().sorted(java.util.Comparator.comparingLong(
                            (ConsumerRecord<String, byte[]> r) -> Long.parseLong(TopicReader.header(r, DeadLetters.OFFSET)))).toList())
                    .extracting(r -> TopicReader.header(r, DeadLetters.REASON)).satisfiesExactly(
                    reason -> assertThat(reason).contains("is not JSON"),
                    reason -> assertThat(reason).contains("lacks required field"),
                    reason -> assertThat(reason).contains("does not match its contract"),
                    reason -> assertThat(reason).contains("Missing CloudEvents header ce_specversion"),
                    reason -> assertThat(reason).contains("is not JSON"));
        }
    }

    private static RecordHeaders cloudEventHeaders() {
        RecordHeaders headers = new RecordHeaders();
        EventWriter.add(headers, "ce_specversion", "1.0");
        EventWriter.add(headers, "ce_id", UUID.randomUUID().toString());
        EventWriter.add(headers, "ce_source", "/test");
        EventWriter.add(headers, "ce_type", LEAD_RECEIVED);
        return headers;
    }

    private static double metric(String series) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
