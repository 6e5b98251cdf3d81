package io.closedloop.leads.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.closedloop.stack.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Bad requests of every kind answer a precise RFC 9457 problem, never a 500 or a stack trace. */
@QuarkusTest
class ProblemResponsesTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String VALID = """
            {"source":"INBOUND","customer":{"name":"Ann","phone":"+33 6 12 34 56 78"}}""";

    private static String agent() {
        return DevTokens.mint("agent-ann", "agent");
    }

    @Test
    void no_token_is_401_with_a_bearer_challenge() {
        given().contentType(ContentType.JSON).body(VALID)
                .when().post("/leads")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("https://closedloop.io/problems/unauthenticated"));
    }

    @Test
    void expired_forged_and_foreign_tokens_are_401() {
        String expired = DevTokens.sign(Map.of("iss", DevTokens.ISSUER, "sub", "agent-ann", "groups", List.of("agent"),
                "iat", Instant.now().minusSeconds(7200).getEpochSecond(),
                "exp", Instant.now().minusSeconds(3600).getEpochSecond()));
        String foreignIssuer = DevTokens.sign(Map.of("iss", "https://evil.example", "sub", "agent-ann",
                "groups", List.of("admin"), "iat", Instant.now().getEpochSecond(),
                "exp", Instant.now().plusSeconds(600).getEpochSecond()));
        for (String token : List.of(expired, DevTokens.forge("agent-ann", "admin"), foreignIssuer, "not.a.jwt")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(VALID)
                    .when().post("/leads")
                    .then().statusCode(401).contentType(PROBLEM);
        }
    }

    @Test
    void a_token_without_a_known_role_is_403() {
        given().auth().oauth2(DevTokens.sign(Map.of("iss", DevTokens.ISSUER, "sub", "visitor", "groups", List.of("guest"),
                        "aud", DevTokens.AUDIENCE, "iat", Instant.now().getEpochSecond(),
                        "exp", Instant.now().plusSeconds(600).getEpochSecond())))
                .contentType(ContentType.JSON).body(VALID)
                .when().post("/leads")
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://closedloop.io/problems/forbidden"));
    }

    @Test
    void malformed_json_names_where_it_broke() {
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body("{\"source\": \"INBOUND\", ")
                .when().post("/leads")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://closedloop.io/problems/malformed-request"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void an_unknown_field_is_refused_by_name() {
        given().auth().oauth2(agent()).contentType(ContentType.JSON)
                .body(VALID.replace("\"source\"", "\"isAdmin\":true,\"source\""))
                .when().post("/leads")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("isAdmin"))
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void a_wrong_type_and_an_unknown_enum_value_are_explained() {
        given().auth().oauth2(agent()).contentType(ContentType.JSON)
                .body(VALID.replace("\"INBOUND\"", "\"COLD_CALL\""))
                .when().post("/leads")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("source"))
                .body("errors[0].message", containsString("must be one of REFERRAL, INBOUND, PARTNER, EXISTING_CUSTOMER"));

        given().auth().oauth2(agent()).contentType(ContentType.JSON)
                .body(VALID.replace("}}", "},\"estimatedValue\":{\"amount\":\"lots\",\"currency\":\"EUR\"}}"))
                .when().post("/leads")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("estimatedValue.amount"))
                .body("errors[0].message", containsString("must be a number"));
    }

    @Test
    void a_body_that_is_not_an_object_or_is_missing_is_400() {
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body("[1,2,3]")
                .when().post("/leads")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(agent()).contentType(ContentType.JSON)
                .when().post("/leads")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void wrong_media_type_unknown_path_unknown_id_and_wrong_method_are_problems() {
        given().auth().oauth2(agent()).contentType(ContentType.XML).body("<lead/>")
                .when().post("/leads")
                .then().statusCode(415).contentType(PROBLEM);
        given().auth().oauth2(agent())
                .when().get("/nothing-here")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(agent())
                .when().get("/leads/7d6c1e9e-4a5b-4f3c-9d2e-1a2b3c4d5e6f")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://closedloop.io/problems/not-found"));
        given().auth().oauth2(agent())
                .when().get("/leads/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(agent())
                .when().delete("/leads/7d6c1e9e-4a5b-4f3c-9d2e-1a2b3c4d5e6f")
                .then().statusCode(405).contentType(PROBLEM);
    }

    @Test
    void a_huge_body_is_refused_without_a_server_error() {
        String huge = VALID.replace("\"Ann\"", "\"" + "A".repeat(2_000_000) + "\"");
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(huge)
                .when().post("/leads")
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("https://closedloop.io/problems/payload-too-large"));
    }
}
