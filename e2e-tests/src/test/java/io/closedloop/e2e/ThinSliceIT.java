package io.closedloop.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.closedloop.stack.DevTokens;
import io.closedloop.stack.Suite;
import io.restassured.http.ContentType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wiring of the three services, end to end on the packaged services: a referral taken in by leads-service opens a
 * loop for the referrer in feedback-service and is counted for the referrer by reporting-service, through Kafka.
 */
@ExtendWith(WithSuite.class)
class ThinSliceIT {

    @Test
    void a_referral_reaches_the_echo_and_the_measure(Suite suite) {
        String leads = suite.service("leads-service").url();
        String feedback = suite.service("feedback-service").url();
        String reporting = suite.service("reporting-service").url();
        String referrer = "branch-president-" + System.nanoTime();

        String leadId = given().baseUri(leads).auth().oauth2(DevTokens.mint("lending-manager", "agent"))
                .contentType(ContentType.JSON)
                .body("""
                        {"source":"REFERRAL","referrerId":"%s",
                         "customer":{"name":"Mrs Chen","phone":"+33 6 12 34 56 78"},"product":"Business loan"}"""
                        .formatted(referrer))
                .when().post("/leads")
                .then().statusCode(201).extract().path("id");

        String referrerToken = DevTokens.mint(referrer, "referrer");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(feedback).auth().oauth2(referrerToken)
                        .when().get("/loops")
                        .then().statusCode(200)
                        .body("items", hasSize(1))
                        .body("items[0].leadId", equalTo(leadId))
                        .body("items[0].initiatorId", equalTo(referrer))
                        .body("items[0].state", equalTo("OPEN")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(reporting).auth().oauth2(referrerToken)
                        .when().get("/referrers/" + referrer + "/report")
                        .then().statusCode(200)
                        .body("referralsSent", equalTo(1))
                        .body("open", equalTo(1)));
        given().baseUri(leads).auth().oauth2(referrerToken)
                .when().get("/leads/" + leadId)
                .then().statusCode(200).body("id", equalTo(leadId)).body("customerName", equalTo("Mrs Chen"));
    }

    @Test
    void a_daily_report_meets_the_evidence_in_the_scorecard(Suite suite) {
        String reporting = suite.service("reporting-service").url();
        String person = "account-manager-" + System.nanoTime();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        given().baseUri(reporting).auth().oauth2(DevTokens.mint(person, "agent")).contentType(ContentType.JSON)
                .body("""
                        {"calls":2,"visits":0,"meetings":0,"hoursWorked":8,"overtimeHours":0,
                         "contacts":[{"customerRef":"ref:acme","kind":"CALL","at":"%s"}]}""".formatted(at))
                .when().put("/claims/" + person + "/" + today)
                .then().statusCode(200).body("version", equalTo(1));
        given().baseUri(reporting).auth().oauth2(DevTokens.mint("pbx", "integrator")).contentType(ContentType.JSON)
                .body("""
                        {"items":[{"source":"telephony","externalId":"%s","personId":"%s","customerRef":"ref:acme",
                                   "kind":"CALL","method":"CALL_RECORD","occurredAt":"%s","durationSeconds":75}]}"""
                        .formatted(person, person, at))
                .when().post("/evidence")
                .then().statusCode(202);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(reporting).auth().oauth2(DevTokens.mint(person, "agent"))
                        .when().get("/scorecards/" + person + "?period=" + today)
                        .then().statusCode(200)
                        .body("figures.calls.claimed", equalTo(2))
                        .body("figures.calls.verified", equalTo(1))
                        .body("figures.matchedContacts", equalTo(1)));
    }
}
