package io.closedloop.feedback.complaint;

import static io.closedloop.feedback.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.closedloop.events.Topics;
import io.closedloop.feedback.support.Api;
import io.closedloop.feedback.support.LeadStory;
import io.closedloop.stack.testing.TestClock;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Complaints and satisfaction from the right side: the person whose work is judged neither rates it nor hands
 * complaints to others; a complaint is given to someone else only by their manager; first-return credit needs the
 * visit it is named after.
 */
@QuarkusTest
class WhoRecordsWhatTest {

    private final TestClock clock = TestClock.INSTANCE;
    private String ann;
    private String bob;
    private String max;
    private String team;
    private String customer;

    @BeforeEach
    void setUp() {
        clock.freezeAt(Instant.parse("2026-11-24T09:00:00Z"));
        ann = Api.unique("ann");
        bob = Api.unique("bob");
        max = Api.unique("max");
        team = Api.unique("service");
        customer = "ref:" + Api.unique("RYE");
        try (LeadStory story = new LeadStory()) {
            story.team(team, max, clock.instant().minus(Duration.ofDays(1)));
            story.person(ann, "Ann", team, max, clock.instant().minus(Duration.ofDays(1)));
            story.person(bob, "Bob", team, max, clock.instant().minus(Duration.ofDays(1)));
            story.manager(max, "Max", team, clock.instant().minus(Duration.ofDays(1)));
        }
        // The directory arrives by events, each person's on their own partition: wait until feedback-service knows
        // Max manages the team and Ann and Bob are in it (a rating named Bob before his event was consumed got 400).
        for (String agent : new String[] {ann, bob}) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> as(max, "manager")
                    .body(newComplaint(agent)).post("/complaints").statusCode() == 201);
        }
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void only_the_owners_manager_or_the_admin_gives_a_complaint_to_someone_else() {
        as(bob, "agent").body(newComplaint(ann)).post("/complaints").then().statusCode(403)
                .body("detail", equalTo("Only the owner's manager or the admin gives a complaint to someone else"));
        as(Api.unique("lou"), "manager").body(newComplaint(ann)).post("/complaints").then().statusCode(403);
        as(max, "manager").body(newComplaint(ann)).post("/complaints").then().statusCode(201)
                .body("ownerId", equalTo(ann)).body("openedBy", equalTo(max));
        as("root", "admin").body(newComplaint(ann)).post("/complaints").then().statusCode(201);
        as(ann, "agent").body(newComplaint(null)).post("/complaints").then().statusCode(201).body("ownerId", equalTo(ann));
    }

    @Test
    void the_owner_never_rates_their_complaint_and_a_resolution_without_a_visit_earns_no_first_return() {
        String id = as(ann, "agent").body(newComplaint(null)).post("/complaints").then().statusCode(201)
                .extract().path("id");
        String item = as(ann, "agent").get("/complaints/" + id).then().extract().path("items[0].id");
        as(ann, "agent").body("{\"action\":\"Replaced the part\",\"rootCause\":\"Faulty batch\"}")
                .post("/complaints/" + id + "/items/" + item + "/resolution").then().statusCode(200)
                .body("state", equalTo("RESOLVED"));

        as(ann, "agent").body("{\"score\":5}").post("/complaints/" + id + "/satisfaction").then().statusCode(403)
                .body("detail", startsWith("The person whose work is judged does not record"));
        as(max, "manager").body("{\"score\":5}").post("/complaints/" + id + "/satisfaction").then().statusCode(200)
                .body("state", equalTo("RESOLVED"));

        List<String> events = complaintEvents(id, "io.closedloop.complaint.resolved.v1", "io.closedloop.satisfaction.recorded.v1");
        assertThat(events.getFirst()).contains("\"resolvedOnFirstReturn\":false").contains("\"returnVisits\":0");
        assertThat(events.get(1)).contains("\"recordedBy\":\"" + max + "\"").contains("\"ownerId\":\"" + ann + "\"");
    }

    @Test
    void a_rating_after_any_interaction_is_about_someone_elses_work_or_nobodys() {
        as(ann, "agent").body("{\"score\":5,\"ownerId\":\"" + ann + "\"}").post("/contacts/" + customer + "/satisfaction")
                .then().statusCode(403).body("detail", equalTo("Nobody records the customer's satisfaction with their own work"));
        as(max, "manager").body("{\"score\":4,\"ownerId\":\"" + ann + "\"}").post("/contacts/" + customer + "/satisfaction")
                .then().statusCode(201).body("ownerId", equalTo(ann)).body("recordedBy", equalTo(max));
        as("survey-tool", "integrator").body("{\"score\":3,\"ownerId\":\"" + bob + "\"}")
                .post("/contacts/" + customer + "/satisfaction").then().statusCode(201).body("recordedBy", equalTo("survey-tool"));
        as(ann, "agent").body("{\"score\":2}").post("/contacts/" + customer + "/satisfaction").then().statusCode(201)
                .body("ownerId", org.hamcrest.Matchers.nullValue());
        as(max, "manager").body("{\"score\":4,\"ownerId\":\"nobody-such\"}").post("/contacts/" + customer + "/satisfaction")
                .then().statusCode(400).body("errors[0].field", equalTo("ownerId"));
    }

    private String newComplaint(String owner) {
        return "{\"customerRef\":\"" + customer + "\",\"customerName\":\"Rye & Sons\"," + (owner == null ? ""
                : "\"ownerId\":\"" + owner + "\",") + "\"items\":[{\"description\":\"Wrong part delivered\"}]}";
    }

    /** The data of the complaint's events of these types, in that order, once all are on the topic. */
    private static List<String> complaintEvents(String complaintId, String... types) {
        try (TopicReader reader = new TopicReader(TestRun.current().kafkaBootstrapServers(), TestRun.current().topic(Topics.FEEDBACK))) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(rs -> Set.of(types).stream()
                    .allMatch(type -> rs.stream().anyMatch(r -> matches(r, complaintId, type))), Duration.ofSeconds(30));
            return List.of(types).stream().map(type -> records.stream().filter(r -> matches(r, complaintId, type))
                    .map(TopicReader::value).findFirst().orElseThrow()).toList();
        }
    }

    private static boolean matches(ConsumerRecord<String, byte[]> r, String complaintId, String type) {
        return type.equals(TopicReader.header(r, "ce_type")) && TopicReader.value(r).contains(complaintId);
    }
}
