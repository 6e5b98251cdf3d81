package io.closedloop.reporting.claim;

import static io.closedloop.reporting.support.Api.as;
import static io.closedloop.reporting.support.Reports.contact;
import static io.closedloop.reporting.support.Reports.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.support.Api;
import io.closedloop.reporting.support.Reports;
import io.closedloop.reporting.support.Week;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Daily work reports: versions kept, the latest current, validated precisely, and published for the read models. */
@QuarkusTest
class ClaimTest {

    private static final Week WEEK = Week.weeksAgo(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    @Test
    void a_revision_without_contacts_leaves_no_claimed_contact_matched() throws Exception {
        String eve = Api.unique("eve");
        LocalDate day = WEEK.day(2);
        Instant at = WEEK.at(2, "10:00");
        as("pbx", "integrator").body(Reports.batch(List.of(Reports.call("rv-" + eve, eve, "ref:rv", at, 120))))
                .post("/evidence").then().statusCode(202);
        as(eve, "agent").body(daily(1, 0, 0, "8", "0", List.of(contact("ref:rv", "CALL", at.plusSeconds(600)))))
                .put("/claims/" + eve + "/" + day).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> personDay(eve, day, "matched_contacts"), matched -> matched == 1);

        as(eve, "agent").body(daily(1, 0, 0, "8", "0", List.of())).put("/claims/" + eve + "/" + day).then().statusCode(200);
        // The revision and the day's matching are applied in one transaction: once it shows, so does its matching.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> personDay(eve, day, "claim_version"), version -> version == 2);
        assertThat(personDay(eve, day, "claimed_contacts")).isZero();
        assertThat(personDay(eve, day, "matched_contacts")).isZero();
    }

    private long personDay(String person, LocalDate day, String column) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + column
                + " FROM " + readModel.live() + ".person_day WHERE person_id = ? AND day = ?")) {
            s.setString(1, person);
            s.setObject(2, day);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    @Test
    void a_new_version_replaces_the_report_and_every_version_is_kept_and_published() {
        String ann = Api.unique("ann");
        LocalDate day = WEEK.day(1);
        as(ann, "agent").body(daily(10, 2, 1, "8", "0", List.of(contact("ref:acme", "CALL", WEEK.at(1, "09:30")))))
                .put("/claims/" + ann + "/" + day).then().statusCode(200)
                .body("version", equalTo(1)).body("submittedBy", equalTo(ann)).body("calls", equalTo(10))
                .body("contacts[0].customerRef", equalTo("ref:acme"));
        as(ann, "agent").body(daily(12, 2, 1, "9.5", "1.5", List.of()))
                .put("/claims/" + ann + "/" + day).then().statusCode(200).body("version", equalTo(2));

        JsonPath history = as(ann, "agent").get("/claims/" + ann + "/" + day).then().statusCode(200).extract().jsonPath();
        assertThat(history.getInt("current.version")).isEqualTo(2);
        assertThat(history.getInt("current.calls")).isEqualTo(12);
        assertThat(history.getFloat("current.hoursWorked")).isEqualTo(9.5f);
        assertThat(history.getList("versions.version", Integer.class)).containsExactly(2, 1);
        assertThat(history.getList("versions[1].contacts.customerRef", String.class)).containsExactly("ref:acme");

        try (TopicReader reader = new TopicReader(TestRun.current().kafkaBootstrapServers(),
                TestRun.current().topic(Topics.REPORTING))) {
            List<ConsumerRecord<String, byte[]>> mine = reader.readUntil(records -> records.stream()
                    .filter(r -> ann.equals(r.key())).count() == 2, Duration.ofSeconds(30)).stream()
                    .filter(r -> ann.equals(r.key())).toList();
            assertThat(mine).extracting(r -> TopicReader.header(r, "ce_type"))
                    .containsOnly(EventCatalog.CLAIM_SUBMITTED.type());
            assertThat(TopicReader.value(mine.get(1))).contains("\"version\":2").contains("\"hoursWorked\":9.5");
        }
    }

    @Test
    void reports_of_one_day_sent_at_once_become_versions_one_after_another_never_a_server_error() throws Exception {
        String cat = Api.unique("cat");
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        int together = 20;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(together);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(together);
        List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < together; i++) {
            int calls = i;
            statuses.add(pool.submit(() -> {
                start.await();
                return as(cat, "agent").body(daily(calls, 0, 0, "8", "0", List.of())).put("/claims/" + cat + "/" + day)
                        .then().extract().statusCode();
            }));
        }
        pool.shutdown();
        for (java.util.concurrent.Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        List<Integer> versions = as(cat, "agent").get("/claims/" + cat + "/" + day).then().statusCode(200).extract()
                .jsonPath().getList("versions.version", Integer.class);
        assertThat(versions).hasSize(together).doesNotHaveDuplicates();
        assertThat(versions.getFirst()).isEqualTo(together);
    }

    @Test
    void a_period_lists_each_days_current_version_only() {
        String bea = Api.unique("bea");
        for (int d = 0; d < 3; d++) {
            as(bea, "agent").body(daily(d, 0, 0, "8", "0", List.of())).put("/claims/" + bea + "/" + WEEK.day(d)).then().statusCode(200);
        }
        as(bea, "agent").body(daily(7, 0, 0, "8", "0", List.of())).put("/claims/" + bea + "/" + WEEK.day(1)).then().statusCode(200);

        JsonPath week = as(bea, "agent").get("/claims/" + bea + "?period=" + WEEK.label()).then().statusCode(200).extract().jsonPath();
        assertThat(week.getList("items.day", String.class)).containsExactly(WEEK.day(0).toString(), WEEK.day(1).toString(),
                WEEK.day(2).toString());
        assertThat(week.getList("items.calls", Integer.class)).containsExactly(0, 7, 2);
        assertThat(week.getList("items.version", Integer.class)).containsExactly(1, 2, 1);
        as(bea, "agent").get("/claims/" + bea + "?period=" + Week.weeksAgo(5).label()).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void a_report_that_cannot_be_true_is_refused_field_by_field() {
        String cy = Api.unique("cy");
        Map<String, Object> body = daily(-1, 2, 1, "8", "9", List.of(
                contact("ref:acme", "CALL", WEEK.at(2, "09:00")),
                contact("ref:acme", "ECHO", WEEK.at(1, "10:00")),
                contact("nobody", "CALL", WEEK.at(1, "11:00"))));
        JsonPath problem = as(cy, "agent").body(body).put("/claims/" + cy + "/" + WEEK.day(1))
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).contains("calls", "contacts[2].customerRef");

        // Once the shape is right, the rules about the day itself.
        body = daily(1, 0, 0, "8", "9", List.of(contact("ref:acme", "CALL", WEEK.at(2, "09:00")),
                contact("ref:acme", "ECHO", WEEK.at(1, "10:00"))));
        problem = as(cy, "agent").body(body).put("/claims/" + cy + "/" + WEEK.day(1))
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class))
                .containsExactly("overtimeHours", "contacts[0].at", "contacts[1].kind");
        assertThat(problem.getList("errors.message", String.class))
                .contains("cannot exceed hoursWorked", "must be on " + WEEK.day(1), "a claimed contact is a CALL, VISIT or MEETING");

        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        as(cy, "agent").body(daily(1, 0, 0, "8", "0", List.of())).put("/claims/" + cy + "/" + tomorrow)
                .then().statusCode(400).body("errors[0].field", equalTo("day"))
                .body("errors[0].message", equalTo("a report is about a day that has begun"));
        as(cy, "agent").body(daily(1, 0, 0, "25", "0", List.of())).put("/claims/" + cy + "/" + WEEK.day(1))
                .then().statusCode(400).body("errors.field", hasItems("hoursWorked"));
        as(cy, "agent").body(daily(1, 0, 0, "8", "0", List.of())).put("/claims/" + cy + "/2026-02-30")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("day")).body("errors[0].message", equalTo("must be a date such as 2026-11-23"));
        as(cy, "agent").body(daily(1, 0, 0, "8", "0", List.of())).put("/claims/not a person/" + WEEK.day(1))
                .then().statusCode(400).contentType("application/problem+json");
        as(cy, "agent").body("{\"calls\":1,\"visits\":0,\"meetings\":0,\"hoursWorked\":8,\"overtimeHours\":0,\"bonus\":1}")
                .put("/claims/" + cy + "/" + WEEK.day(1)).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("bonus"));
        as(cy, "agent").get("/claims/" + cy + "/" + WEEK.day(1)).then().statusCode(404).contentType("application/problem+json");
        as(cy, "agent").get("/claims/" + cy + "?period=last-week").then().statusCode(400)
                .body("errors[0].field", equalTo("period"));
    }
}
