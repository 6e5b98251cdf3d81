package io.closedloop.leads.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.closedloop.stack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The leads-service API as tests drive it: tokens, directory and rules set-up, and leads. */
public final class Api {

    public static final String WEEKDAYS_9_TO_6 = """
            {"MONDAY":[{"from":"09:00","to":"18:00"}],"TUESDAY":[{"from":"09:00","to":"18:00"}],
             "WEDNESDAY":[{"from":"09:00","to":"18:00"}],"THURSDAY":[{"from":"09:00","to":"18:00"}],
             "FRIDAY":[{"from":"09:00","to":"18:00"}]}""";
    public static final String ALWAYS_OPEN = """
            {"MONDAY":[{"from":"00:00","to":"00:00"}],"TUESDAY":[{"from":"00:00","to":"00:00"}],
             "WEDNESDAY":[{"from":"00:00","to":"00:00"}],"THURSDAY":[{"from":"00:00","to":"00:00"}],
             "FRIDAY":[{"from":"00:00","to":"00:00"}],"SATURDAY":[{"from":"00:00","to":"00:00"}],
             "SUNDAY":[{"from":"00:00","to":"00:00"}]}""";

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

    public static RequestSpecification admin() {
        return as("admin", "admin");
    }

    public static void team(String id, String managerId, String businessHours) {
        admin().body("""
                {"name":"Team %s","managerId":%s,"timeZone":"Europe/Paris","businessHours":%s}"""
                        .formatted(id, managerId == null ? "null" : "\"" + managerId + "\"", businessHours))
                .put("/teams/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    public static void person(String id, String teamId, String role, boolean active, Integer capacity, String outOfOfficeUntil) {
        admin().body("""
                {"name":"%s","roles":["%s"],"teamId":%s,"active":%s,"capacity":%s,"outOfOfficeUntil":%s}"""
                        .formatted(id, role, teamId == null ? "null" : "\"" + teamId + "\"", active,
                                capacity == null ? "null" : capacity.toString(),
                                outOfOfficeUntil == null ? "null" : "\"" + outOfOfficeUntil + "\""))
                .put("/people/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    public static void agent(String id, String teamId) {
        person(id, teamId, "AGENT", true, null, null);
    }

    /** Replaces the rules with one catch-all rule routing every lead to {@code teamId} with {@code strategy}. */
    public static void routeEverythingTo(String teamId, String strategy) {
        admin().header("If-Match", "*").body("""
                {"rules":[{"id":"all-to-team","name":"Everything to %s","target":{"teamId":"%s","strategy":"%s"}}]}"""
                        .formatted(teamId, teamId, strategy))
                .put("/assignment-rules").then().statusCode(200);
    }

    public static void noRules() {
        admin().header("If-Match", "*").body("{\"rules\":[]}").put("/assignment-rules").then().statusCode(200);
    }

    /** A catch-all policy on the wall clock: acknowledge in 15 min (reminder 5 min before), manager at the deadline,
     *  bounce 15 min after, first contact within the hour, follow-up every two days. */
    public static void simplePolicies(boolean businessHoursOnly) {
        admin().header("If-Match", "*").body("""
                {"policies":[{"id":"all","acknowledgeWithin":"PT15M","firstContactWithin":"PT1H","followUpEvery":"P2D",
                  "businessHoursOnly":%s,"ladder":{"remindBefore":"PT5M","escalateAfter":"PT0S","reassignAfter":"PT15M"}}]}"""
                        .formatted(businessHoursOnly))
                .put("/sla-policies").then().statusCode(200);
    }

    /** Puts back the built-in SLA policies. */
    public static void defaultPolicies() {
        admin().header("If-Match", "*")
                .body(io.closedloop.leads.settings.Json.write(java.util.Map.of("policies",
                        io.closedloop.leads.sla.SlaPolicies.DEFAULTS.policies())))
                .put("/sla-policies").then().statusCode(200);
    }

    public static String newLead(String asPerson, String role, String extraJson) {
        String body = """
                {"source":"INBOUND","customer":{"name":"Customer","email":"%s@example.com"}%s}"""
                .formatted(unique("c"), extraJson == null ? "" : "," + extraJson);
        return as(asPerson, role).body(body).post("/leads").then().statusCode(201).extract().path("id");
    }

    /** A referral entered by the referrer themselves. */
    public static String referral(String referrer, String extraJson) {
        String body = """
                {"source":"REFERRAL","customer":{"name":"Referred customer","email":"%s@example.com"}%s}"""
                .formatted(unique("r"), extraJson == null ? "" : "," + extraJson);
        return as(referrer, "referrer").body(body).post("/leads").then().statusCode(201).extract().path("id");
    }
}
