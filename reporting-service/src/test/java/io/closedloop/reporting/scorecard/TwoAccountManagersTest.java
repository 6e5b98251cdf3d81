package io.closedloop.reporting.scorecard;

import static io.closedloop.reporting.support.Api.as;
import static io.closedloop.reporting.support.Reports.calendar;
import static io.closedloop.reporting.support.Reports.call;
import static io.closedloop.reporting.support.Reports.checkIn;
import static io.closedloop.reporting.support.Reports.contact;
import static io.closedloop.reporting.support.Reports.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.support.Reports;
import io.closedloop.reporting.support.Story;
import io.closedloop.reporting.support.Week;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "Efforts without results equal no efforts." Two account managers report full days — a dozen calls, four visits,
 * two meetings, twelve hours with overtime, every day of the week — and the evidence backs a fraction of it; they win
 * nothing. A colleague reports modest days, the evidence backs nearly all of it, and she wins two loans that others
 * confirm: one by the manager who handed it over, one by the loan system. A fourth colleague wins a lead too, but only
 * his own word says so. The scorecard ranks by confirmed results and flags the two, each flag with its numbers.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoAccountManagersTest {

    private static final Week WEEK = Week.weeksAgo(2);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String team = "sales-" + suffix;
    private final String manager = "mgr-" + suffix;
    private final String alice = "am-a-" + suffix;
    private final String bob = "am-b-" + suffix;
    private final String carol = "am-c-" + suffix;
    private final String dan = "am-d-" + suffix;
    private final String leaver = "am-e-" + suffix;

    private JsonPath card;
    private boolean told;

    /** Once for the class; in a {@code @BeforeEach} because Quarkus points RestAssured at the app only then. */
    @BeforeEach
    void aWeekOfWork() {
        if (told) {
            assertThat(card).as("the week's scorecard (see the first test's failure)").isNotNull();
            return;
        }
        told = true;
        Instant before = WEEK.at(0, "07:00").minus(Duration.ofDays(30));
        try (Story story = new Story()) {
            story.team(team, manager, before);
            story.person(alice, "Alice", team, manager, before);
            story.person(bob, "Bob", team, manager, before);
            story.person(carol, "Carol", team, manager, before);
            story.person(dan, "Dan", team, manager, before);
            // Neither the manager nor a colleague who left, with nothing to show this week, is ranked with the team.
            story.person(manager, "Mia", team, null, before, true, "MANAGER");
            story.person(leaver, "Leo", team, manager, before, false, "AGENT");

            // Alice: one lead, lost; a handoff whose echo deadlines she missed twice.
            UUID aliceLead = UUID.randomUUID();
            story.received(aliceLead, LeadSource.INBOUND, null, "ref:omega", null, WEEK.at(0, "08:00"));
            story.assigned(aliceLead, team, alice, WEEK.at(0, "08:05"));
            story.acknowledged(aliceLead, alice, team, WEEK.at(0, "08:05"), WEEK.at(0, "08:10"));
            story.lost(aliceLead, alice, team, "ref:omega", "went to a competitor", WEEK.at(2, "16:00"));
            UUID aliceLoop = story.loopOpened(LoopKind.HANDOFF, null, manager, alice, WEEK.at(0, "09:00"));
            story.loopOverdue(aliceLoop, LoopKind.HANDOFF, null, manager, alice, team, WEEK.at(1, "09:00"));
            story.loopOverdue(aliceLoop, LoopKind.HANDOFF, null, manager, alice, team, WEEK.at(3, "09:00"));

            // Bob: three leads, each acknowledged two hours after it was handed to him.
            for (int day = 0; day < 3; day++) {
                UUID lead = UUID.randomUUID();
                story.received(lead, LeadSource.INBOUND, null, "ref:bob-" + day, null, WEEK.at(day, "08:55"));
                story.assigned(lead, team, bob, WEEK.at(day, "09:00"));
                story.acknowledged(lead, bob, team, WEEK.at(day, "09:00"), WEEK.at(day, "11:00"));
            }

            // Carol: two leads reached by phone within half an hour, three confirmed meetings, both won; two handoffs
            // closed, one of them confirmed by the initiator.
            for (int n = 0; n < 2; n++) {
                UUID lead = UUID.randomUUID();
                String customer = "ref:carol-" + n;
                story.received(lead, LeadSource.INBOUND, null, customer, null, WEEK.at(n, "08:00"));
                story.assigned(lead, team, carol, WEEK.at(n, "08:01"));
                story.acknowledged(lead, carol, team, WEEK.at(n, "08:01"), WEEK.at(n, "08:06"));
                story.contact(lead, carol, team, customer, ContactChannel.PHONE, true, true, WEEK.at(n, "08:30"));
                story.contact(lead, carol, team, customer, ContactChannel.PHONE, true, false, WEEK.at(n + 1, "15:00"));
                UUID meeting = story.meetingScheduled(lead, carol, customer, WEEK.at(n + 2, "10:00"));
                story.meetingHeld(lead, meeting, carol, customer, true, WEEK.at(n + 2, "10:00"));
                if (n == 1) {
                    UUID second = story.meetingScheduled(lead, carol, customer, WEEK.at(4, "10:00"));
                    story.meetingHeld(lead, second, carol, customer, true, WEEK.at(4, "10:00"));
                }
                story.won(lead, carol, team, customer, n == 0 ? "120000" : "80000", WEEK.at(4, "16:00"));
                UUID loop = story.loopOpened(LoopKind.HANDOFF, lead, manager, carol, WEEK.at(n, "08:01"));
                story.loopClosed(loop, LoopKind.HANDOFF, lead, manager, carol, team, WEEK.at(n, "08:01"), WEEK.at(4, "16:05"));
                if (n == 0) {
                    // The manager who handed the first lead over confirms the outcome he was told: a confirmed win.
                    story.loopConfirmed(loop, LoopKind.HANDOFF, lead, manager, carol, WEEK.at(4, "17:00"), customer,
                            WEEK.at(4, "16:00"));
                }
            }

            // Dan: one lead won after one meeting; nobody but Dan says it was won.
            UUID danLead = UUID.randomUUID();
            story.received(danLead, LeadSource.INBOUND, null, "ref:dan", null, WEEK.at(0, "08:00"));
            story.assigned(danLead, team, dan, WEEK.at(0, "08:02"));
            story.acknowledged(danLead, dan, team, WEEK.at(0, "08:02"), WEEK.at(0, "08:20"));
            UUID danMeeting = story.meetingScheduled(danLead, dan, "ref:dan", WEEK.at(1, "14:00"));
            story.meetingHeld(danLead, danMeeting, dan, "ref:dan", true, WEEK.at(1, "14:00"));
            story.won(danLead, dan, team, "ref:dan", "50000", WEEK.at(3, "11:00"));

            submitClaims();
            sendEvidence();
            story.awaitApplied(dataSource, readModel::live);
        }
        // The claims and evidence went through the outbox and the topics: wait until the scorecard has them all.
        try {
            card = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(this::teamCard, c -> c.getInt("ranking.figures.calls.claimed.sum()") == 165
                            && c.getInt("ranking.figures.calls.verified.sum()") == 69
                            && c.getInt("ranking.figures.calls.logged.sum()") == 4
                            && c.getInt("ranking.figures.visits.verified.sum()") == 15
                            && c.getInt("ranking.figures.meetings.verified.sum()") == 4
                            && c.getInt("ranking.figures.meetings.logged.sum()") == 4
                            && c.getInt("ranking.figures.wonConfirmed.sum()") == 2
                            && c.getInt("ranking.figures.matchedContacts.sum()") == 2);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The scorecard never showed the whole week: " + teamCard().prettify(), e);
        }
    }

    private JsonPath teamCard() {
        return as(manager, "manager").get("/scorecards?period=" + WEEK.label() + "&teamId=" + team)
                .then().statusCode(200).extract().jsonPath();
    }

    private void submitClaims() {
        for (int day = 0; day < 5; day++) {
            List<Map<String, Object>> contacts = day == 0 ? List.of(
                    contact("ref:alpha", "CALL", WEEK.at(0, "09:00")),
                    contact("ref:beta", "CALL", WEEK.at(0, "10:00")),
                    contact("ref:gamma", "CALL", WEEK.at(0, "11:00")),
                    contact("ref:delta", "VISIT", WEEK.at(0, "14:00"))) : List.of();
            as(alice, "agent").body(daily(12, 4, 2, "12", "4", contacts))
                    .put("/claims/" + alice + "/" + WEEK.day(day)).then().statusCode(200);
            // Bob's reports are typed in by his manager.
            as(manager, "manager").body(daily(12, 4, 2, "12", "4", List.of()))
                    .put("/claims/" + bob + "/" + WEEK.day(day)).then().statusCode(200);
            as(carol, "agent").body(daily(5, 1, day == 2 || day == 3 || day == 4 ? 1 : 0, "8", "0", List.of()))
                    .put("/claims/" + carol + "/" + WEEK.day(day)).then().statusCode(200);
            as(dan, "agent").body(daily(4, 1, day == 1 ? 1 : 0, "8", "0", List.of()))
                    .put("/claims/" + dan + "/" + WEEK.day(day)).then().statusCode(200);
        }
    }

    private void sendEvidence() {
        List<Map<String, Object>> items = new ArrayList<>();
        // Alice: 3 answered calls a day (the first on Monday to alpha), one short ring a day (Monday's to beta),
        // two check-ins near customers (Monday's at delta) and one three kilometres away. No meeting in any calendar.
        for (int day = 0; day < 5; day++) {
            for (int n = 0; n < 3; n++) {
                String customer = day == 0 && n == 0 ? "ref:alpha" : "ref:a-" + day + "-" + n;
                Instant at = day == 0 && n == 0 ? WEEK.at(0, "09:10") : WEEK.at(day, "13:0" + n);
                items.add(call("a-call-" + suffix + "-" + day + "-" + n, alice, customer, at, 90));
            }
            items.add(call("a-ring-" + suffix + "-" + day, alice, day == 0 ? "ref:beta" : "ref:ring", WEEK.at(day, "10:05"), 8));
        }
        items.add(checkIn("a-geo-" + suffix + "-0", alice, "ref:delta", WEEK.at(0, "14:20"), 120));
        items.add(checkIn("a-geo-" + suffix + "-1", alice, "ref:epsilon", WEEK.at(2, "15:00"), 80));
        items.add(checkIn("a-geo-" + suffix + "-2", alice, "ref:zeta", WEEK.at(3, "15:00"), 3_000));
        // Bob: 18 answered calls, 4 check-ins; no meeting in any calendar.
        for (int n = 0; n < 18; n++) {
            items.add(call("b-call-" + suffix + "-" + n, bob, "ref:b-" + n, WEEK.at(n % 5, "14:" + String.format("%02d", n)), 45));
        }
        for (int n = 0; n < 4; n++) {
            items.add(checkIn("b-geo-" + suffix + "-" + n, bob, "ref:b-visit-" + n, WEEK.at(n, "16:00"), 200));
        }
        // Carol: 4 answered calls a day (her two reached contact attempts on the leads make 24), a check-in a day.
        for (int day = 0; day < 5; day++) {
            for (int n = 0; n < 4; n++) {
                items.add(call("c-call-" + suffix + "-" + day + "-" + n, carol, "ref:c-" + n, WEEK.at(day, "1" + n + ":30"), 300));
            }
            items.add(checkIn("c-geo-" + suffix + "-" + day, carol, "ref:c-visit", WEEK.at(day, "15:30"), 50));
        }
        // Dan: 16 answered calls, 4 check-ins.
        for (int n = 0; n < 16; n++) {
            items.add(call("d-call-" + suffix + "-" + n, dan, "ref:d-" + n, WEEK.at(n % 5, "11:" + String.format("%02d", n)), 60));
        }
        for (int n = 0; n < 4; n++) {
            items.add(checkIn("d-geo-" + suffix + "-" + n, dan, "ref:d-visit", WEEK.at(n, "17:00"), 10));
        }
        // The calendar shows Carol's three meetings with her customers, and Dan's.
        items.add(calendar("c-cal-" + suffix + "-0", carol, "ref:carol-0", WEEK.at(2, "10:00")));
        items.add(calendar("c-cal-" + suffix + "-1", carol, "ref:carol-1", WEEK.at(3, "10:00")));
        items.add(calendar("c-cal-" + suffix + "-2", carol, "ref:carol-1", WEEK.at(4, "10:00")));
        items.add(calendar("d-cal-" + suffix, dan, "ref:dan", WEEK.at(1, "14:00")));
        as("telephony-bridge", "integrator").body(Reports.batch(items)).post("/evidence")
                .then().statusCode(202).body("accepted", equalTo(items.size()));
        // The integrator retries its first twenty items: they must not count twice.
        as("telephony-bridge", "integrator").body(Reports.batch(items.subList(0, 20))).post("/evidence")
                .then().statusCode(202);
        // The loan system records that Carol's second loan was disbursed: her other confirmed win.
        as("loan-system", "integrator").body(Reports.batch(List.of(Reports.evidence("loans", "loan-" + suffix, carol,
                        "ref:carol-1", "OUTCOME", "SYSTEM_RECORD", WEEK.at(4, "17:30"), null, null))))
                .post("/evidence").then().statusCode(202);
    }

    private Map<String, Object> member(String personId) {
        return card.getMap("ranking.find { it.personId == '" + personId + "' }");
    }

    private List<Map<String, Object>> flags(String personId) {
        return card.getList("ranking.find { it.personId == '" + personId + "' }.flags");
    }

    private static List<Object> kinds(List<Map<String, Object>> flags) {
        return flags.stream().map(f -> f.get("kind")).toList();
    }

    @Test
    void the_colleague_with_modest_claims_and_confirmed_outcomes_ranks_first() {
        // Carol: 2 confirmed wins × 10 + 3 meetings the calendar shows × 2 + 2 loops closed × 2 + 1 confirmed × 1.
        // Dan: his meeting is in the calendar (2), but only he says the lead was won (0 by default).
        // Alice and Bob achieved nothing; Bob's claims are a little better backed, so he comes before her.
        assertThat(card.getList("ranking.personId", String.class)).containsExactly(carol, dan, bob, alice);
        assertThat(card.getList("ranking.rank", Integer.class)).containsExactly(1, 2, 3, 4);
        assertThat(card.getList("ranking.score", Double.class)).containsExactly(31.0, 2.0, 0.0, 0.0);
        assertThat(card.getDouble("medianScore")).isEqualTo(1.0);
        assertThat(card.getString("from")).isEqualTo(WEEK.day(0).toString());
        assertThat(card.getString("to")).isEqualTo(WEEK.day(6).toString());
        assertThat(flags(carol)).isEmpty();
        assertThat(flags(dan)).isEmpty();
    }

    @Test
    void claimed_effort_stands_beside_verified_effort_per_activity_with_the_ratio() {
        assertThat(card.getMap("ranking.find { it.personId == '" + alice + "' }.figures.calls"))
                .containsEntry("claimed", 60).containsEntry("verified", 15).containsEntry("ratio", 0.25f);
        assertThat(card.getMap("ranking.find { it.personId == '" + alice + "' }.figures.visits"))
                .containsEntry("claimed", 20).containsEntry("verified", 2).containsEntry("ratio", 0.1f);
        assertThat(card.getMap("ranking.find { it.personId == '" + bob + "' }.figures.meetings"))
                .containsEntry("claimed", 10).containsEntry("verified", 0).containsEntry("ratio", 0.0f);
        // Carol's 20 verified calls are the telephony records; the 4 reached phone contacts she logged on her leads are
        // her own word: logged, not verified.
        assertThat(card.getMap("ranking.find { it.personId == '" + carol + "' }.figures.calls"))
                .containsEntry("claimed", 25).containsEntry("logged", 4).containsEntry("verified", 20)
                .containsEntry("ratio", 0.8f);
        // Her 3 meetings: marked held by her (logged), and in the calendar (verified) — three meetings, not six.
        assertThat(card.getMap("ranking.find { it.personId == '" + carol + "' }.figures.meetings"))
                .containsEntry("claimed", 3).containsEntry("logged", 3).containsEntry("verified", 3);
        Map<String, Object> carolFigures = card.getMap("ranking.find { it.personId == '" + carol + "' }.figures");
        assertThat(carolFigures).containsEntry("won", 2).containsEntry("wonConfirmed", 2).containsEntry("meetingsHeld", 3)
                .containsEntry("loopsClosed", 2).containsEntry("loopsConfirmed", 1).containsEntry("conversion", 1.0f)
                .containsEntry("ackMedianSeconds", 300.0f).containsEntry("firstContactMedianSeconds", 1800.0f);
        assertThat(card.getMap("ranking.find { it.personId == '" + carol + "' }.figures.outcomeRecords"))
                .containsEntry("logged", 2).containsEntry("verified", 2);
        assertThat(card.getMap("ranking.find { it.personId == '" + dan + "' }.figures"))
                .containsEntry("won", 1).containsEntry("wonConfirmed", 0);
        assertThat(card.getMap("ranking.find { it.personId == '" + carol + "' }.figures.wonValue"))
                .containsEntry("EUR", 200000.0f);
        assertThat(member(alice)).containsEntry("name", "Alice");
    }

    @Test
    void both_account_managers_are_flagged_for_inflated_claims_each_flag_with_its_numbers() {
        List<Map<String, Object>> aliceInflated = flags(alice).stream().filter(f -> f.get("kind").equals("INFLATED_CLAIMS")).toList();
        assertThat(aliceInflated).extracting(f -> f.get("message")).containsExactly(
                "60 calls claimed, 15 verified (25%, below 60%)",
                "20 visits claimed, 2 verified (10%, below 60%)",
                "10 meetings claimed, 0 verified (0%, below 60%)");
        @SuppressWarnings("unchecked")
        Map<String, Object> numbers = (Map<String, Object>) aliceInflated.getFirst().get("numbers");
        assertThat(numbers).containsEntry("activity", "calls").containsEntry("claimed", 60).containsEntry("verified", 15)
                .containsEntry("ratio", 0.25f).containsEntry("threshold", 0.6f);
        assertThat(aliceInflated.getFirst().get("links")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("/discrepancies?period=" + WEEK.label() + "&personId=" + alice,
                        "/claims/" + alice + "?period=" + WEEK.label());

        List<Object> bobMessages = flags(bob).stream().filter(f -> f.get("kind").equals("INFLATED_CLAIMS"))
                .map(f -> f.get("message")).toList();
        assertThat(bobMessages).containsExactly("60 calls claimed, 18 verified (30%, below 60%)",
                "20 visits claimed, 4 verified (20%, below 60%)", "10 meetings claimed, 0 verified (0%, below 60%)");
    }

    @Test
    void long_hours_without_results_slow_receipt_and_silent_loops_are_flagged_with_their_numbers() {
        for (String person : List.of(alice, bob)) {
            Map<String, Object> effort = flags(person).stream().filter(f -> f.get("kind").equals("EFFORT_WITHOUT_RESULTS"))
                    .findFirst().orElseThrow();
            assertThat(effort.get("message")).isEqualTo("60 hours claimed (20 of them overtime) against a team median of 50, "
                    + "for an outcome score of 0 against a team median of 1");
        }
        assertThat(kinds(flags(alice))).containsExactly("INFLATED_CLAIMS", "INFLATED_CLAIMS", "INFLATED_CLAIMS",
                "EFFORT_WITHOUT_RESULTS", "SILENT_LOOPS");
        assertThat(kinds(flags(bob))).containsExactly("INFLATED_CLAIMS", "INFLATED_CLAIMS", "INFLATED_CLAIMS",
                "EFFORT_WITHOUT_RESULTS", "SLOW_RECEIPT");
        assertThat(flags(bob).getLast().get("message"))
                .isEqualTo("Median time to acknowledge a lead 2 h 0 min over 3 acknowledgments (limit 30 min)");
        assertThat(flags(alice).getLast().get("message")).isEqualTo("2 echo deadline(s) missed; 0 of 0 echoes late");
    }

    @Test
    void the_unmatched_claimed_contacts_are_listed_with_what_was_looked_for() {
        JsonPath discrepancies = as(manager, "manager")
                .get("/discrepancies?period=" + WEEK.label() + "&personId=" + alice).then().statusCode(200).extract().jsonPath();

        assertThat(discrepancies.getList("unmatched.customerRef", String.class)).containsExactly("ref:beta", "ref:gamma");
        assertThat(discrepancies.getString("unmatched[0].lookedFor")).isEqualTo("evidence of a CALL by " + alice
                + " with ref:beta between " + WEEK.day(0) + " 08:00 UTC and " + WEEK.day(0) + " 12:00 UTC");
        // The visit to delta (a check-in 120 m away, 20 minutes later) and the call to alpha are matched.
        assertThat(member(alice)).extractingByKey("figures").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("claimedContacts", 4).containsEntry("matchedContacts", 2);
    }

    /** What a manager hands on: the same scorecard and discrepancies as CSV, with the same access rules. */
    @Test
    void the_scorecard_and_the_discrepancies_export_as_csv_with_the_figures_of_the_json() {
        var answer = as(manager, "manager").accept("text/csv").get("/scorecards?period=" + WEEK.label() + "&teamId=" + team)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"scorecard-" + team + "-" + WEEK.label() + ".csv\""))
                .extract();
        String text = new String(answer.asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        List<Map<String, String>> rows = io.closedloop.reporting.support.CsvRows.read(text);
        assertThat(rows).extracting(row -> row.get("personId"))
                .containsExactlyElementsOf(card.getList("ranking.personId", String.class));
        Map<String, String> aliceRow = rows.stream().filter(r -> r.get("personId").equals(alice)).findFirst().orElseThrow();
        assertThat(aliceRow).containsEntry("name", "Alice").containsEntry("rank", "4").containsEntry("callsClaimed", "60")
                .containsEntry("callsVerified", "15").containsEntry("callsRatio", "0.25");
        assertThat(aliceRow.get("flags").split("; ")).doesNotHaveDuplicates().contains("INFLATED_CLAIMS", "EFFORT_WITHOUT_RESULTS");
        assertThat(aliceRow.get("flagMessages").split(" \\| ")).hasSize(card.getList(
                "ranking.find { it.personId == '" + alice + "' }.flags").size());
        assertThat(rows.stream().filter(r -> r.get("personId").equals(carol)).findFirst().orElseThrow())
                .containsEntry("rank", "1").containsEntry("wonConfirmed", "2");

        String discrepancies = new String(as(manager, "manager").accept("text/csv")
                .get("/discrepancies?period=" + WEEK.label() + "&personId=" + alice).then().statusCode(200)
                .extract().asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        List<Map<String, String>> unmatched = io.closedloop.reporting.support.CsvRows.read(discrepancies);
        List<String> jsonRefs = as(manager, "manager").get("/discrepancies?period=" + WEEK.label() + "&personId=" + alice)
                .then().statusCode(200).extract().jsonPath().getList("unmatched.customerRef", String.class);
        assertThat(unmatched).isNotEmpty().extracting(row -> row.get("customerRef")).containsExactlyElementsOf(jsonRefs);
        assertThat(unmatched).allSatisfy(row -> assertThat(row).containsEntry("personId", alice));

        // The same access rules: an agent does not read the team's scorecard, in CSV either; the refusal is a problem.
        as(alice, "agent").accept("text/csv").get("/scorecards?period=" + WEEK.label() + "&teamId=" + team)
                .then().statusCode(403).contentType("application/problem+json");
        as(alice, "agent").accept("text/csv").get("/scorecards/" + alice + "?period=" + WEEK.label())
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
    }

    @Test
    void a_person_sees_their_own_card_ranked_within_the_team() {
        as(alice, "agent").get("/scorecards/" + alice + "?period=" + WEEK.label()).then().statusCode(200)
                .body("rank", equalTo(4)).body("teamId", equalTo(team)).body("flags.size()", equalTo(5));
        as(carol, "agent").get("/scorecards/" + carol + "?period=" + WEEK.label()).then().statusCode(200)
                .body("rank", equalTo(1)).body("score", equalTo(31.0f))
                .body("figures.calls.logged", equalTo(4)).body("figures.wonConfirmed", equalTo(2));
        as(manager, "manager").get("/scorecards/" + manager + "?period=" + WEEK.label()).then().statusCode(200)
                .body("rank", org.hamcrest.Matchers.nullValue()).body("teamId", equalTo(team));
    }

    @Test
    void the_manager_typed_bobs_reports_and_the_history_says_so() {
        as(bob, "agent").get("/claims/" + bob + "/" + WEEK.day(0)).then().statusCode(200)
                .body("current.submittedBy", equalTo(manager)).body("current.version", equalTo(1));
    }

    @Test
    void another_period_has_nothing_of_this_week() {
        JsonPath other = as(manager, "manager").get("/scorecards?period=" + Week.weeksAgo(3).label() + "&teamId=" + team)
                .then().statusCode(200).extract().jsonPath();
        assertThat(other.getInt("ranking.figures.calls.claimed.sum()")).isZero();
        assertThat(other.getList("ranking.score", Double.class)).containsOnly(0.0);
    }
}
