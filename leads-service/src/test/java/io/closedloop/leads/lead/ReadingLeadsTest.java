package io.closedloop.leads.lead;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.closedloop.leads.support.Api;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadingLeadsTest {

    private final TestClock clock = TestClock.INSTANCE;
    private String team;
    private String manager;
    private String ann;

    @BeforeEach
    void setUp() {
        clock.freezeAt(Instant.parse("2026-11-23T09:00:00Z"));
        team = Api.unique("read");
        manager = Api.unique("max");
        ann = Api.unique("ann");
        Api.team(team, manager, Api.ALWAYS_OPEN);
        Api.agent(ann, team);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
    }

    @AfterEach
    void tearDown() {
        Api.noRules();
        clock.reset();
    }

    @Test
    void pages_follow_the_cursor_without_gaps_or_repeats() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Api.newLead("desk", "agent", null));
            clock.advance(Duration.ofMinutes(1));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = as(manager, "manager").queryParam("teamId", team).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/leads").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
        as(manager, "manager").queryParam("cursor", "garbage").get("/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        as(manager, "manager").queryParam("limit", 0).get("/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        // A value of the wrong type or an unknown parameter is the client's mistake, named: never a 404, never ignored.
        as(manager, "manager").queryParam("status", "SLEEPING").get("/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].message", equalTo("must be one of NEW, ASSIGNED, ACKNOWLEDGED, CONTACTED, "
                        + "MEETING_SCHEDULED, QUALIFIED, WON, LOST"));
        as(manager, "manager").queryParam("limit", "abc").get("/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("limit")).body("errors[0].message", equalTo("must be a whole number"));
        as(manager, "manager").queryParam("colour", "red").get("/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("is not a parameter of this operation; it takes "
                        + "cursor, limit, overdue, ownerId, referrerId, sort, status, teamId"));
        as(manager, "manager").queryParam("limit", 5).queryParam("limit", 6).get("/leads").then().statusCode(400)
                .body("errors[0].message", equalTo("is given 2 times; give it once"));
    }

    @Test
    void the_queue_puts_what_is_due_first_and_the_manager_sees_what_is_overdue() {
        String early = Api.newLead("desk", "agent", null);
        clock.advance(Duration.ofMinutes(10));
        String late = Api.newLead("desk", "agent", null);
        as(ann, "agent").post("/leads/" + early + "/acknowledgment").then().statusCode(200);
        as(ann, "agent").get("/leads/queue").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(late, early));
        as(manager, "manager").get("/leads?teamId=" + team + "&overdue=true").then().body("items", hasSize(0));
        clock.advance(Duration.ofHours(2)); // 11:10: the unacknowledged one is late, the other's first contact is due at 13:10
        as(manager, "manager").get("/leads?teamId=" + team + "&overdue=true&sort=due").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(late));
        clock.advance(Duration.ofHours(3));
        as(manager, "manager").get("/leads?teamId=" + team + "&overdue=true&sort=due").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(late, early))
                .body("items.sla.overdue", everyItem(equalTo(true)));
        as(manager, "manager").get("/leads?teamId=" + team + "&status=ASSIGNED").then()
                .body("items.id", org.hamcrest.Matchers.contains(late));
        as(manager, "manager").get("/leads?ownerId=" + ann + "&status=ACKNOWLEDGED").then()
                .body("items.id", org.hamcrest.Matchers.contains(early));
    }

    @Test
    void a_referrer_lists_only_their_referrals_in_the_referrer_view() {
        String bea = Api.unique("bea");
        String mine = Api.referral(bea, null);
        Api.referral(Api.unique("other"), null);
        as(bea, "referrer").get("/leads").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(mine))
                .body("items[0].ownerName", equalTo(ann))
                .body("items[0].customer", org.hamcrest.Matchers.nullValue())
                .body("items[0].sla", org.hamcrest.Matchers.nullValue());
        as(bea, "referrer").get("/leads/queue").then().statusCode(403);
        admin().get("/leads?referrerId=" + bea).then().body("items.id", org.hamcrest.Matchers.contains(mine));
    }
}
