package io.closedloop.reporting.access;

import static io.closedloop.reporting.support.Api.as;
import static io.closedloop.reporting.support.Reports.daily;
import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.support.Story;
import io.closedloop.reporting.support.Week;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may see what. Agents: their own scorecard, claims and discrepancies. Managers: their team's. Referrers: their
 * own referrer report. Admins: everything. Someone else's answers 404, as if it did not exist; a role that never may
 * use an endpoint answers 403; no token answers 401.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {

    private static final Week WEEK = Week.weeksAgo(1);
    private static final String DAY = WEEK.day(0).toString();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    private final String s = UUID.randomUUID().toString().substring(0, 6);
    private final String teamOne = "t1-" + s;
    private final String teamTwo = "t2-" + s;
    private final String managerOne = "m1-" + s;
    private final String managerTwo = "m2-" + s;
    private final String agentOne = "a1-" + s;
    private final String agentTwo = "a2-" + s;
    private final String agentElsewhere = "b1-" + s;
    private final String directReport = "d1-" + s;
    private final String referrer = "r1-" + s;
    private boolean ready;

    /** Once; in a {@code @BeforeEach} because Quarkus points RestAssured at the app only then. */
    @BeforeEach
    void twoTeams() {
        if (ready) {
            return;
        }
        ready = true;
        Instant before = WEEK.at(0, "00:00").minusSeconds(86_400 * 30);
        try (Story story = new Story()) {
            story.team(teamOne, managerOne, before);
            story.team(teamTwo, managerTwo, before);
            story.person(agentOne, "A1", teamOne, managerOne, before);
            story.person(agentTwo, "A2", teamOne, managerOne, before);
            story.person(agentElsewhere, "B1", teamTwo, managerTwo, before);
            // Reports to managerOne personally, though in teamTwo.
            story.person(directReport, "D1", teamTwo, managerOne, before);
            story.received(UUID.randomUUID(), LeadSource.REFERRAL, referrer, "ref:friend", null, WEEK.at(0, "09:00"));
            story.awaitApplied(dataSource, readModel::live);
        }
        for (String person : List.of(agentOne, agentTwo, agentElsewhere, directReport)) {
            as(person, "agent").body(daily(1, 0, 0, "8", "0", List.of())).put("/claims/" + person + "/" + DAY)
                    .then().statusCode(200);
        }
    }

    private static void answers(RequestSpecification request, String method, String path, int status) {
        var response = request.request(method, path).then().statusCode(status);
        if (status >= 400) {
            response.contentType("application/problem+json");
        }
    }

    private static RequestSpecification agent(String id) {
        return as(id, "agent");
    }

    private static RequestSpecification manager(String id) {
        return as(id, "manager");
    }

    @Test
    void agents_see_their_own_scorecard_claims_and_discrepancies_and_nobody_elses() {
        answers(agent(agentOne), "GET", "/scorecards/" + agentOne + "?period=" + DAY, 200);
        answers(agent(agentOne), "GET", "/claims/" + agentOne + "/" + DAY, 200);
        answers(agent(agentOne), "GET", "/claims/" + agentOne + "?period=" + DAY, 200);
        answers(agent(agentOne), "GET", "/discrepancies?period=" + DAY, 200);

        answers(agent(agentOne), "GET", "/scorecards/" + agentTwo + "?period=" + DAY, 404);
        answers(agent(agentOne), "GET", "/claims/" + agentTwo + "/" + DAY, 404);
        answers(agent(agentOne), "GET", "/claims/" + agentTwo + "?period=" + DAY, 404);
        answers(agent(agentOne).body(daily(1, 0, 0, "8", "0", List.of())), "PUT", "/claims/" + agentTwo + "/" + DAY, 404);
        answers(agent(agentOne), "GET", "/discrepancies?period=" + DAY + "&personId=" + agentTwo, 404);
        answers(agent(agentOne), "GET", "/discrepancies?period=" + DAY + "&teamId=" + teamOne, 404);
        // A team's scorecard is never an agent's to read, whichever team.
        answers(agent(agentOne), "GET", "/scorecards?period=" + DAY + "&teamId=" + teamOne, 403);
    }

    @Test
    void managers_see_their_team_and_their_direct_reports_and_nobody_else() {
        answers(manager(managerOne), "GET", "/scorecards?period=" + DAY + "&teamId=" + teamOne, 200);
        answers(manager(managerOne), "GET", "/scorecards/" + agentTwo + "?period=" + DAY, 200);
        answers(manager(managerOne), "GET", "/claims/" + agentOne + "/" + DAY, 200);
        answers(manager(managerOne).body(daily(2, 0, 0, "8", "0", List.of())), "PUT", "/claims/" + agentOne + "/" + DAY, 200);
        answers(manager(managerOne), "GET", "/discrepancies?period=" + DAY + "&teamId=" + teamOne, 200);
        answers(manager(managerOne), "GET", "/claims/" + directReport + "/" + DAY, 200);

        answers(manager(managerOne), "GET", "/scorecards?period=" + DAY + "&teamId=" + teamTwo, 404);
        answers(manager(managerOne), "GET", "/scorecards/" + agentElsewhere + "?period=" + DAY, 404);
        answers(manager(managerOne), "GET", "/claims/" + agentElsewhere + "/" + DAY, 404);
        answers(manager(managerOne).body(daily(2, 0, 0, "8", "0", List.of())), "PUT", "/claims/" + agentElsewhere + "/" + DAY, 404);
        answers(manager(managerOne), "GET", "/discrepancies?period=" + DAY + "&personId=" + agentElsewhere, 404);
        answers(manager(managerOne), "GET", "/discrepancies?period=" + DAY + "&teamId=" + teamTwo, 404);
        answers(manager(managerTwo), "GET", "/scorecards?period=" + DAY + "&teamId=" + teamOne, 404);
        answers(manager(managerOne), "GET", "/scorecards?period=" + DAY + "&teamId=no-such-team", 404);
    }

    @Test
    void referrers_see_their_own_referrer_report_only() {
        answers(as(referrer, "referrer"), "GET", "/referrers/" + referrer + "/report", 200);
        answers(as("r2-" + s, "referrer"), "GET", "/referrers/" + referrer + "/report", 404);
        answers(agent(agentOne), "GET", "/referrers/" + referrer + "/report", 404);
        answers(manager(managerOne), "GET", "/referrers/" + referrer + "/report", 200);
        answers(as(referrer, "referrer"), "GET", "/scorecards/" + referrer + "?period=" + DAY, 403);
        answers(as(referrer, "referrer"), "GET", "/claims/" + referrer + "/" + DAY, 403);
        answers(as(referrer, "referrer"), "GET", "/clients/ref:friend/urgency", 403);
    }

    @Test
    void admins_see_everything() {
        answers(as("root-" + s, "admin"), "GET", "/scorecards?period=" + DAY + "&teamId=" + teamTwo, 200);
        answers(as("root-" + s, "admin"), "GET", "/scorecards/" + agentElsewhere + "?period=" + DAY, 200);
        answers(as("root-" + s, "admin"), "GET", "/claims/" + agentElsewhere + "/" + DAY, 200);
        answers(as("root-" + s, "admin"), "GET", "/discrepancies?period=" + DAY + "&teamId=" + teamTwo, 200);
        answers(as("root-" + s, "admin"), "GET", "/referrers/" + referrer + "/report", 200);
        answers(as("root-" + s, "admin"), "GET", "/admin/read-models", 200);
        answers(manager(managerOne), "GET", "/admin/read-models", 403);
        answers(as("pbx", "integrator"), "GET", "/scorecards/" + agentOne + "?period=" + DAY, 403);
    }

    @Test
    void no_token_or_a_forged_one_answers_401() {
        answers(given(), "GET", "/scorecards/" + agentOne + "?period=" + DAY, 401);
        answers(given().auth().oauth2("not.a.token"), "GET", "/claims/" + agentOne + "/" + DAY, 401);
        answers(given().auth().oauth2(io.closedloop.stack.DevTokens.forge(agentOne, "admin")), "GET", "/admin/read-models", 401);
    }
}
