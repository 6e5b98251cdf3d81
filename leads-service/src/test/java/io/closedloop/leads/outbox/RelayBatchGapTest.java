package io.closedloop.leads.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.closedloop.events.Topics;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The relay's batch gap: commits that come faster than {@code closedloop.outbox.batch-gap} are published together,
 * a relay transaction at most per gap, and none of their events is lost or held back for good. The gap is 300 ms
 * here (10 ms in a service) so that the bound is far below the one transaction per commit the relay made before.
 */
@QuarkusTest
@TestProfile(RelayBatchGapTest.WideGap.class)
class RelayBatchGapTest {

    private static final Duration GAP = Duration.ofMillis(300);
    private static final int WRITERS = 8;
    private static final int LEADS_EACH = 10;

    public static class WideGap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("closedloop.outbox.batch-gap", GAP.toMillis() + "ms");
        }
    }

    @Test
    void commits_closer_than_the_gap_are_published_together_and_all_of_them() throws Exception {
        String token = DevTokens.mint("agent-ann", "agent");
        for (int i = 0; i < WRITERS; i++) {
            intake(token, "Warm-up " + i, "+33219999" + i); // a cold service's first requests are slow
        }
        Thread.sleep(GAP.toMillis() * 2); // what an earlier test or the warm-up left in the outbox goes first
        double batchesBefore = metric("closedloop_outbox_batch_seconds_count");
        long started = System.nanoTime();

        List<String> leads = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<List<String>>> written = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                written.add(writers.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < LEADS_EACH; i++) {
                        ids.add(intake(token, "Gap " + writer + "-" + i, "+3320" + writer + "000" + i));
                    }
                    return ids;
                }));
            }
            for (Future<List<String>> ids : written) {
                leads.addAll(ids.get());
            }
        } finally {
            writers.shutdown();
        }
        double writingGaps = (System.nanoTime() - started) / (double) GAP.toNanos();

        try (TopicReader reader = new TopicReader(TestRun.current().kafkaBootstrapServers(),
                TestRun.current().topic(Topics.LEADS))) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    rs -> rs.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(leads),
                    Duration.ofSeconds(60));
            Set<String> published = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertThat(published).containsAll(leads);
        }
        double batches = metric("closedloop_outbox_batch_seconds_count") - batchesBefore;

        // Relay transactions start at least a gap apart: while the writes went on, one per gap and one more for the
        // first; one that had started before the first write and ended after it; one after the last commit.
        assertThat(batches).as("relay transactions for %d commits written in %.1f gaps", leads.size(), writingGaps)
                .isGreaterThanOrEqualTo(1)
                .isLessThanOrEqualTo(Math.floor(writingGaps) + 3);
        // Not vacuous: the commits came much faster than one per gap (without the gap the relay ran 32 transactions for
        // these 80 commits, and this test failed).
        assertThat((double) leads.size()).isGreaterThan(3 * (Math.floor(writingGaps) + 3));
    }

    private static String intake(String token, String name, String phone) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"source\":\"INBOUND\",\"customer\":{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\"}}")
                .when().post("/leads")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static double metric(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
