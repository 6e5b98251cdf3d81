package io.closedloop.e2e.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.e2e.WithSuite;
import io.closedloop.e2e.ops.Commands;
import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.Topics;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.Suite;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A consumer that knows nothing of Closed Loop but the CloudEvents Java SDK reads every topic the services publish:
 * each record is a valid CloudEvent 1.0 in binary mode, with an absolute {@code dataschema} that is the {@code $id}
 * of the schema committed in the repository, JSON data, and the catalog's type. Records another producer wrote (the
 * tests' poison) are left out by their source.
 */
@ExtendWith(WithSuite.class)
class CloudEventsIT {

    private static final Set<String> SERVICE_SOURCES = Set.of("/leads-service", "/feedback-service", "/reporting-service");
    private static final Path SCHEMAS = Commands.home().resolve("events/src/main/resources/schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_event_the_services_publish_reads_as_a_cloudevent_with_an_absolute_dataschema(Suite suite) throws Exception {
        // Something on every topic: a lead (leads, and a loop on feedback), a claim (reporting), evidence.
        String reporting = suite.service("reporting-service").url();
        RestAssured.given().baseUri(suite.service("leads-service").url()).auth().oauth2(DevTokens.mint("ce-admin", "admin"))
                .contentType(ContentType.JSON).body("""
                        {"source":"REFERRAL","referrerId":"ce-referrer","customer":{"name":"Cloud Event",
                         "email":"ce-%s@example.com"},"product":"Event widget"}""".formatted(UUID.randomUUID()))
                .post("/leads").then().statusCode(201);
        RestAssured.given().baseUri(reporting).auth().oauth2(DevTokens.mint("ce-agent", "agent")).contentType(ContentType.JSON)
                .body("{\"calls\":1,\"visits\":0,\"meetings\":0,\"hoursWorked\":1,\"overtimeHours\":0}")
                .put("/claims/ce-agent/" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1))
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        RestAssured.given().baseUri(reporting).auth().oauth2(DevTokens.mint("pbx", "integrator")).contentType(ContentType.JSON)
                .body("""
                        {"items":[{"source":"telephony","externalId":"ce-%s","personId":"ce-agent",
                         "customerRef":"phone:+33612345678","kind":"CALL","method":"CALL_RECORD",
                         "occurredAt":"%s","durationSeconds":120}]}""".formatted(UUID.randomUUID(),
                        java.time.Instant.now().minusSeconds(600)))
                .post("/evidence").then().statusCode(202);

        Map<String, EventType<?>> catalog = new java.util.HashMap<>();
        EventCatalog.all().forEach(type -> catalog.put(type.type(), type));
        List<String> topics = List.of(Topics.LEADS, Topics.FEEDBACK, Topics.REPORTING, Topics.EVIDENCE);
        Set<String> topicsSeen = new HashSet<>();
        List<String> failures = new ArrayList<>();
        int read = 0;
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "cloudevents-sdk-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && (topicsSeen.size() < topics.size() || read < 10)) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    CloudEvent event = record.value();
                    if (event == null || !SERVICE_SOURCES.contains(event.getSource().toString())) {
                        continue;
                    }
                    read++;
                    topicsSeen.add(record.topic());
                    String problem = check(record.topic(), record.key(), event, catalog);
                    if (problem != null) {
                        failures.add(record.topic() + "@" + record.offset() + " " + event.getType() + ": " + problem);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(topicsSeen).as("topics with events from the services").containsExactlyInAnyOrderElementsOf(topics);
    }

    private static String check(String topic, String key, CloudEvent event, Map<String, EventType<?>> catalog)
            throws java.io.IOException {
        if (event.getSpecVersion() != SpecVersion.V1) {
            return "spec version " + event.getSpecVersion();
        }
        EventType<?> type = catalog.get(event.getType());
        if (type == null) {
            return "not a type of the catalog";
        }
        if (!type.topic().equals(topic)) {
            return "belongs on " + type.topic();
        }
        if (event.getId() == null || event.getId().isBlank() || event.getTime() == null || key == null || key.isBlank()) {
            return "id, time or record key missing";
        }
        URI schema = event.getDataSchema();
        if (schema == null || !schema.isAbsolute()) {
            return "dataschema " + schema + " is not an absolute URI";
        }
        if (!schema.toString().equals(CloudEventHeaders.dataSchema(type.type()))) {
            return "dataschema " + schema + " is not its schema's $id";
        }
        Path file = SCHEMAS.resolve(type.type() + ".schema.json");
        if (!JSON.readTree(file.toFile()).path("$id").asText().equals(schema.toString())) {
            return "no committed schema with $id " + schema;
        }
        if (!"application/json".equals(event.getDataContentType()) || event.getData() == null) {
            return "data content type " + event.getDataContentType();
        }
        JSON.readTree(event.getData().toBytes());
        return null;
    }

    @Test
    void the_asyncapi_document_of_the_topics_parses_without_a_finding() {
        Path node = Commands.require("node", "Node.js 18 or newer runs the AsyncAPI parser (deploy/check)");
        Path check = Commands.home().resolve("deploy/check");
        if (!java.nio.file.Files.isRegularFile(check.resolve("node_modules/.package-lock.json"))) {
            Path npm = Commands.require("npm", "npm installs the AsyncAPI parser (npm ci in deploy/check)");
            Commands.succeed(check, Duration.ofMinutes(5), List.of(npm.toString(), "ci", "--no-audit", "--no-fund"));
        }
        Commands.Result result = Commands.run(Commands.home(), Duration.ofMinutes(2),
                List.of(node.toString(), "deploy/check/asyncapi.mjs", "events/asyncapi.yaml"));
        assertThat(result.output()).as("the AsyncAPI parser on events/asyncapi.yaml").contains("\"parsed\": true")
                .contains("\"findings\": []");
        assertThat(result.exit()).isZero();
    }
}
