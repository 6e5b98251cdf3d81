package io.closedloop.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.e2e.PrivateSuite;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.ServiceProcess;
import io.closedloop.stack.Suite;
import io.closedloop.stack.testing.TopicReader;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Production runs several replicas of each service; here two of each, on one database per service and one consumer
 * group per subscription, take the fault suite's referral stream through a load balancer's turns: every write is
 * stored once, every SLA and echo timer fires once, each lead's and each loop's events are published in the order
 * they happened, and the team's rotation stays fair. Then one replica of each service is killed with SIGKILL in the
 * middle of a stream, and the other carries on with nothing lost or doubled.
 *
 * <p>Each lead is routed to a team of four agents in turn; nobody acknowledges it, so each gets one reminder and one
 * escalation of its three-second acknowledgment deadline, and its referral loop goes overdue once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String ADMIN = DevTokens.mint("fault-admin", "admin");
    private static final String TEAM = "scale-team";
    private static final List<String> AGENTS = List.of("scale-agent-1", "scale-agent-2", "scale-agent-3", "scale-agent-4");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PrivateSuite running;
    private static Suite suite;

    @BeforeAll
    static void start() {
        running = PrivateSuite.start("scale-out", Map.of(), 2);
        suite = running.suite();
        String leads = suite.service("leads-service").url();
        String always = """
                {"MONDAY":[{"from":"00:00","to":"00:00"}],"TUESDAY":[{"from":"00:00","to":"00:00"}],
                 "WEDNESDAY":[{"from":"00:00","to":"00:00"}],"THURSDAY":[{"from":"00:00","to":"00:00"}],
                 "FRIDAY":[{"from":"00:00","to":"00:00"}],"SATURDAY":[{"from":"00:00","to":"00:00"}],
                 "SUNDAY":[{"from":"00:00","to":"00:00"}]}""";
        admin(leads).body("""
                {"name":"Scale team","managerId":"scale-manager","timeZone":"UTC","businessHours":%s}""".formatted(always))
                .put("/teams/" + TEAM).then().statusCode(201);
        admin(leads).body("""
                {"name":"Sam Manager","roles":["MANAGER"],"teamId":"%s","active":true}""".formatted(TEAM))
                .put("/people/scale-manager").then().statusCode(201);
        for (String agent : AGENTS) {
            admin(leads).body("""
                    {"name":"%s","roles":["AGENT"],"teamId":"%s","active":true}""".formatted(agent, TEAM))
                    .put("/people/" + agent).then().statusCode(201);
        }
        admin(leads).header("If-Match", "*").body("""
                {"rules":[{"id":"loans","name":"Business loans to the scale team",
                   "match":{"products":["Business loan"]},"target":{"teamId":"%s","strategy":"ROUND_ROBIN"}}]}"""
                .formatted(TEAM)).put("/assignment-rules").then().statusCode(200);
        admin(leads).header("If-Match", "*").body("""
                {"policies":[{"id":"everything","acknowledgeWithin":"PT3S","firstContactWithin":"PT1H",
                  "followUpEvery":"PT16H","businessHoursOnly":false,
                  "ladder":{"remindBefore":"PT1S","escalateAfter":"PT0S"}}]}""")
                .put("/sla-policies").then().statusCode(200);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    @Order(1)
    void two_replicas_store_every_write_once_fire_every_timer_once_keep_each_key_in_order_and_rotate_fairly()
            throws Exception {
        ReferralStream stream = new ReferralStream(urls("leads-service"), "scale-" + System.nanoTime() % 100_000);
        stream.send(0, 120, 30);
        assertThat(stream.unanswered()).as("writes unanswered with both replicas up").isEmpty();

        assertEverythingOnce(stream, 120);
    }

    @Test
    @Order(2)
    void when_one_replica_of_each_service_is_killed_mid_stream_the_other_carries_on_with_nothing_lost_or_doubled()
            throws Exception {
        ReferralStream stream = new ReferralStream(urls("leads-service"), "scale-kill-" + System.nanoTime() % 100_000);
        CompletableFuture<Void> writes = stream.sendAsync(0, 150, 30);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.acknowledged().size() >= 40);
        for (String name : Suite.SERVICES) {
            ServiceProcess second = suite.replicas(name).get(1);
            second.kill();
            assertThat(second.isAlive()).as(second.name() + " killed").isFalse();
        }
        writes.get(2, TimeUnit.MINUTES);
        assertThat(stream.unanswered()).as("writes sent to the killed replica got no answer").isNotEmpty();
        stream.retryUnanswered(Duration.ofSeconds(60));

        assertEverythingOnce(stream, 150);
        for (String name : Suite.SERVICES) {
            assertThat(suite.replicas(name).getFirst().isAlive()).as(name + "'s first replica").isTrue();
        }
    }

    /**
     * Every write acknowledged and stored once, a loop and a referral count for each; one reminder, one escalation
     * and one overdue receipt for each, in the order they happened per key, and still so a while later; the
     * rotation's turns at most one apart.
     */
    private static void assertEverythingOnce(ReferralStream stream, int writes) throws Exception {
        assertThat(stream.violations()).isEmpty();
        assertThat(stream.unanswered()).isEmpty();
        Set<String> ids = new HashSet<>(stream.acknowledged().values());
        assertThat(ids).hasSize(writes);
        String leads = live("leads-service");
        List<String> stored = admin(leads).queryParam("referrerId", stream.referrer()).queryParam("limit", 200)
                .get("/leads").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(stored).as("leads stored for " + stream.referrer()).containsExactlyInAnyOrderElementsOf(ids);

        String feedback = live("feedback-service");
        Awaitility.await("a loop for every referral").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(admin(feedback).queryParam("initiatorId", stream.referrer())
                        .queryParam("limit", 200).get("/loops").then().statusCode(200).extract().jsonPath()
                        .getList("items.leadId", String.class)).containsExactlyInAnyOrderElementsOf(ids));
        String reporting = live("reporting-service");
        Awaitility.await("every referral counted once").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(admin(reporting).get("/referrers/" + stream.referrer() + "/report")
                        .then().statusCode(200).extract().<Integer>path("referralsSent")).isEqualTo(writes));

        List<JsonNode> leadEvents = eventsUntil("leads.events", ids, "leadId",
                events -> ids.stream().allMatch(id -> count(events, id, "sla-escalated") >= 1));
        List<JsonNode> loopEvents = eventsUntil("feedback.events", ids, "leadId",
                events -> ids.stream().allMatch(id -> count(events, id, "loop.overdue") >= 1));

        for (String id : ids) {
            List<String> types = types(leadEvents, id);
            assertThat(types).as("lead " + id + ": events in the order they happened, each timer once")
                    .containsSubsequence("lead.received", "lead.assigned", "lead.sla-reminded", "lead.sla-escalated");
            for (String once : List.of("lead.received", "lead.assigned", "lead.sla-reminded", "lead.sla-escalated")) {
                assertThat(types).as("lead " + id + ": " + once).filteredOn(once::equals).hasSize(1);
            }
            List<String> loopTypes = types(loopEvents, id);
            assertThat(loopTypes).as("loop of lead " + id).containsSubsequence("loop.opened", "loop.overdue");
            assertThat(loopTypes).as("loop of lead " + id + ": opened once").filteredOn("loop.opened"::equals).hasSize(1);
            assertThat(loopTypes).as("loop of lead " + id + ": overdue once").filteredOn("loop.overdue"::equals).hasSize(1);
        }

        Map<String, Long> turns = leadEvents.stream().filter(e -> e.path("type").asText().equals("io.closedloop.lead.assigned.v1"))
                .collect(Collectors.groupingBy(e -> e.path("data").path("toOwnerId").asText(), Collectors.counting()));
        assertThat(turns.keySet()).as("every agent of the team had turns").containsExactlyInAnyOrderElementsOf(AGENTS);
        long most = turns.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long fewest = turns.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(most - fewest).as("the rotation's turns " + turns).isLessThanOrEqualTo(1);
    }

    /**
     * The events of {@code topic} about these leads, read until {@code done} holds, then for five seconds more (the
     * timers sweep every second): a timer fired twice would show.
     */
    private static List<JsonNode> eventsUntil(String topic, Set<String> leadIds, String field,
                                              java.util.function.Predicate<List<JsonNode>> done) {
        try (TopicReader reader = new TopicReader(suite.kafka().bootstrapServers(), topic)) {
            reader.readUntil(records -> done.test(ours(records, leadIds, field)), Duration.ofSeconds(120));
            return ours(reader.readFor(Duration.ofSeconds(5)), leadIds, field);
        }
    }

    /**
     * As published, in each key's partition order, each event once: {type, id, key, partition, data}. The relay publishes
     * at least once: a replica killed between the broker's acknowledgment and its commit leaves the rows for the other
     * replica, which publishes the same events again (same ids; every consumer's inbox absorbs them). Each event counts
     * once by its id; a second event of a type — a timer fired twice, a lead taken in twice — has an id of its own and is
     * still caught.
     */
    private static List<JsonNode> ours(List<ConsumerRecord<String, byte[]>> records, Set<String> leadIds, String field) {
        List<JsonNode> events = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                JsonNode data = JSON.readTree(record.value());
                if (data != null && leadIds.contains(data.path(field).asText())
                        && seenIds.add(TopicReader.header(record, "ce_id"))) {
                    events.add(JSON.createObjectNode().put("type", TopicReader.header(record, "ce_type"))
                            .put("id", TopicReader.header(record, "ce_id"))
                            .put("key", record.key()).put("partition", record.partition()).set("data", data));
                }
            } catch (IOException e) {
                // Not JSON: another test's poison, not ours.
            }
        }
        return events;
    }

    /** The event types of one lead, short ("lead.assigned"), in the order read; one key is one partition. */
    private static List<String> types(List<JsonNode> events, String leadId) {
        List<JsonNode> of = events.stream().filter(e -> e.path("data").path("leadId").asText().equals(leadId)).toList();
        Map<String, Set<Integer>> partitions = new HashMap<>();
        of.forEach(e -> partitions.computeIfAbsent(e.path("key").asText(), k -> new HashSet<>()).add(e.path("partition").asInt()));
        partitions.forEach((key, in) -> assertThat(in).as("partitions of key " + key).hasSize(1));
        return of.stream().map(e -> e.path("type").asText().replace("io.closedloop.", "").replaceAll("\\.v\\d+$", "")).toList();
    }

    private static long count(List<JsonNode> events, String leadId, String type) {
        return types(events, leadId).stream().filter(t -> t.endsWith(type)).count();
    }

    private static List<String> urls(String service) {
        return suite.replicas(service).stream().map(ServiceProcess::url).toList();
    }

    /** A replica of the service that is running. */
    private static String live(String service) {
        return suite.replicas(service).stream().filter(ServiceProcess::isAlive).findFirst()
                .orElseThrow(() -> new UncheckedIOException(new IOException("no replica of " + service + " is running")))
                .url();
    }

    private static io.restassured.specification.RequestSpecification admin(String base) {
        return given().baseUri(base).auth().oauth2(ADMIN).contentType(ContentType.JSON);
    }
}
