package io.closedloop.leads.access;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.closedloop.leads.support.Api;
import io.closedloop.stack.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may hand a lead to whom, who may change the directory, and who the caller is: only agents of the lead's team
 * receive it (the admin may cross teams); managers manage their own teams' agents and nothing beyond; the caller is the
 * token's subject alone, for the audience and lifetime the service accepts.
 */
@QuarkusTest
class AuthorityTest {

    private String team;
    private String otherTeam;
    private String manager;
    private String ann;
    private String bob;
    private String lou;
    private String bea;

    @BeforeEach
    void setUp() {
        team = Api.unique("paris");
        otherTeam = Api.unique("lyon");
        manager = Api.unique("max");
        ann = Api.unique("ann");
        bob = Api.unique("bob");
        lou = Api.unique("lou");
        bea = Api.unique("bea");
        Api.team(team, manager, Api.ALWAYS_OPEN);
        Api.team(otherTeam, Api.unique("mia"), Api.ALWAYS_OPEN);
        Api.person(manager, team, "MANAGER", true, null, null);
        Api.agent(ann, team);
        Api.agent(bob, team);
        Api.agent(lou, otherTeam);
        Api.person(bea, null, "REFERRER", true, null, null);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
    }

    @AfterEach
    void tearDown() {
        Api.noRules();
    }

    private String leadOwnedBy(String owner) {
        String lead = Api.newLead("desk", "agent", null);
        String current = admin().get("/leads/" + lead).then().extract().path("ownerId");
        if (!owner.equals(current)) {
            admin().body("{\"personId\":\"" + owner + "\",\"reason\":\"set-up\"}").post("/leads/" + lead + "/assignment")
                    .then().statusCode(200);
        }
        return lead;
    }

    @Test
    void an_agent_hands_a_lead_only_to_an_agent_of_its_team() {
        String lead = leadOwnedBy(ann);
        as(ann, "agent").body("{\"personId\":\"" + bea + "\",\"reason\":\"she knows him\"}")
                .post("/leads/" + lead + "/assignment").then().statusCode(403)
                .body("detail", equalTo(bea + " is not an agent: only agents receive leads"));
        as(ann, "agent").body("{\"personId\":\"" + lou + "\",\"reason\":\"Lyon\"}")
                .post("/leads/" + lead + "/assignment").then().statusCode(403)
                .body("detail", equalTo(lou + " is not in the lead's team: only the admin hands a lead to another team"));
        as(manager, "manager").body("{\"personId\":\"" + lou + "\",\"reason\":\"Lyon\"}")
                .post("/leads/" + lead + "/assignment").then().statusCode(403);
        as(manager, "manager").body("{\"teamId\":\"" + otherTeam + "\",\"reason\":\"Lyon\"}")
                .post("/leads/" + lead + "/assignment").then().statusCode(403)
                .body("detail", startsWith("Only the admin moves a lead into a team"));
        as(ann, "agent").body("{\"personId\":\"" + bob + "\",\"reason\":\"Bob knows the sector\"}")
                .post("/leads/" + lead + "/assignment").then().statusCode(200).body("ownerId", equalTo(bob));
        admin().body("{\"personId\":\"" + lou + "\",\"reason\":\"Lyon takes it\"}")
                .post("/leads/" + lead + "/assignment").then().statusCode(200).body("ownerId", equalTo(lou))
                .body("teamId", equalTo(otherTeam));
        // Not even the admin gives a lead to a referrer.
        admin().body("{\"personId\":\"" + bea + "\",\"reason\":\"no\"}").post("/leads/" + lead + "/assignment")
                .then().statusCode(403);
    }

    @Test
    void a_manager_changes_their_own_teams_agents_and_nothing_beyond() {
        // Adopting a referrer (anyone without a team) and renaming them: refused, and nothing changed.
        as(manager, "manager").body("{\"name\":\"Bea the agent\",\"roles\":[\"AGENT\"],\"teamId\":\"" + team + "\",\"active\":true}")
                .put("/people/" + bea).then().statusCode(403)
                .body("detail", equalTo("A manager changes people of the teams they manage; this person is not in one"));
        admin().get("/people/" + bea).then().body("name", equalTo(bea)).body("teamId", org.hamcrest.Matchers.nullValue());
        as(manager, "manager").body("{\"name\":\"Lou\",\"roles\":[\"AGENT\"],\"teamId\":\"" + team + "\",\"active\":true}")
                .put("/people/" + lou).then().statusCode(403);
        as(manager, "manager").body("{\"name\":\"Ann\",\"roles\":[\"AGENT\",\"MANAGER\"],\"teamId\":\"" + team + "\",\"active\":true}")
                .put("/people/" + ann).then().statusCode(403);
        as(manager, "manager").body("{\"name\":\"Max\",\"roles\":[\"AGENT\"],\"teamId\":\"" + team + "\",\"active\":true}")
                .put("/people/" + manager).then().statusCode(403);
        as(manager, "manager").body("{\"name\":\"Ann A.\",\"roles\":[\"AGENT\"],\"teamId\":\"" + team + "\",\"active\":true,\"capacity\":12}")
                .put("/people/" + ann).then().statusCode(200).body("capacity", equalTo(12));
        String newcomer = Api.unique("new");
        as(manager, "manager").body("{\"name\":\"Neil\",\"roles\":[\"AGENT\"],\"teamId\":\"" + team + "\",\"active\":true}")
                .put("/people/" + newcomer).then().statusCode(201);
    }

    @Test
    void the_caller_is_the_tokens_subject_alone() {
        // sub says bea, upn says the admin: the caller is bea, a referrer who sees only herself.
        Map<String, Object> claims = claims(bea, List.of("referrer"));
        claims.put("upn", "admin");
        claims.put("preferred_username", "admin");
        given().auth().oauth2(DevTokens.sign(claims)).get("/people").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(bea));
    }

    @Test
    void tokens_without_a_subject_for_another_audience_or_living_too_long_are_refused() {
        for (Object sub : new Object[] {"", "   ", " bea", "be\u200Ba"}) {
            Map<String, Object> claims = claims("x", List.of("admin"));
            claims.put("sub", sub);
            given().auth().oauth2(DevTokens.sign(claims)).get("/people").then().statusCode(401)
                    .contentType("application/problem+json");
        }
        Map<String, Object> noSubject = claims("x", List.of("admin"));
        noSubject.remove("sub");
        given().auth().oauth2(DevTokens.sign(noSubject)).get("/people").then().statusCode(401);
        Map<String, Object> otherAudience = claims("root", List.of("admin"));
        otherAudience.put("aud", "another-api");
        given().auth().oauth2(DevTokens.sign(otherAudience)).get("/people").then().statusCode(401);
        Map<String, Object> longLived = claims("root", List.of("admin"));
        longLived.put("exp", Instant.now().plusSeconds(13 * 3600).getEpochSecond());
        given().auth().oauth2(DevTokens.sign(longLived)).get("/people").then().statusCode(401);
        // Twelve hours is the limit, and within it all is well.
        given().auth().oauth2(DevTokens.mint("root", DevTokens.MAX_LIFETIME, "admin")).contentType(ContentType.JSON)
                .get("/people").then().statusCode(200);
    }

    private static Map<String, Object> claims(String sub, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        Instant now = Instant.now();
        claims.put("iss", DevTokens.ISSUER);
        claims.put("sub", sub);
        claims.put("aud", DevTokens.AUDIENCE);
        claims.put("groups", groups);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(600).getEpochSecond());
        return claims;
    }
}
