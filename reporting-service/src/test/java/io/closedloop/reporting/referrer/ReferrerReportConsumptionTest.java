package io.closedloop.reporting.referrer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import io.closedloop.events.Topics;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.testing.EventWriter;
import io.closedloop.stack.testing.TestRun;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReferrerReportConsumptionTest {

    private static String referral(UUID leadId, String referrer, String at) {
        return """
                {"leadId":"%s","source":"REFERRAL","referrerId":"%s","customerRef":"phone:+331","customerName":"C",
                 "receivedBy":"agent-ann","receivedAt":"%s"}""".formatted(leadId, referrer, at);
    }

    @Test
    void referrals_are_counted_once_each_for_their_referrer_and_only_the_referrer_sees_the_report() {
        TestRun run = TestRun.current();
        String referrer = "ref-" + UUID.randomUUID().toString().substring(0, 8);
        String duplicateId = UUID.randomUUID().toString();
        try (EventWriter writer = new EventWriter(run.kafkaBootstrapServers())) {
            UUID first = UUID.randomUUID();
            writer.send(run.topic(Topics.LEADS), first.toString(), duplicateId, "io.closedloop.lead.received.v1",
                    referral(first, referrer, "2026-11-02T09:00:00Z"));
            writer.send(run.topic(Topics.LEADS), first.toString(), duplicateId, "io.closedloop.lead.received.v1",
                    referral(first, referrer, "2026-11-02T09:00:00Z"));
            UUID second = UUID.randomUUID();
            writer.send(run.topic(Topics.LEADS), second.toString(), "io.closedloop.lead.received.v1",
                    referral(second, referrer, "2026-11-05T15:30:00Z"));
            UUID notAReferral = UUID.randomUUID();
            writer.send(run.topic(Topics.LEADS), notAReferral.toString(), "io.closedloop.lead.received.v1",
                    referral(notAReferral, referrer, "2026-11-06T10:00:00Z")
                            .replace("\"REFERRAL\",\"referrerId\":\"" + referrer + "\"", "\"INBOUND\""));
            // The marker is the last event of the last key: once it is counted, the others have been read.
            UUID marker = UUID.randomUUID();
            writer.send(run.topic(Topics.LEADS), notAReferral.toString(), "io.closedloop.lead.received.v1",
                    referral(marker, referrer + "-marker", "2026-11-07T10:00:00Z"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    given().auth().oauth2(DevTokens.mint("boss", "admin"))
                            .get("/referrers/" + referrer + "-marker/report").then().extract().<Integer>path("referralsSent") == 1);
        }
        given().auth().oauth2(DevTokens.mint(referrer, "referrer"))
                .when().get("/referrers/" + referrer + "/report")
                .then().statusCode(200)
                .body("referralsSent", equalTo(2))
                .body("firstSentAt", equalTo("2026-11-02T09:00:00Z"))
                .body("lastSentAt", equalTo("2026-11-05T15:30:00Z"));
        given().auth().oauth2(DevTokens.mint("someone-else", "referrer"))
                .when().get("/referrers/" + referrer + "/report")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
