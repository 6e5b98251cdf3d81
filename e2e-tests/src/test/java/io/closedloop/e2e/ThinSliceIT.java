package io.closedloop.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;

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
                        .body("referralsSent", equalTo(1)));
        given().baseUri(leads).auth().oauth2(referrerToken)
                .when().get("/leads/" + leadId)
                .then().statusCode(200).body("id", equalTo(leadId)).body("customerName", equalTo("Mrs Chen"));
    }
}
