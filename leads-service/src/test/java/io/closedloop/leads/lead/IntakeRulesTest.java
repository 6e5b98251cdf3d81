package io.closedloop.leads.lead;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.closedloop.leads.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntakeRulesTest {

    private static String body(String email, String phone) {
        return """
                {"source":"INBOUND","customer":{"name":"Dupont","email":%s,"phone":%s}}"""
                .formatted(email == null ? "null" : "\"" + email + "\"", phone == null ? "null" : "\"" + phone + "\"");
    }

    @Test
    void the_same_idempotency_key_returns_the_same_lead_and_a_different_request_with_it_is_refused() {
        String key = Api.unique("key");
        String email = Api.unique("dupont") + "@example.com";
        String first = as("desk", "agent").header("Idempotency-Key", key).body(body(email, null))
                .post("/leads").then().statusCode(201).extract().path("id");
        as("desk", "agent").header("Idempotency-Key", key).body(body(email, null))
                .post("/leads").then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .header("Location", org.hamcrest.Matchers.endsWith("/leads/" + first))
                .body("id", equalTo(first));
        as("desk", "agent").header("Idempotency-Key", key).body(body(Api.unique("other") + "@example.com", null))
                .post("/leads").then().statusCode(422).contentType("application/problem+json");
        // Keys are per caller: another caller's key never returns someone else's lead.
        as("other-desk", "agent").header("Idempotency-Key", key).body(body(email, null))
                .post("/leads").then().statusCode(409).body("type", equalTo("https://closedloop.io/problems/duplicate"));
        as("desk", "agent").header("Idempotency-Key", "has spaces").body(body(Api.unique("x") + "@example.com", null))
                .post("/leads").then().statusCode(400);
    }

    @Test
    void a_likely_duplicate_is_refused_with_a_link_unless_the_caller_insists() {
        String email = Api.unique("Martin") + "@Example.com";
        String phone = "+33 6 " + (10_000_000 + (int) (Math.random() * 89_999_999));
        String existing = as("desk", "agent").body(body(email, phone)).post("/leads").then().statusCode(201)
                .extract().path("id");
        as("desk", "agent").body(body(email.toLowerCase(), null)).post("/leads").then().statusCode(409)
                .body("type", equalTo("https://closedloop.io/problems/duplicate"))
                .body("existing", equalTo("/leads/" + existing))
                .body("detail", startsWith("An open lead for this customer exists (same e-mail address)"));
        as("desk", "agent").body(body(null, phone.replace(" ", "-"))).post("/leads").then().statusCode(409)
                .body("existing", equalTo("/leads/" + existing));
        as("desk", "agent").queryParam("allowDuplicate", true).body(body(email, null)).post("/leads").then().statusCode(201);
    }

    @Test
    void an_urgency_claim_makes_the_lead_high_priority_unless_the_caller_says_otherwise() {
        as("desk", "agent").body("""
                {"source":"INBOUND","customer":{"name":"Rex","email":"%s@rush.example"},
                 "urgency":{"statement":"tomorrow or never","demandedBy":"2026-11-24T09:00:00Z"}}""".formatted(Api.unique("rex")))
                .post("/leads").then().statusCode(201).body("priority", equalTo("HIGH"))
                .body("urgency.statement", equalTo("tomorrow or never"));
        as("desk", "agent").body("""
                {"source":"INBOUND","priority":"NORMAL","customer":{"name":"Rex","email":"%s@rush.example"},
                 "urgency":{"statement":"asap"}}""".formatted(Api.unique("rex")))
                .post("/leads").then().statusCode(201).body("priority", equalTo("NORMAL"));
        admin().get("/sla-policies").then().statusCode(200).header("ETag", org.hamcrest.Matchers.notNullValue());
    }
}
