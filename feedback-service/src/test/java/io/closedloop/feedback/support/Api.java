package io.closedloop.feedback.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.closedloop.stack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

/** The feedback-service API as tests drive it. */
public final class Api {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {
    }

    public static String unique(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String personId, String... roles) {
        return given().auth().oauth2(DevTokens.mint(personId, roles)).contentType(ContentType.JSON);
    }

    public static List<Map<String, Object>> inbox(String personId) {
        return as(personId, "agent").get("/inbox").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** Waits until the person's inbox holds a message satisfying {@code until}; returns the inbox, newest first. */
    public static List<Map<String, Object>> inboxUntil(String personId, Predicate<List<Map<String, Object>>> until) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> inbox(personId), until);
    }

    public static Predicate<List<Map<String, Object>>> hasType(String type) {
        return messages -> messages.stream().anyMatch(m -> type.equals(m.get("type")));
    }

    public static Predicate<List<Map<String, Object>>> count(String type, int n) {
        return messages -> messages.stream().filter(m -> type.equals(m.get("type"))).count() == n;
    }

    /** The loops the person sees about a lead, once there are {@code n} of them. */
    public static List<Map<String, Object>> loopsOfLead(String personId, UUID lead, int n) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> as(personId, "agent").get("/loops").then().statusCode(200).extract().jsonPath()
                                .<Map<String, Object>>getList("items").stream()
                                .filter(l -> lead.toString().equals(l.get("leadId"))).toList(),
                        loops -> loops.size() == n);
    }
}
