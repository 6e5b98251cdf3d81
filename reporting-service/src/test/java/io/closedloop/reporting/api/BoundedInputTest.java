package io.closedloop.reporting.api;

import static io.closedloop.reporting.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The request that once ran this service out of memory: 200,000 empty items, refused at the first one too many. */
@QuarkusTest
class BoundedInputTest {

    @Test
    void two_hundred_thousand_empty_items_are_refused_before_any_is_built_and_the_service_carries_on() {
        String hostile = "{\"items\":[" + "{},".repeat(199_999) + "{}]}";
        as("pbx", "integrator").body(hostile).post("/evidence").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("items"))
                .body("errors[0].message", equalTo("must have at most 1000 items"));
        as("pbx", "integrator").body("{\"items\":[{\"source\":\"telephony\",\"externalId\":\"after-the-storm\","
                        + "\"personId\":\"ann\",\"customerRef\":\"ref:acme\",\"kind\":\"CALL\",\"method\":\"CALL_RECORD\","
                        + "\"occurredAt\":\"2026-11-20T10:00:00Z\",\"durationSeconds\":60}]}")
                .post("/evidence").then().statusCode(202);
        as("ann", "agent").body("{\"calls\":1,\"visits\":0,\"meetings\":0,\"hoursWorked\":8,\"overtimeHours\":0,"
                        + "\"contacts\":[" + "{\"customerRef\":\"ref:a\",\"kind\":\"CALL\",\"at\":\"2026-11-20T10:00:00Z\"},".repeat(600)
                        + "{\"customerRef\":\"ref:a\",\"kind\":\"CALL\",\"at\":\"2026-11-20T10:00:00Z\"}]}")
                .put("/claims/ann/2026-11-20").then().statusCode(400).body("errors[0].field", equalTo("contacts"))
                .body("errors[0].message", equalTo("must have at most 500 items"));
    }
}
