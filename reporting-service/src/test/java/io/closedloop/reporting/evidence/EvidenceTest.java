package io.closedloop.reporting.evidence;

import static io.closedloop.reporting.support.Api.as;
import static io.closedloop.reporting.support.Reports.batch;
import static io.closedloop.reporting.support.Reports.call;
import static io.closedloop.reporting.support.Reports.checkIn;
import static io.closedloop.reporting.support.Reports.contact;
import static io.closedloop.reporting.support.Reports.daily;
import static io.closedloop.reporting.support.Reports.evidence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.Topics;
import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceMethod;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.platform.inbox.DeadLetters;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.support.Api;
import io.closedloop.reporting.support.Story;
import io.closedloop.reporting.support.Week;
import io.closedloop.stack.testing.EventWriter;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Evidence from integrators (REST and topic) and derived from the services' events, counted once and matched. */
@QuarkusTest
class EvidenceTest {

    private static final Week WEEK = Week.weeksAgo(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    private static JsonPath card(String person, String period) {
        return as(person, "agent").get("/scorecards/" + person + "?period=" + period).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath cardUntil(String person, String period, Predicate<JsonPath> until) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> card(person, period), until);
    }

    private static void team(Story story, String person) {
        String team = "team-" + person;
        story.team(team, "mgr-" + person, Instant.parse("2026-01-01T00:00:00Z"));
        story.person(person, person, team, "mgr-" + person, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void the_same_source_and_external_id_count_once_whether_posted_twice_or_also_published() {
        String ann = Api.unique("ann");
        String day = WEEK.day(2).toString();
        Map<String, Object> answered = call("cdr-" + ann, ann, "ref:acme", WEEK.at(2, "10:00"), 120);
        try (Story story = new Story()) {
            team(story, ann);
            as("pbx", "integrator").body(batch(List.of(answered, answered))).post("/evidence").then().statusCode(202)
                    .body("accepted", equalTo(2));
            as("pbx", "integrator").body(batch(List.of(answered))).post("/evidence").then().statusCode(202);
            story.evidence("telephony", "cdr-" + ann, ann, "ref:acme", ActivityKind.CALL, EvidenceMethod.CALL_RECORD,
                    WEEK.at(2, "10:00"), 120, null);
            // A second, distinct call afterwards on the topic: once it counts, every copy before it has been read.
            story.evidence("telephony", "cdr2-" + ann, ann, "ref:acme", ActivityKind.CALL, EvidenceMethod.CALL_RECORD,
                    WEEK.at(2, "11:00"), 60, null);
            story.awaitApplied(dataSource, readModel::live);
        }
        JsonPath card = cardUntil(ann, day, c -> c.getInt("figures.calls.verified") == 2);
        assertThat(card.getInt("figures.calls.verified")).isEqualTo(2);
        // The service's own metrics saw the copies as duplicates.
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("closedloop_events_consumed_total{consumer=\"reporting.evidence\",outcome=\"processed\"}");
    }

    @Test
    void short_rings_far_check_ins_and_what_the_owner_logs_do_not_verify_anything() {
        String bo = Api.unique("bo");
        try (Story story = new Story()) {
            team(story, bo);
            as("pbx", "integrator").body(batch(List.of(
                    call("ring-" + bo, bo, "ref:acme", WEEK.at(3, "09:00"), 5),
                    checkIn("far-" + bo, bo, "ref:acme", WEEK.at(3, "11:00"), 2_500),
                    checkIn("near-" + bo, bo, "ref:acme", WEEK.at(3, "15:00"), 40)))).post("/evidence").then().statusCode(202);
            UUID lead = UUID.randomUUID();
            story.received(lead, LeadSource.INBOUND, null, "ref:acme", null, WEEK.at(3, "08:00"));
            UUID meeting = story.meetingScheduled(lead, bo, "ref:acme", WEEK.at(3, "13:00"));
            story.meetingHeld(lead, meeting, bo, "ref:acme", false, WEEK.at(3, "13:00"));
            // A reached visit Bo logs on the lead is his own word: logged, not verified.
            story.contact(lead, bo, null, "ref:acme", ContactChannel.VISIT, true, true, WEEK.at(3, "16:00"));
            // An unanswered phone attempt is no call.
            story.contact(lead, bo, null, "ref:acme", ContactChannel.PHONE, false, false, WEEK.at(3, "17:00"));
            story.awaitApplied(dataSource, readModel::live);
        }
        // The posted evidence reaches the read models through the outbox, apart from the lead's events: wait until all
        // three records are in, so that what they must not count has had its chance to be counted.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> evidenceOf(bo, "external_id"),
                ids -> ids.containsAll(List.of("ring-" + bo, "far-" + bo, "near-" + bo)));
        JsonPath card = cardUntil(bo, WEEK.day(3).toString(), c -> c.getInt("figures.visits.logged") == 1
                && c.getInt("figures.meetings.logged") == 1);
        assertThat(card.getInt("figures.visits.verified")).isEqualTo(1);
        assertThat(card.getInt("figures.calls.verified")).isZero();
        assertThat(card.getInt("figures.calls.logged")).isZero();
        assertThat(card.getInt("figures.meetings.verified")).isZero();
        assertThat(card.getInt("figures.meetingsHeld")).isEqualTo(1);
        assertThat(card.getInt("figures.firstContacts")).isEqualTo(1);
    }

    @Test
    void claimed_contacts_are_matched_whichever_arrives_first_and_a_new_version_is_matched_again() {
        String cy = Api.unique("cy");
        String day = WEEK.day(4).toString();
        try (Story story = new Story()) {
            team(story, cy);
            story.awaitApplied(dataSource, readModel::live);
        }
        // Evidence before the claim for acme, after it for globex.
        as("pbx", "integrator").body(batch(List.of(call("early-" + cy, cy, "ref:acme", WEEK.at(4, "09:20"), 300))))
                .post("/evidence").then().statusCode(202);
        cardUntil(cy, day, c -> c.getInt("figures.calls.verified") == 1);
        as(cy, "agent").body(daily(2, 1, 0, "8", "0", List.of(
                        contact("ref:acme", "CALL", WEEK.at(4, "09:00")),
                        contact("ref:globex", "CALL", WEEK.at(4, "14:00")),
                        contact("ref:initech", "VISIT", WEEK.at(4, "16:00")))))
                .put("/claims/" + cy + "/" + day).then().statusCode(200);
        cardUntil(cy, day, c -> c.getInt("figures.claimedContacts") == 3 && c.getInt("figures.matchedContacts") == 1);
        as("pbx", "integrator").body(batch(List.of(call("late-" + cy, cy, "ref:globex", WEEK.at(4, "15:59"), 300))))
                .post("/evidence").then().statusCode(202);
        cardUntil(cy, day, c -> c.getInt("figures.matchedContacts") == 2);
        List<String> unmatched = as(cy, "agent").get("/discrepancies?period=" + day).then().statusCode(200)
                .extract().jsonPath().getList("unmatched.customerRef", String.class);
        assertThat(unmatched).containsExactly("ref:initech");

        // The corrected report drops initech and moves acme out of the evidence's window.
        as(cy, "agent").body(daily(2, 0, 0, "8", "0", List.of(
                        contact("ref:acme", "CALL", WEEK.at(4, "12:00")),
                        contact("ref:globex", "CALL", WEEK.at(4, "14:00")))))
                .put("/claims/" + cy + "/" + day).then().statusCode(200).body("version", equalTo(2));
        JsonPath card = cardUntil(cy, day, c -> c.getInt("figures.claimedContacts") == 2);
        assertThat(card.getInt("figures.matchedContacts")).isEqualTo(1);
        JsonPath discrepancies = as(cy, "agent").get("/discrepancies?period=" + day).then().statusCode(200).extract().jsonPath();
        assertThat(discrepancies.getList("unmatched.customerRef", String.class)).containsExactly("ref:acme");
        assertThat(discrepancies.getString("unmatched[0].lookedFor")).endsWith(day + " 10:00 UTC and " + day + " 14:00 UTC");
    }

    @Test
    void bad_evidence_is_refused_item_by_item_and_only_integrators_may_send_it() {
        String dee = Api.unique("dee");
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(call("ok-" + dee, dee, "ref:acme", WEEK.at(1, "09:00"), 30));
        items.add(evidence("telephony", "no-duration-" + dee, dee, "ref:acme", "CALL", "CALL_RECORD", WEEK.at(1, "09:00"), null, null));
        items.add(evidence("geo", "wrong-kind-" + dee, dee, "ref:acme", "CALL", "GEO_CHECKIN", WEEK.at(1, "09:00"), null, 10));
        items.add(evidence("leads-service", "forged-" + dee, dee, "ref:acme", "OUTCOME", "SYSTEM_RECORD", WEEK.at(1, "09:00"), null, null));
        items.add(evidence("Leads-Service ", "forged-" + dee, dee, "ref:acme", "OUTCOME", "SYSTEM_RECORD", WEEK.at(1, "09:00"), null, null));
        items.add(evidence("feedback\u200B-service", "forged-" + dee, dee, "ref:acme", "ECHO", "SYSTEM_RECORD", WEEK.at(1, "09:00"), null, null));
        items.add(evidence("t\u0435lephony", "lookalike-" + dee, dee, "ref:acme", "CALL", "CALL_RECORD", WEEK.at(1, "09:00"), 60, null));
        JsonPath problem = as("pbx", "integrator").body(batch(items)).post("/evidence").then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).containsExactly("items[1].durationSeconds",
                "items[2].kind", "items[3].source", "items[4].source", "items[5].source", "items[6].source");
        assertThat(problem.getList("errors.message", String.class).get(3))
                .isEqualTo("'leads-service' is reserved for evidence derived from the services' own events");

        Map<String, Object> noPerson = new java.util.LinkedHashMap<>(items.getFirst());
        noPerson.put("personId", "not a person");
        as("pbx", "integrator").body(batch(List.of(noPerson))).post("/evidence").then().statusCode(400)
                .body("errors[0].field", equalTo("items[0].personId"));
        as("pbx", "integrator").body(batch(List.of())).post("/evidence").then().statusCode(400)
                .body("errors[0].field", equalTo("items"));
        as("pbx", "integrator").body("{\"items\":[{\"source\":\"x\",\"kind\":\"TELEPATHY\"}]}").post("/evidence")
                .then().statusCode(400).contentType("application/problem+json");
        as(dee, "agent").body(batch(items.subList(0, 1))).post("/evidence").then().statusCode(403)
                .contentType("application/problem+json");
        // The admin is no system of record: bound to no source, they file no evidence.
        as("boss", "admin").body(batch(items.subList(0, 1))).post("/evidence").then().statusCode(403)
                .body("errors[0].message", equalTo("'telephony' is not a source integrator 'boss' may post (it is bound "
                        + "to none; see closedloop.reporting.evidence.bindings)"));
        io.restassured.RestAssured.given().contentType("application/json").body(batch(items.subList(0, 1)))
                .post("/evidence").then().statusCode(401);
    }

    @Test
    void an_integrator_files_only_under_its_own_source_names_and_never_about_itself() {
        String fay = Api.unique("fay");
        as("geo-app", "integrator").body(batch(List.of(call("fay-1", fay, "ref:acme", WEEK.at(1, "09:00"), 60),
                        checkIn("fay-2", fay, "ref:acme", WEEK.at(1, "10:00"), 20))))
                .post("/evidence").then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("items[0].source: 'telephony' is not a source integrator 'geo-app' may post "
                        + "(it is bound to geo; see closedloop.reporting.evidence.bindings)"))
                .body("errors.field", org.hamcrest.Matchers.contains("items[0].source"));
        as("pbx", "integrator").body(batch(List.of(call("pbx-self", "pbx", "ref:acme", WEEK.at(1, "09:00"), 60))))
                .post("/evidence").then().statusCode(403)
                .body("errors[0].field", equalTo("items[0].personId"))
                .body("errors[0].message", equalTo("nobody gives evidence about themselves"));
    }

    @Test
    void one_source_however_spelled_and_one_call_however_many_sources_confirm_it() {
        String gil = Api.unique("gil");
        String day = WEEK.day(2).toString();
        try (Story story = new Story()) {
            team(story, gil);
            story.awaitApplied(dataSource, readModel::live);
        }
        as(gil, "agent").body(daily(2, 0, 0, "8", "0", List.of(contact("ref:acme", "CALL", WEEK.at(2, "10:00")))))
                .put("/claims/" + gil + "/" + day).then().statusCode(200);
        // The same call record under three spellings of its source is one record...
        as("pbx", "integrator").body(batch(List.of(
                evidence("telephony", "t-" + gil, gil, "ref:acme", "CALL", "CALL_RECORD", WEEK.at(2, "10:02"), 240, null),
                evidence("Telephony ", "t-" + gil, gil, "ref:acme", "CALL", "CALL_RECORD", WEEK.at(2, "10:02"), 240, null),
                evidence("tele\u200Bphony", "t-" + gil, gil, "ref:acme", "CALL", "CALL_RECORD", WEEK.at(2, "10:02"), 240, null))))
                .post("/evidence").then().statusCode(202);
        // ... and the CRM's record of that same call, four minutes on, is the same call, not a second one.
        as("pbx", "integrator").body(batch(List.of(evidence("crm", "crm-" + gil, gil, "ref:acme", "CALL", "SYSTEM_RECORD",
                WEEK.at(2, "10:06"), null, null)))).post("/evidence").then().statusCode(202);
        // A second call to the same customer in the afternoon is another call.
        as("pbx", "integrator").body(batch(List.of(call("t2-" + gil, gil, "ref:acme", WEEK.at(2, "15:00"), 90))))
                .post("/evidence").then().statusCode(202);
        // The claim and the evidence reach the read models by different topics, in either order: wait for both.
        JsonPath card = cardUntil(gil, day, c -> c.getInt("figures.calls.verified") == 2
                && c.getInt("figures.calls.claimed") == 2);
        // Two calls happened; two were claimed; verified never exceeds what happened.
        assertThat(card.getMap("figures.calls")).containsEntry("claimed", 2).containsEntry("verified", 2)
                .containsEntry("ratio", 1.0f);
        assertThat(card.getInt("figures.matchedContacts")).isEqualTo(1);
        assertThat(Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> evidenceOf(gil, "source"), s -> s.size() == 3))
                .containsExactlyInAnyOrder("telephony", "crm", "telephony");
    }

    @Test
    void evidence_on_the_topic_from_an_integrator_not_bound_to_its_source_is_dead_lettered() {
        String hal = Api.unique("hal");
        TestRun run = TestRun.current();
        try (Story story = new Story(); EventWriter writer = new EventWriter(run.kafkaBootstrapServers())) {
            team(story, hal);
            String json = "{\"source\":\"telephony\",\"externalId\":\"%s\",\"personId\":\"" + hal + "\","
                    + "\"customerRef\":\"ref:acme\",\"kind\":\"CALL\",\"method\":\"CALL_RECORD\","
                    + "\"occurredAt\":\"" + WEEK.at(0, "10:00") + "\",\"durationSeconds\":60}";
            String key = "telephony/" + hal;
            writer.send(run.topic(Topics.EVIDENCE), key, UUID.randomUUID().toString(), "io.closedloop.evidence.recorded.v1",
                    json.formatted("geo-app-" + hal), "/integrators/geo-app");
            writer.send(run.topic(Topics.EVIDENCE), key, UUID.randomUUID().toString(), "io.closedloop.evidence.recorded.v1",
                    json.formatted("anon-" + hal), "/somebody");
            writer.send(run.topic(Topics.EVIDENCE), key, UUID.randomUUID().toString(), "io.closedloop.evidence.recorded.v1",
                    json.formatted("pbx-" + hal), "/integrators/pbx");
            story.awaitApplied(dataSource, readModel::live);
        }
        try (TopicReader dlq = new TopicReader(run.kafkaBootstrapServers(), run.deadLetterTopic("reporting-service"))) {
            List<ConsumerRecord<String, byte[]>> dead = dlq.readUntil(records -> records.stream()
                    .filter(r -> ("telephony/" + hal).equals(r.key())).count() == 2, Duration.ofSeconds(30)).stream()
                    .filter(r -> ("telephony/" + hal).equals(r.key())).toList();
            assertThat(dead).extracting(r -> TopicReader.header(r, DeadLetters.REASON) + " / " + TopicReader.header(r, DeadLetters.CAUSE))
                    .anySatisfy(why -> assertThat(why).contains("'telephony' is not a source integrator 'geo-app' may post"))
                    .anySatisfy(why -> assertThat(why).contains("must name its integrator as CloudEvents source /integrators/"));
        }
        JsonPath card = cardUntil(hal, WEEK.day(0).toString(), c -> c.getInt("figures.calls.verified") == 1);
        assertThat(card.getInt("figures.calls.verified")).isEqualTo(1);
    }

    /** One column of every evidence row about {@code person} in the live read model. */
    private java.util.List<String> evidenceOf(String person, String column) {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("SELECT " + column + " FROM " + readModel.live()
                + ".evidence WHERE person_id = ?")) {
            s.setString(1, person);
            List<String> sources = new ArrayList<>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    sources.add(rs.getString(1));
                }
            }
            return sources;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_poison_record_on_the_evidence_topic_is_dead_lettered_and_the_next_one_counts() {
        String eve = Api.unique("eve");
        TestRun run = TestRun.current();
        try (Story story = new Story(); EventWriter writer = new EventWriter(run.kafkaBootstrapServers())) {
            team(story, eve);
            String key = "telephony/" + eve;
            writer.send(run.topic(Topics.EVIDENCE), key, "io.closedloop.evidence.recorded.v1", "{not json");
            writer.send(run.topic(Topics.EVIDENCE), key, "io.closedloop.evidence.recorded.v1",
                    "{\"source\":\"telephony\",\"externalId\":\"x\",\"kind\":\"CALL\"}");
            writer.sendRaw(run.topic(Topics.EVIDENCE), key, "{}".getBytes(StandardCharsets.UTF_8),
                    new org.apache.kafka.common.header.internals.RecordHeaders());
            story.evidence("telephony", "good-" + eve, eve, "ref:acme", ActivityKind.CALL, EvidenceMethod.CALL_RECORD,
                    WEEK.at(0, "10:00"), 45, null);
            story.awaitApplied(dataSource, readModel::live);
        }
        assertThat(card(eve, WEEK.day(0).toString()).getInt("figures.calls.verified")).isEqualTo(1);
        try (TopicReader dlq = new TopicReader(run.kafkaBootstrapServers(), run.deadLetterTopic("reporting-service"))) {
            List<ConsumerRecord<String, byte[]>> dead = dlq.readUntil(records -> records.stream()
                    .filter(r -> ("telephony/" + eve).equals(r.key())).count() == 3, Duration.ofSeconds(30)).stream()
                    .filter(r -> ("telephony/" + eve).equals(r.key())).toList();
            assertThat(dead).extracting(r -> TopicReader.header(r, DeadLetters.CONSUMER)).containsOnly("reporting.evidence");
        }
    }
}
