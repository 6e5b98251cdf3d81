package io.closedloop.leads.access;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.closedloop.leads.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may see and do what, rule by rule: admins all; managers their teams; agents their own leads and their team's
 * queue; referrers their referrals, read-only, in the referrer view. Another person's lead is 404, never 403.
 */
@QuarkusTest
class AccessRulesTest {

    private String paris;
    private String lyon;
    private String parisManager;
    private String lyonManager;
    private String ann;
    private String bob;
    private String zoe;
    private String bea;
    private String owned;
    private String queued;

    @BeforeEach
    void setUp() {
        paris = Api.unique("paris");
        lyon = Api.unique("lyon");
        parisManager = Api.unique("pm");
        lyonManager = Api.unique("lm");
        ann = "1-" + Api.unique("ann");
        bob = "2-" + Api.unique("bob");
        zoe = Api.unique("zoe");
        bea = Api.unique("bea");
        Api.team(paris, parisManager, Api.ALWAYS_OPEN);
        Api.team(lyon, lyonManager, Api.ALWAYS_OPEN);
        Api.agent(ann, paris);
        Api.person(bob, paris, "AGENT", true, 0, null);
        Api.agent(zoe, lyon);
        Api.routeEverythingTo(paris, "ROUND_ROBIN");
        owned = Api.referral(bea, null);
        Api.person(ann, paris, "AGENT", true, 1, null);
        queued = Api.newLead("desk", "agent", null);
    }

    @AfterEach
    void tearDown() {
        Api.noRules();
    }

    private void sees(String person, String role, String lead) {
        as(person, role).get("/leads/" + lead).then().statusCode(200).body("id", equalTo(lead));
        as(person, role).get("/leads").then().statusCode(200).body("items.id", hasItem(lead));
    }

    private void doesNotSee(String person, String role, String lead) {
        as(person, role).get("/leads/" + lead).then().statusCode(404).contentType("application/problem+json");
        // The history is for staff: a referrer is refused it by role (403) whatever the lead, which tells nothing.
        as(person, role).get("/leads/" + lead + "/history").then().statusCode(role.equals("referrer") ? 403 : 404);
        as(person, role).get("/leads").then().statusCode(200).body("items.id", not(hasItem(lead)));
    }

    @Test
    void admins_see_everything() {
        sees("root", "admin", owned);
        sees("root", "admin", queued);
    }

    @Test
    void managers_see_their_teams_and_nothing_else() {
        sees(parisManager, "manager", owned);
        sees(parisManager, "manager", queued);
        doesNotSee(lyonManager, "manager", owned);
        doesNotSee(lyonManager, "manager", queued);
        as(lyonManager, "manager").body("{\"personId\":\"" + zoe + "\",\"reason\":\"mine now\"}")
                .post("/leads/" + owned + "/assignment").then().statusCode(404);
        as(parisManager, "manager").body("{\"channel\":\"PHONE\",\"reached\":false}")
                .post("/leads/" + owned + "/contact-attempts").then().statusCode(409);
    }

    @Test
    void agents_see_their_own_leads_and_their_teams_queue() {
        admin().get("/leads/" + owned).then().body("ownerId", equalTo(ann));
        admin().get("/leads/" + queued).then().body("ownerId", org.hamcrest.Matchers.nullValue());
        sees(ann, "agent", owned);
        sees(bob, "agent", queued);
        doesNotSee(bob, "agent", owned);
        doesNotSee(zoe, "agent", owned);
        doesNotSee(zoe, "agent", queued);
        as(bob, "agent").body("{\"title\":\"x\",\"dueAt\":\"2099-01-01T00:00:00Z\"}")
                .post("/leads/" + queued + "/plan/steps").then().statusCode(403);
        as(bob, "agent").post("/leads/" + owned + "/acknowledgment").then().statusCode(404);
    }

    @Test
    void a_referrer_sees_their_referral_read_only_and_nothing_of_others() {
        as(bea, "referrer").get("/leads/" + owned).then().statusCode(200)
                .body("customerName", equalTo("Referred customer"))
                .body("customer", org.hamcrest.Matchers.nullValue())
                .body("customerRef", org.hamcrest.Matchers.nullValue());
        as(bea, "referrer").get("/leads/" + queued).then().statusCode(404);
        as(Api.unique("stranger"), "referrer").get("/leads/" + owned).then().statusCode(404);
        as(bea, "referrer").get("/leads/" + owned + "/history").then().statusCode(403);
        as(bea, "referrer").get("/leads/" + owned + "/plan").then().statusCode(403);
        as(bea, "referrer").get("/leads/" + owned + "/contact-attempts").then().statusCode(403);
        as(bea, "referrer").post("/leads/" + owned + "/acknowledgment").then().statusCode(403);
        as(bea, "referrer").body("{\"personId\":\"" + bob + "\",\"reason\":\"x\"}")
                .post("/leads/" + owned + "/assignment").then().statusCode(403);
        as(bea, "referrer").body("{\"result\":\"LOST\",\"lossReason\":\"PRICE\"}")
                .post("/leads/" + owned + "/outcome").then().statusCode(403);
        as(bea, "referrer").get("/assignment-rules").then().statusCode(403);
        as(bea, "referrer").get("/sla-policies").then().statusCode(403);
    }

    @Test
    void agents_and_managers_do_not_edit_rules_or_policies() {
        as(ann, "agent").get("/assignment-rules").then().statusCode(403);
        as(parisManager, "manager").get("/sla-policies").then().statusCode(200);
        as(parisManager, "manager").header("If-Match", "*").body("{\"policies\":[]}").put("/sla-policies").then().statusCode(403);
    }
}
