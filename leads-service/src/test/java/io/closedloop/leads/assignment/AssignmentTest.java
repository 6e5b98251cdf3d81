package io.closedloop.leads.assignment;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.closedloop.leads.support.Api;
import io.closedloop.leads.support.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssignmentTest {

    private String team;
    private String manager;

    @BeforeEach
    void setUp() {
        team = Api.unique("team");
        manager = Api.unique("mgr");
        Api.team(team, manager, Api.ALWAYS_OPEN);
        Api.person(manager, team, "MANAGER", true, null, null);
    }

    @AfterEach
    void tearDown() {
        Api.noRules();
    }

    private String ownerOf(String lead) {
        return admin().get("/leads/" + lead).then().statusCode(200).extract().path("ownerId");
    }

    @Test
    void round_robin_shares_leads_evenly_and_skips_who_cannot_take_them() {
        List<String> agents = List.of("1-" + Api.unique("a"), "2-" + Api.unique("b"), "3-" + Api.unique("c"));
        agents.forEach(a -> Api.agent(a, team));
        String away = "4-" + Api.unique("away");
        Api.person(away, team, "AGENT", true, null, "2099-01-01T00:00:00Z");
        String full = "5-" + Api.unique("full");
        Api.person(full, team, "AGENT", true, 0, null);
        String gone = "6-" + Api.unique("gone");
        Api.person(gone, team, "AGENT", false, null, null);
        Api.routeEverythingTo(team, "ROUND_ROBIN");

        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            owners.add(ownerOf(Api.newLead("desk", "agent", null)));
        }
        assertThat(owners).containsExactly(agents.get(0), agents.get(1), agents.get(2),
                agents.get(0), agents.get(1), agents.get(2));
    }

    /** Found by the end-to-end benchmark: the first concurrent leads of a new team each tried to create its rotation. */
    @Test
    void the_first_leads_of_a_new_team_arriving_together_are_all_taken_in() throws Exception {
        List<String> agents = List.of("1-" + Api.unique("a"), "2-" + Api.unique("b"));
        agents.forEach(a -> Api.agent(a, team));
        Api.routeEverythingTo(team, "ROUND_ROBIN");
        int concurrent = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(concurrent);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(concurrent);
        List<java.util.concurrent.Future<String>> leads = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            leads.add(pool.submit(() -> {
                together.await();
                return Api.newLead("desk", "agent", null);
            }));
        }
        pool.shutdown();
        List<String> owners = new ArrayList<>();
        for (java.util.concurrent.Future<String> lead : leads) {
            owners.add(ownerOf(lead.get()));
        }
        // Each in its turn: the rotation was created once and then walked under its lock.
        assertThat(owners.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(agents.get(0), 4L, agents.get(1), 4L));
    }

    @Test
    void least_loaded_gives_the_lead_to_whoever_has_fewest_open_leads() {
        String busy = "1-" + Api.unique("busy");
        String free = "2-" + Api.unique("free");
        Api.agent(busy, team);
        Api.agent(free, team);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
        Api.newLead("desk", "agent", null);
        Api.newLead("desk", "agent", null);
        Api.newLead("desk", "agent", null); // busy 2, free 1
        Api.routeEverythingTo(team, "LEAST_LOADED");
        assertThat(ownerOf(Api.newLead("desk", "agent", null))).isEqualTo(free);
        assertThat(ownerOf(Api.newLead("desk", "agent", null))).isIn(busy, free);
        Map<String, Long> load = admin().get("/leads?teamId=" + team + "&limit=200").then().extract()
                .jsonPath().<String>getList("items.ownerId").stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(load.values()).allSatisfy(n -> assertThat(n).isBetween(2L, 3L));
    }

    @Test
    void rules_route_by_source_territory_and_value_and_a_person_target_takes_the_lead() {
        String vip = Api.unique("vip");
        Api.agent(vip, team);
        String other = Api.unique("other");
        Api.agent(other, team);
        admin().header("If-Match", "*").body("""
                {"rules":[
                  {"id":"big","name":"Big deals to the VIP desk","match":{"minValue":100000,"currency":"EUR"},
                   "target":{"personId":"%s"}},
                  {"id":"rest","name":"The rest","target":{"teamId":"%s"}}]}""".formatted(vip, team))
                .put("/assignment-rules").then().statusCode(200);
        String big = Api.newLead("desk", "agent", "\"estimatedValue\":{\"amount\":250000,\"currency\":\"EUR\"}");
        assertThat(ownerOf(big)).isEqualTo(vip);
        String small = Api.newLead("desk", "agent", "\"estimatedValue\":{\"amount\":5000,\"currency\":\"EUR\"}");
        assertThat(ownerOf(small)).isIn(vip, other);
        EventLog.Event assigned = EventLog.including(big, "lead.assigned").stream()
                .filter(e -> e.shortType().equals("lead.assigned")).findFirst().orElseThrow();
        assertThat(assigned.data().path("reason").asText()).isEqualTo("Rule big");
        assertThat(assigned.data().path("assignedBy").asText()).isEqualTo("system");
        assertThat(assigned.data().has("fromOwnerId")).isFalse();
    }

    @Test
    void rules_are_replaced_as_a_whole_and_a_stale_if_match_is_refused() {
        String etag = admin().get("/assignment-rules").then().statusCode(200).extract().header("ETag");
        admin().header("If-Match", etag).body("{\"rules\":[{\"id\":\"r\",\"name\":\"r\",\"target\":{\"teamId\":\"" + team + "\"}}]}")
                .put("/assignment-rules").then().statusCode(200);
        admin().header("If-Match", etag).body("{\"rules\":[]}")
                .put("/assignment-rules").then().statusCode(412).contentType("application/problem+json");
        admin().header("If-Match", "*").body("""
                {"rules":[{"id":"x","name":"x","target":{"teamId":"no-such-team","personId":"someone"}},
                          {"id":"x","name":"y","match":{"minValue":10},"target":{"teamId":"no-such-team"}}]}""")
                .put("/assignment-rules").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("rules[0].target", "rules[1].id",
                        "rules[1].match.currency", "rules[0].target.teamId", "rules[0].target.personId"));
        as(manager, "manager").header("If-Match", "*").body("{\"rules\":[]}").put("/assignment-rules")
                .then().statusCode(403);
    }

    @Test
    void a_manager_assigns_an_agent_takes_from_the_queue_and_a_handoff_leaves_a_check_back_step() {
        String ann = Api.unique("ann");
        String bob = Api.unique("bob");
        Api.agent(ann, team);
        Api.agent(bob, team);
        admin().header("If-Match", "*").body("""
                {"rules":[{"id":"queue","name":"Queue","target":{"personId":"%s"}}]}""".formatted(Api.unique("nobody")))
                .put("/assignment-rules").then().statusCode(400);
        Api.person(Api.unique("x"), team, "AGENT", false, null, null);

        // Nothing routes this lead: it waits unassigned; assign it to the team's queue by hand.
        String lead = Api.newLead("desk", "agent", null);
        admin().body("{\"teamId\":\"" + team + "\"}").post("/leads/" + lead + "/assignment").then().statusCode(200);
        String first = ownerOf(lead);
        assertThat(first).isIn(ann, bob);

        // The owner hands it to the colleague, with a reason: a handoff, and a step for the one handing over.
        String colleague = first.equals(ann) ? bob : ann;
        as(first, "agent").body("{\"personId\":\"" + colleague + "\"}").post("/leads/" + lead + "/assignment")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        as(first, "agent").body("{\"personId\":\"" + colleague + "\",\"reason\":\"She speaks Mandarin\"}")
                .post("/leads/" + lead + "/assignment").then().statusCode(200)
                .body("ownerId", equalTo(colleague)).body("status", equalTo("ASSIGNED"));
        List<EventLog.Event> events = EventLog.including(lead, "lead.step-created");
        EventLog.Event handoff = events.stream().filter(e -> e.shortType().equals("lead.assigned"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(handoff.data().path("fromOwnerId").asText()).isEqualTo(first);
        assertThat(handoff.data().path("toOwnerId").asText()).isEqualTo(colleague);
        assertThat(handoff.data().path("assignedBy").asText()).isEqualTo(first);
        assertThat(handoff.data().path("reason").asText()).isEqualTo("She speaks Mandarin");
        assertThat(handoff.data().path("strategy").asText()).isEqualTo("MANUAL");
        as(first, "agent").get("/leads/" + lead + "/plan").then().statusCode(200)
                .body("items[0].kind", equalTo("HANDOFF_CHECK"))
                .body("items[0].assigneeId", equalTo(first))
                .body("items[0].title", startsWith("Check with Customer and with " + colleague));

        // The one who handed it over settles the check-back but cannot work the lead any more.
        as(first, "agent").body("{\"channel\":\"PHONE\",\"reached\":true}").post("/leads/" + lead + "/contact-attempts")
                .then().statusCode(403);
        String step = as(first, "agent").get("/leads/" + lead + "/plan").then().extract().path("items[0].id");
        as(first, "agent").body("{\"note\":\"Both happy\"}").post("/leads/" + lead + "/plan/steps/" + step + "/completion")
                .then().statusCode(200).body("state", equalTo("DONE"));
        as(first, "agent").get("/leads/" + lead).then().statusCode(404);

        // An agent of the team takes an unassigned lead for themselves; not for somebody else.
        String queued = Api.newLead("desk", "agent", null);
        as(ann, "agent").body("{\"personId\":\"" + bob + "\"}").post("/leads/" + queued + "/assignment").then().statusCode(404);
        admin().body("{\"teamId\":\"" + team + "\"}").post("/leads/" + queued + "/assignment").then().statusCode(200);
        String queuedOwner = ownerOf(queued);
        String nonOwner = queuedOwner.equals(ann) ? bob : ann;
        as(nonOwner, "agent").body("{\"personId\":\"" + nonOwner + "\",\"reason\":\"mine\"}")
                .post("/leads/" + queued + "/assignment").then().statusCode(404);
        as(manager, "manager").body("{\"personId\":\"" + nonOwner + "\",\"reason\":\"Balance the load\"}")
                .post("/leads/" + queued + "/assignment").then().statusCode(200).body("ownerId", equalTo(nonOwner));
        admin().get("/leads/" + queued + "/plan").then().body("items.kind", hasItem("HANDOFF_CHECK"))
                .body("items.assigneeId", hasItem(manager));
    }

    @Test
    void an_agent_takes_an_unassigned_lead_of_their_team() {
        String ann = Api.unique("ann");
        Api.agent(ann, team);
        Api.person(Api.unique("off"), team, "AGENT", false, null, null);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
        Api.person(ann, team, "AGENT", true, 0, null);
        String lead = Api.newLead("desk", "agent", null);
        admin().get("/leads/" + lead).then().body("ownerId", org.hamcrest.Matchers.nullValue());
        as(ann, "agent").get("/leads/queue").then().statusCode(200).body("items.id", hasItem(lead));
        as(ann, "agent").body("{\"personId\":\"" + ann + "\"}").post("/leads/" + lead + "/assignment")
                .then().statusCode(200).body("ownerId", equalTo(ann)).body("status", equalTo("ASSIGNED"));
        admin().get("/leads/" + lead + "/plan").then().body("items", org.hamcrest.Matchers.empty());
    }
}
