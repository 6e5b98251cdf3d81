package io.closedloop.leads.lead;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.closedloop.leads.support.Api;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every 201 names where the new thing is, and reading that address gives it back. */
@QuarkusTest
class LocationsTest {

    private final TestClock clock = TestClock.INSTANCE;
    private String ann;

    @BeforeEach
    void setUp() {
        clock.freezeAt(Instant.parse("2026-11-23T09:00:00Z"));
        String team = Api.unique("where");
        ann = Api.unique("ann");
        Api.team(team, Api.unique("max"), Api.ALWAYS_OPEN);
        Api.agent(ann, team);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
    }

    @AfterEach
    void tearDown() {
        Api.noRules();
        clock.reset();
    }

    @Test
    void the_location_of_a_lead_a_contact_attempt_a_meeting_and_a_plan_step_answers_with_it() {
        ExtractableResponse<Response> lead = admin().body("""
                {"source":"INBOUND","customer":{"name":"Wendy Where","email":"%s@example.com"},"product":"Atlas"}"""
                .formatted(Api.unique("wendy"))).post("/leads").then().statusCode(201).extract();
        String leadId = lead.path("id");
        as(ann, "agent").post("/leads/" + leadId + "/acknowledgment").then().statusCode(200);
        List<ExtractableResponse<Response>> created = List.of(lead,
                as(ann, "agent").body("{\"channel\":\"PHONE\",\"reached\":true}")
                        .post("/leads/" + leadId + "/contact-attempts").then().statusCode(201).extract(),
                as(ann, "agent").body("{\"startsAt\":\"2026-11-25T10:00:00Z\",\"place\":\"Their office\"}")
                        .post("/leads/" + leadId + "/meetings").then().statusCode(201).extract(),
                as(ann, "agent").body("{\"title\":\"Send the offer\",\"dueAt\":\"2026-11-24T10:00:00Z\"}")
                        .post("/leads/" + leadId + "/plan/steps").then().statusCode(201).extract());
        for (ExtractableResponse<Response> answer : created) {
            String location = answer.header("Location");
            assertThat(location).as("Location of " + answer.body().asString()).isNotBlank();
            String id = answer.path("id");
            as(ann, "agent").get(java.net.URI.create(location).getPath()).then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.equalTo(id));
        }
    }
}
