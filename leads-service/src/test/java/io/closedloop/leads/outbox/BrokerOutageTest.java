package io.closedloop.leads.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.closedloop.events.Topics;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.KafkaBroker;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox on a real broker that goes away: writes keep being accepted, the service stays ready,
 * and every acknowledged write's event is published once the broker is back.
 */
@QuarkusTest
class BrokerOutageTest {

    private static final int WRITES = 25;

    @Test
    void every_write_acknowledged_while_the_broker_is_down_is_published_when_it_is_back() {
        TestRun run = TestRun.current();
        KafkaBroker broker = run.infrastructure().kafka();
        String token = DevTokens.mint("agent-ann", "agent");
        List<String> acknowledged = new ArrayList<>();

        double failuresBefore = relayFailures();
        broker.stop();
        try {
            for (int i = 0; i < WRITES; i++) {
                acknowledged.add(given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"source\":\"INBOUND\",\"customer\":{\"name\":\"Outage " + i + "\",\"phone\":\"+3310000" + i + "\"}}")
                        .when().post("/leads")
                        .then().statusCode(201)
                        .extract().<String>path("id"));
            }
            given().when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("checks.find { it.name == 'kafka' }.data.broker", equalTo("unreachable"))
                    .body("checks.name", hasItem("kafka"));
            // Keep the broker away until the relay has given up on at least one batch and rolled it back.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> relayFailures() > failuresBefore);
            acknowledged.add(given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"source\":\"INBOUND\",\"customer\":{\"name\":\"After rollback\",\"phone\":\"+33199999\"}}")
                    .when().post("/leads")
                    .then().statusCode(201)
                    .extract().<String>path("id"));
        } finally {
            broker.start();
        }

        try (TopicReader reader = new TopicReader(run.kafkaBootstrapServers(), run.topic(Topics.LEADS))) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    rs -> rs.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(acknowledged),
                    Duration.ofSeconds(90));
            Set<String> published = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertThat(published).containsAll(acknowledged);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'kafka' }.data.broker", equalTo("reachable")));
    }

    private static double relayFailures() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("closedloop_outbox_publish_failures_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
