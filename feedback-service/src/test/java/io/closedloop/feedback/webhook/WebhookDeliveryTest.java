package io.closedloop.feedback.webhook;

import static io.closedloop.feedback.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.closedloop.feedback.support.Api;
import io.closedloop.feedback.support.LeadStory;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks against a real HTTP receiver this test starts: signed, retried, logged, suspended and resumed. */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final String SECRET = "whsec_test_0123456789abcdef";

    /** What the receiver saw: the body, the signature header and the event type. */
    record Received(String body, String signature, String type) {
    }

    @Inject
    WebhookDispatcher dispatcher;

    private final TestClock clock = TestClock.INSTANCE;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private HttpServer receiver;
    private String max;
    private String ann;

    @BeforeEach
    void setUp() throws IOException {
        clock.freezeAt(T0);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            if (status == 204) {
                received.add(new Received(new String(body, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Closedloop-Signature"),
                        exchange.getRequestHeaders().getFirst("Closedloop-Event-Type")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        max = Api.unique("max");
        ann = Api.unique("ann");
        String team = Api.unique("t");
        try (LeadStory story = new LeadStory()) {
            story.team(team, max, T0);
            story.person(ann, "Ann", team, max, T0);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                as(max, "manager").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"probe\"}").post("/loops").statusCode() == 201);
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        clock.reset();
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private void instruct(String subject) {
        as(max, "manager").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"" + subject + "\"}").post("/loops")
                .then().statusCode(201);
    }

    @Test
    void a_delivery_is_signed_so_the_receiver_can_verify_it_and_reject_replays() {
        String id = as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\",\"secret\":\"" + SECRET + "\",\"types\":[\"loop.opened\"]}")
                .post("/subscriptions").then().statusCode(201).body("secret", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        instruct("sign the contract");
        dispatcher.dispatchDue();
        assertThat(received).hasSize(1);
        Received delivery = received.getFirst();
        assertThat(delivery.type()).isEqualTo("loop.opened");
        assertThat(delivery.body()).contains("\"type\":\"loop.opened\"").contains("sign the contract");
        assertThat(WebhookSignature.verify(SECRET, delivery.signature(), delivery.body(), T0, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify(SECRET, delivery.signature(), delivery.body().replace("sign", "void"), T0,
                Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, delivery.signature(), delivery.body(), T0.plus(Duration.ofMinutes(10)),
                Duration.ofMinutes(5))).as("a replay ten minutes later").isFalse();
        as(ann, "agent").get("/subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("items[0].state", equalTo("DELIVERED")).body("items[0].attempts", equalTo(1))
                .body("items[0].log[0].status", equalTo(204));
    }

    /** A subscription in a chat tool's format: what arrives is what a Slack or Teams incoming webhook takes. */
    @Test
    void slack_and_teams_subscriptions_get_the_message_as_their_incoming_webhooks_take_it() throws Exception {
        as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\",\"types\":[\"loop.opened\"],\"format\":\"SLACK\"}")
                .post("/subscriptions").then().statusCode(201).body("format", equalTo("SLACK"));
        as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\",\"types\":[\"loop.opened\"],\"format\":\"TEAMS\"}")
                .post("/subscriptions").then().statusCode(201).body("format", equalTo("TEAMS"));
        instruct("call <Rush & Co>");
        dispatcher.dispatchDue();
        assertThat(received).hasSize(2);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var slack = received.stream().map(r -> read(json, r.body())).filter(b -> b.has("blocks")).findFirst().orElseThrow();
        // Slack's control characters escaped: the customer's name is not read as a link.
        assertThat(slack.path("text").asText()).startsWith("*You owe ").contains("call &lt;Rush &amp; Co&gt;");
        assertThat(slack.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
        var teams = received.stream().map(r -> read(json, r.body())).filter(b -> b.has("attachments")).findFirst().orElseThrow();
        assertThat(teams.path("type").asText()).isEqualTo("message");
        var card = teams.path("attachments").get(0);
        assertThat(card.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("content").path("body").get(1).path("text").asText()).contains("call <Rush & Co>");
        as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\",\"format\":\"DISCORD\"}").post("/subscriptions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static com.fasterxml.jackson.databind.JsonNode read(com.fasterxml.jackson.databind.ObjectMapper json, String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_failing_receiver_gets_retries_with_backoff_until_it_recovers() {
        String id = as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\"}").post("/subscriptions").then().statusCode(201)
                .body("secret", org.hamcrest.Matchers.startsWith("whsec_")).extract().path("id");
        failuresToServe.set(2);
        instruct("renew the guarantee");
        dispatcher.dispatchDue();
        assertThat(received).isEmpty();
        Map<String, Object> pending = as(ann, "agent").get("/subscriptions/" + id + "/deliveries").then().extract()
                .jsonPath().getMap("items[0]");
        assertThat(pending.get("state")).isEqualTo("RETRYING");
        assertThat(pending.get("lastStatus")).isEqualTo(503);
        assertThat(pending.get("lastOutcome")).isEqualTo("HTTP_ERROR");
        Instant firstRetry = Instant.parse(pending.get("nextAttemptAt").toString());
        assertThat(firstRetry).isBetween(T0.plusSeconds(10), T0.plusSeconds(13));

        clock.freezeAt(firstRetry.minusSeconds(1));
        assertThat(dispatcher.dispatchDue()).as("not due yet").isZero();
        clock.freezeAt(firstRetry);
        dispatcher.dispatchDue();
        Instant secondRetry = Instant.parse(as(ann, "agent").get("/subscriptions/" + id + "/deliveries").then().extract()
                .path("items[0].nextAttemptAt"));
        assertThat(Duration.between(firstRetry, secondRetry)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(25));
        clock.freezeAt(secondRetry);
        dispatcher.dispatchDue();

        assertThat(received).hasSize(1);
        as(ann, "agent").get("/subscriptions/" + id + "/deliveries").then()
                .body("items[0].state", equalTo("DELIVERED")).body("items[0].attempts", equalTo(3))
                .body("items[0].log.status", org.hamcrest.Matchers.contains(503, 503, 204))
                .body("items[0].log.outcome", org.hamcrest.Matchers.contains("HTTP_ERROR", "HTTP_ERROR", "DELIVERED"))
                // What the log tells is what happened to the delivery, not how the receiver's network behaved.
                .body("items[0].log[0].durationMs", org.hamcrest.Matchers.nullValue())
                .body("items[0].log[0].error", org.hamcrest.Matchers.nullValue());
        as(ann, "agent").get("/subscriptions/" + id).then().body("consecutiveFailures", equalTo(0));
    }

    @Test
    void a_subscription_that_keeps_failing_is_suspended_its_owner_told_and_it_resumes_without_loss() {
        String id = as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\",\"types\":[\"loop.opened\"]}")
                .post("/subscriptions").then().statusCode(201).extract().path("id");
        failuresToServe.set(1_000);
        for (int i = 0; i < 5; i++) {
            instruct("task " + i);
        }
        for (int round = 0; round < 3; round++) {
            dispatcher.dispatchDue();
            clock.advance(Duration.ofMinutes(5));
        }
        as(ann, "agent").get("/subscriptions/" + id).then().body("state", equalTo("SUSPENDED"));
        List<Map<String, Object>> inbox = Api.inbox(ann);
        assertThat(inbox).anySatisfy(m -> {
            assertThat(m.get("type")).isEqualTo("subscription.suspended");
            assertThat(m.get("body").toString()).contains("failed 10 times in a row");
        });
        clock.advance(Duration.ofHours(2));
        assertThat(dispatcher.dispatchDue()).as("nothing goes to a suspended subscription").isZero();

        failuresToServe.set(0);
        as(ann, "agent").post("/subscriptions/" + id + "/resumption").then().statusCode(200).body("state", equalTo("ACTIVE"));
        dispatcher.dispatchDue();
        assertThat(received).hasSize(5);
        as(Api.unique("other"), "agent").get("/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void a_receiver_that_stalls_holds_its_own_delivery_and_nobody_elses() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpServer stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stalling.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        stalling.createContext("/stall", exchange -> {
            exchange.getRequestBody().readAllBytes();
            // The headers promise a body that never comes.
            exchange.sendResponseHeaders(200, 1_000);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalling.start();
        try {
            String bob = Api.unique("bob");
            String team = Api.unique("t2");
            try (LeadStory story = new LeadStory()) {
                story.team(team, max, T0);
                story.person(bob, "Bob", team, max, T0);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    as(max, "manager").body("{\"ownerId\":\"" + bob + "\",\"subject\":\"probe\"}").post("/loops").statusCode() == 201);
            String stalled = as(bob, "agent").body("{\"url\":\"http://127.0.0.1:" + stalling.getAddress().getPort()
                    + "/stall\",\"types\":[\"loop.opened\"]}").post("/subscriptions").then().statusCode(201).extract().path("id");
            String healthy = as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\",\"types\":[\"loop.opened\"]}")
                    .post("/subscriptions").then().statusCode(201).extract().path("id");
            as(max, "manager").body("{\"ownerId\":\"" + bob + "\",\"subject\":\"for the stalled receiver\"}").post("/loops")
                    .then().statusCode(201);
            instruct("for the healthy receiver");

            List<java.util.concurrent.Future<?>> sending = dispatcher.startDue();
            assertThat(sending).hasSize(2);
            // The healthy receiver is served while the stalled one still holds its sender.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            assertThat(sending).anyMatch(f -> !f.isDone());
            as(ann, "agent").get("/subscriptions/" + healthy + "/deliveries").then().body("items[0].state", equalTo("DELIVERED"));
            // The stalled delivery ends at its deadline on the whole exchange, and is retried later.
            for (java.util.concurrent.Future<?> f : sending) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            as(bob, "agent").get("/subscriptions/" + stalled + "/deliveries").then()
                    .body("items[0].state", equalTo("RETRYING")).body("items[0].lastOutcome", equalTo("TIMEOUT"));
        } finally {
            release.countDown();
            stalling.stop(0);
        }
    }

    @Test
    void a_subscription_deleted_while_its_delivery_is_on_its_way_leaves_nothing_to_record() throws Exception {
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrived.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        slow.start();
        try {
            String id = as(ann, "agent").body("{\"url\":\"http://127.0.0.1:" + slow.getAddress().getPort()
                    + "/slow\",\"types\":[\"loop.opened\"]}").post("/subscriptions").then().statusCode(201).extract().path("id");
            instruct("delete me while you send me");
            List<java.util.concurrent.Future<?>> sending = dispatcher.startDue();
            assertThat(arrived.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            as(ann, "agent").delete("/subscriptions/" + id).then().statusCode(204);
            answer.countDown();
            for (java.util.concurrent.Future<?> f : sending) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            as(ann, "agent").get("/subscriptions/" + id).then().statusCode(404);
        } finally {
            answer.countDown();
            slow.stop(0);
        }
    }

    @Test
    void a_person_has_at_most_ten_subscriptions() {
        String zoe = Api.unique("zoe");
        for (int i = 0; i < 10; i++) {
            as(zoe, "agent").body("{\"url\":\"" + hookUrl() + "?n=" + i + "\"}").post("/subscriptions").then().statusCode(201);
        }
        as(zoe, "agent").body("{\"url\":\"" + hookUrl() + "?n=10\"}").post("/subscriptions").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.startsWith("You have 10 webhook subscriptions"));
    }

    @Test
    void bad_subscriptions_are_refused_field_by_field() {
        as(ann, "agent").body("{\"url\":\"ftp://example.com/x\"}").post("/subscriptions").then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\",\"secret\":\"short\"}").post("/subscriptions").then().statusCode(400)
                .body("errors[0].field", equalTo("secret"));
        as(ann, "agent").body("{\"url\":\"" + hookUrl() + "\",\"types\":[\"loop.gossip\"]}").post("/subscriptions").then()
                .statusCode(400).body("errors[0].message", org.hamcrest.Matchers.containsString("not a notification type"));
    }
}
