package io.closedloop.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.closedloop.e2e.PrivateSuite;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.ServiceProcess;
import io.closedloop.stack.Suite;
import io.closedloop.stack.testing.EventWriter;
import io.closedloop.stack.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Breaking the real thing while it works: each service killed with SIGKILL in the middle of a stream of writes, the
 * broker stopped for 30 seconds, the database restarted, poison records on every consumed topic. Afterwards every
 * acknowledged write is there, its events reached every consumer, and no read model counted anything twice.
 *
 * <p>The stream is referrals: each is a lead in leads-service (its outbox), a loop in feedback-service (an
 * idempotent consumer of leads.events, with its own outbox) and a count in reporting-service's referrer report (an
 * idempotent consumer of both topics). A suite of its own, since these tests break it.
 */
class FaultsIT {

    private static final String ADMIN = DevTokens.mint("fault-admin", "admin");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PrivateSuite running;
    private static Suite suite;

    @BeforeAll
    static void start() {
        running = PrivateSuite.start("faults");
        suite = running.suite();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    /** Whatever an earlier test left broken, each starts with everything up. */
    @BeforeEach
    void everythingRunning() {
        if (!suite.postgres().isRunning()) {
            suite.postgres().start();
        }
        if (!suite.kafka().isRunning()) {
            suite.kafka().start();
            suite.kafka().awaitReady(Duration.ofSeconds(60));
        }
        for (String name : Suite.SERVICES) {
            ServiceProcess service = suite.service(name);
            if (!service.isAlive()) {
                service.start();
            }
            service.awaitReady(Duration.ofSeconds(60));
        }
    }

    @ParameterizedTest(name = "kill -9 {0}")
    @ValueSource(strings = {"leads-service", "feedback-service", "reporting-service"})
    void a_crash_in_the_middle_of_the_writes_loses_nothing_and_counts_nothing_twice(String victim) throws Exception {
        ReferralStream stream = new ReferralStream(suite.service("leads-service").url(), "crash-" + victim + "-" + System.nanoTime() % 100_000);
        CompletableFuture<Void> writes = stream.sendAsync(0, 150, 50);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.acknowledged().size() >= 50);

        suite.service(victim).kill();
        TimeUnit.MILLISECONDS.sleep(500);
        suite.service(victim).start().awaitReady(Duration.ofSeconds(60));
        writes.get(2, TimeUnit.MINUTES);
        if (victim.equals("leads-service")) {
            assertThat(stream.unanswered()).as("writes sent while leads-service was down got no answer").isNotEmpty();
        }
        stream.retryUnanswered(Duration.ofSeconds(60));

        assertEverythingDelivered(stream, 150);
    }

    @Test
    void writes_are_accepted_while_the_broker_is_down_for_30_seconds_and_drain_after() throws Exception {
        ReferralStream stream = new ReferralStream(suite.service("leads-service").url(), "outage-" + System.nanoTime() % 100_000);
        stream.send(0, 20, 40);
        long stoppedAt = System.nanoTime();
        suite.kafka().stop();

        stream.send(20, 100, 10);
        assertThat(stream.unanswered()).as("writes refused while the broker is down").isEmpty();
        assertThat(stream.acknowledged()).hasSize(100);
        // The backlog waits in the outbox; the service stays ready (reads and writes need only its database).
        assertThat(status(suite.service("leads-service").managementUrl() + "/q/health/ready")).isEqualTo(200);
        long downFor = Duration.ofSeconds(30).toNanos() - (System.nanoTime() - stoppedAt);
        if (downFor > 0) {
            TimeUnit.NANOSECONDS.sleep(downFor);
        }
        suite.kafka().start();
        suite.kafka().awaitReady(Duration.ofSeconds(60));

        assertEverythingDelivered(stream, 100);
    }

    @Test
    void a_database_restart_makes_every_service_not_ready_then_they_recover_without_losing_a_write() throws Exception {
        ReferralStream stream = new ReferralStream(suite.service("leads-service").url(), "db-restart-" + System.nanoTime() % 100_000);
        CompletableFuture<Void> writes = stream.sendAsync(0, 120, 20);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stream.acknowledged().size() >= 30);

        suite.postgres().stop();
        for (String name : Suite.SERVICES) {
            String ready = suite.service(name).managementUrl() + "/q/health/ready";
            Awaitility.await(name + " reports not ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(ready) == 503);
        }
        TimeUnit.SECONDS.sleep(2);
        suite.postgres().start();
        for (String name : Suite.SERVICES) {
            String ready = suite.service(name).managementUrl() + "/q/health/ready";
            Awaitility.await(name + " recovers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(ready) == 200);
        }
        writes.get(2, TimeUnit.MINUTES);
        stream.retryUnanswered(Duration.ofSeconds(60));

        assertEverythingDelivered(stream, 120);
    }

    @Test
    void poison_on_every_consumed_topic_goes_to_the_dead_letter_topics_and_the_flow_carries_on() throws InterruptedException {
        String key = "poison-" + System.nanoTime();
        Map<String, String> typeOf = Map.of(
                "leads.events", "io.closedloop.lead.received.v1",
                "feedback.events", "io.closedloop.loop.opened.v1",
                "evidence", "io.closedloop.evidence.recorded.v1",
                "reporting.events", "io.closedloop.claim.submitted.v1");
        try (EventWriter writer = new EventWriter(suite.kafka().bootstrapServers())) {
            for (Map.Entry<String, String> topic : typeOf.entrySet()) {
                writer.send(topic.getKey(), key, topic.getValue(), "{not json");                 // not JSON
                writer.send(topic.getKey(), key, topic.getValue(), "{\"unexpected\":true}");    // breaks the contract
                writer.sendRaw(topic.getKey(), key, "{}".getBytes(StandardCharsets.UTF_8),      // not a CloudEvent
                        new RecordHeaders());
            }
        }

        // Each consumer of each topic sets each of the three aside, with the reason, and keeps going.
        Map<String, List<String>> consumers = Map.of(
                "feedback-service.dlq", List.of("leads.events"),
                "reporting-service.dlq", List.of("leads.events", "feedback.events", "evidence", "reporting.events"));
        for (Map.Entry<String, List<String>> dlq : consumers.entrySet()) {
            try (TopicReader reader = new TopicReader(suite.kafka().bootstrapServers(), dlq.getKey())) {
                List<ConsumerRecord<String, byte[]>> ours = reader.readUntil(records -> dlq.getValue().stream().allMatch(topic ->
                        records.stream().filter(r -> key.equals(r.key()) && topic.equals(TopicReader.header(r, "dead-letter-topic")))
                                .count() >= 3), Duration.ofSeconds(60))
                        .stream().filter(r -> key.equals(r.key())).toList();
                assertThat(ours).as(dlq.getKey()).hasSize(3 * dlq.getValue().size())
                        .allSatisfy(r -> assertThat(TopicReader.header(r, "dead-letter-reason")).isNotBlank());
            }
        }

        ReferralStream stream = new ReferralStream(suite.service("leads-service").url(), "after-poison-" + System.nanoTime() % 100_000);
        stream.send(0, 10, 20);
        assertEverythingDelivered(stream, 10);
    }

    /**
     * Every write acknowledged; each lead there once; each reached feedback-service as exactly one loop and
     * reporting-service as exactly one referral — and still so a little later, when a late duplicate would show.
     */
    private static void assertEverythingDelivered(ReferralStream stream, int writes) throws InterruptedException {
        assertThat(stream.violations()).isEmpty();
        assertThat(stream.unanswered()).isEmpty();
        Map<Integer, String> acknowledged = stream.acknowledged();
        assertThat(acknowledged).hasSize(writes);
        List<String> ids = acknowledged.values().stream().sorted().toList();
        assertThat(ids).doesNotHaveDuplicates();
        String referrer = stream.referrer();

        List<String> stored = given().baseUri(suite.service("leads-service").url()).auth().oauth2(ADMIN)
                .queryParam("referrerId", referrer).queryParam("limit", 200)
                .get("/leads").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(stored).as("the leads stored for " + referrer).containsExactlyInAnyOrderElementsOf(ids);

        String feedback = suite.service("feedback-service").url();
        Awaitility.await("a loop for every referral in feedback-service").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(loopLeadIds(feedback, referrer))
                        .containsExactlyInAnyOrderElementsOf(ids));
        String reporting = suite.service("reporting-service").url();
        Awaitility.await("every referral counted once by reporting-service").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(referralsCounted(reporting, referrer))
                        .isEqualTo(writes));

        TimeUnit.SECONDS.sleep(3);
        assertThat(loopLeadIds(feedback, referrer)).as("loops, a little later").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(referralsCounted(reporting, referrer)).as("referrals counted, a little later").isEqualTo(writes);
    }

    private static List<String> loopLeadIds(String feedback, String referrer) {
        return given().baseUri(feedback).auth().oauth2(ADMIN).queryParam("initiatorId", referrer).queryParam("limit", 200)
                .get("/loops").then().statusCode(200).extract().jsonPath().getList("items.leadId", String.class);
    }

    private static int referralsCounted(String reporting, String referrer) {
        return given().baseUri(reporting).auth().oauth2(ADMIN).get("/referrers/" + referrer + "/report")
                .then().statusCode(200).extract().path("referralsSent");
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
