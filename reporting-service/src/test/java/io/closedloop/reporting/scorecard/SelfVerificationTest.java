package io.closedloop.reporting.scorecard;

import static io.closedloop.reporting.support.Api.as;
import static io.closedloop.reporting.support.Reports.contact;
import static io.closedloop.reporting.support.Reports.daily;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.support.Api;
import io.closedloop.reporting.support.Story;
import io.closedloop.reporting.support.Week;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Nobody verifies their own work. An agent who backs six claimed calls with six contact attempts they logged
 * themselves stays unverified and flagged; a complaint rated by its own owner earns nothing; a win counts as confirmed
 * when the referrer confirms it, and a call as verified when the owner's manager recorded it.
 */
@QuarkusTest
class SelfVerificationTest {

    private static final Week WEEK = Week.weeksAgo(3);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    private static JsonPath cardUntil(String person, String period, Predicate<JsonPath> until) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(person, "agent").get("/scorecards/" + person + "?period=" + period).then().statusCode(200)
                        .extract().jsonPath(), until);
    }

    private static void team(Story story, String team, String manager, String... people) {
        Instant long_ago = Instant.parse("2026-01-01T00:00:00Z");
        story.team(team, manager, long_ago);
        for (String person : people) {
            story.person(person, person, team, manager, long_ago);
        }
    }

    @Test
    void an_agent_who_logs_their_own_contact_attempts_stays_unverified_and_flagged() {
        String eve = Api.unique("eve");
        String manager = Api.unique("mgr");
        String day = WEEK.day(1).toString();
        UUID lead = UUID.randomUUID();
        List<Map<String, Object>> claimed = new ArrayList<>();
        try (Story story = new Story()) {
            team(story, Api.unique("team"), manager, eve);
            story.received(lead, LeadSource.INBOUND, null, "ref:acme", null, WEEK.at(1, "08:00"));
            // Twelve calls claimed, and twelve "reached" attempts logged on her lead, backdated across the day.
            for (int n = 0; n < 12; n++) {
                Instant at = WEEK.at(1, String.format("%02d:%02d", 9 + n / 2, (n % 2) * 30));
                story.contact(lead, eve, null, "ref:acme", ContactChannel.PHONE, true, n == 0, at);
                claimed.add(contact("ref:acme", "CALL", at));
            }
            story.awaitApplied(dataSource, readModel::live);
        }
        as(eve, "agent").body(daily(12, 0, 0, "8", "0", claimed)).put("/claims/" + eve + "/" + day).then().statusCode(200);

        JsonPath card = cardUntil(eve, day, c -> c.getInt("figures.calls.claimed") == 12 && c.getInt("figures.calls.logged") == 12);
        assertThat(card.getMap("figures.calls")).containsEntry("verified", 0).containsEntry("ratio", 0.0f);
        assertThat(card.getInt("figures.matchedContacts")).isZero();
        assertThat(card.getList("flags.message", String.class)).contains("12 calls claimed, 0 verified (0%, below 60%)");
        assertThat(as(eve, "agent").get("/discrepancies?period=" + day).then().statusCode(200).extract().jsonPath()
                .getList("unmatched")).hasSize(12);
    }

    @Test
    void a_contact_the_owners_manager_records_is_verified() {
        String fox = Api.unique("fox");
        String manager = Api.unique("mgr");
        UUID lead = UUID.randomUUID();
        try (Story story = new Story()) {
            team(story, Api.unique("team"), manager, fox);
            story.received(lead, LeadSource.INBOUND, null, "ref:globex", null, WEEK.at(2, "08:00"));
            story.contact(lead, fox, null, "ref:globex", ContactChannel.VISIT, true, true, WEEK.at(2, "11:00"), manager);
            story.awaitApplied(dataSource, readModel::live);
        }
        JsonPath card = cardUntil(fox, WEEK.day(2).toString(), c -> c.getInt("figures.visits.verified") == 1);
        assertThat(card.getInt("figures.visits.logged")).isZero();
    }

    @Test
    void a_complaint_rated_by_its_own_owner_earns_nothing_and_one_rated_by_another_counts_once() {
        String gus = Api.unique("gus");
        String manager = Api.unique("mgr");
        String team = Api.unique("team");
        try (Story story = new Story()) {
            team(story, team, manager, gus);
            // Gus settles a complaint and records the customer's 5 himself (as only the old API let him).
            UUID own = story.complaintResolved(gus, team, true, WEEK.at(1, "10:00"));
            story.complaintRated(own, gus, team, 5, gus, WEEK.at(1, "11:00"));
            // Another: his manager records a 2 (it reopens), Gus settles it again, the manager records a 5.
            UUID rated = UUID.randomUUID();
            story.complaintRated(rated, gus, team, 2, manager, WEEK.at(2, "11:00"));
            story.complaintResolved(rated, gus, team, true, WEEK.at(2, "10:00"));
            story.complaintReopened(rated, gus, team, 2, WEEK.at(2, "11:00"));
            story.complaintResolved(rated, gus, team, false, WEEK.at(3, "10:00"));
            story.complaintRated(rated, gus, team, 5, manager, WEEK.at(3, "12:00"));
            story.awaitApplied(dataSource, readModel::live);
        }
        JsonPath week = cardUntil(gus, WEEK.label(), c -> c.getInt("figures.complaintsVerified") == 1);
        // Two complaints settled, each counted once; only the one another person rated is verified, and it took two
        // visits at its last resolution: no first-return credit.
        assertThat(week.getInt("figures.complaintsResolved")).isEqualTo(2);
        assertThat(week.getInt("figures.complaintsFirstReturn")).isZero();
        assertThat(week.getDouble("score")).isEqualTo(3.0);
        // His own 5 is not in his satisfaction figures; his manager's 2 and 5 are.
        assertThat(week.getInt("figures.satisfactionCount")).isEqualTo(2);
        assertThat(week.getDouble("figures.satisfactionAverage")).isEqualTo(3.5);
        // The reopened complaint counts on the day of its last resolution, not the first.
        assertThat(cardUntil(gus, WEEK.day(2).toString(), c -> true).getInt("figures.complaintsResolved")).isZero();
        assertThat(cardUntil(gus, WEEK.day(3).toString(), c -> true).getInt("figures.complaintsVerified")).isEqualTo(1);
    }

    @Test
    void a_win_the_referrer_confirms_is_confirmed_and_one_only_its_owner_reports_is_not() {
        String hana = Api.unique("hana");
        String rita = Api.unique("rita");
        String manager = Api.unique("mgr");
        String team = Api.unique("team");
        UUID confirmed = UUID.randomUUID();
        UUID reported = UUID.randomUUID();
        try (Story story = new Story()) {
            team(story, team, manager, hana);
            story.received(confirmed, LeadSource.REFERRAL, rita, "ref:ico", null, WEEK.at(1, "08:00"));
            story.won(confirmed, hana, team, "ref:ico", "50000", WEEK.at(3, "15:00"));
            UUID loop = story.loopOpened(LoopKind.REFERRAL, confirmed, rita, hana, WEEK.at(1, "08:00"));
            story.loopClosed(loop, LoopKind.REFERRAL, confirmed, rita, hana, team, WEEK.at(1, "08:00"), WEEK.at(3, "15:00"));
            story.loopConfirmed(loop, LoopKind.REFERRAL, confirmed, rita, hana, WEEK.at(4, "09:00"), "ref:ico",
                    WEEK.at(3, "15:00"));
            story.received(reported, LeadSource.INBOUND, null, "ref:jet", null, WEEK.at(1, "08:00"));
            story.won(reported, hana, team, "ref:jet", "70000", WEEK.at(3, "16:00"));
            story.awaitApplied(dataSource, readModel::live);
        }
        JsonPath card = cardUntil(hana, WEEK.label(), c -> c.getInt("figures.won") == 2 && c.getInt("figures.wonConfirmed") == 1);
        // 1 confirmed win × 10 + the referral loop closed × 2 and confirmed × 1; the reported win earns nothing.
        assertThat(card.getDouble("score")).isEqualTo(13.0);
        assertThat(card.getMap("figures.outcomeRecords")).containsEntry("logged", 2).containsEntry("verified", 1);
        assertThat(card.getMap("figures.echoRecords")).containsEntry("verified", 1);
    }
}
