package io.closedloop.leads.people;

import static io.closedloop.leads.support.Api.admin;
import static io.closedloop.leads.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import io.closedloop.events.Topics;
import io.closedloop.leads.support.Api;
import io.closedloop.leads.support.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PeopleDirectoryTest {

    @Test
    void admins_create_teams_and_managers_edit_the_people_of_their_teams_only() {
        String paris = Api.unique("paris");
        String lyon = Api.unique("lyon");
        String max = Api.unique("max");
        Api.team(paris, max, Api.WEEKDAYS_9_TO_6);
        Api.team(lyon, "someone-else", Api.WEEKDAYS_9_TO_6);
        as(max, "manager").body("{\"name\":\"x\",\"timeZone\":\"UTC\",\"businessHours\":" + Api.WEEKDAYS_9_TO_6 + "}")
                .put("/teams/" + Api.unique("t")).then().statusCode(403);

        String ann = Api.unique("ann");
        as(max, "manager").body("""
                {"name":"Ann Agent","email":"ann@bank.example","roles":["AGENT"],"teamId":"%s","capacity":25,"active":true,
                 "territories":["paris","versailles"],"timeZone":"Europe/Paris",
                 "workingHours":{"MONDAY":[{"from":"08:00","to":"12:00"},{"from":"13:00","to":"17:00"}]}}""".formatted(paris))
                .put("/people/" + ann).then().statusCode(201)
                .body("teamId", equalTo(paris)).body("capacity", equalTo(25))
                .body("territories", contains("paris", "versailles"))
                .body("workingHours.MONDAY[1].from", equalTo("13:00"));
        as(max, "manager").body("{\"name\":\"Ann\",\"roles\":[\"AGENT\"],\"teamId\":\"" + lyon + "\",\"active\":true}")
                .put("/people/" + ann).then().statusCode(403);
        as(max, "manager").body("{\"name\":\"Zed\",\"roles\":[\"AGENT\"],\"teamId\":\"" + lyon + "\",\"active\":true}")
                .put("/people/" + Api.unique("zed")).then().statusCode(403);

        as(max, "manager").get("/people?teamId=" + paris).then().statusCode(200).body("items.id", contains(ann));
        List<EventLog.Event> events = EventLog.including(ann, "person.changed");
        assertThat(events.getFirst().data().path("managerId").asText()).isEqualTo(max);
        assertThat(events.getFirst().data().path("teamId").asText()).isEqualTo(paris);
        assertThat(EventLog.including(paris, "team.changed")).isNotEmpty();
        assertThat(Topics.LEADS).isEqualTo("leads.events");
    }

    @Test
    void a_person_or_team_that_does_not_add_up_is_refused_field_by_field() {
        admin().body("""
                {"name":"Ann","roles":["AGENT"],"teamId":"no-such-team","active":true,"timeZone":"Mars/Olympus",
                 "capacity":-1,"workingHours":{"MONDAY":[{"from":"17:00","to":"09:00"}]}}""")
                .put("/people/" + Api.unique("ann")).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("capacity"));
        admin().body("""
                {"name":"Ann","roles":["AGENT"],"teamId":"no-such-team","active":true,"timeZone":"Mars/Olympus",
                 "workingHours":{"MONDAY":[{"from":"17:00","to":"09:00"}]}}""")
                .put("/people/" + Api.unique("ann")).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("teamId", "timeZone", "workingHours"));
        admin().body("{\"name\":\"T\",\"timeZone\":\"Europe/Paris\",\"businessHours\":{\"FUNDAY\":[]}}")
                .put("/teams/" + Api.unique("t")).then().statusCode(400)
                .body("errors[0].field", equalTo("businessHours"));
        admin().body("{\"name\":\"T\",\"timeZone\":\"Europe/Paris\",\"businessHours\":{\"MONDAY\":[{\"from\":\"9am\",\"to\":\"17:00\"}]}}")
                .put("/teams/" + Api.unique("t")).then().statusCode(400);
    }

    @Test
    void a_referrer_sees_their_own_entry_and_nobody_else() {
        String bea = Api.unique("bea");
        Api.person(bea, null, "REFERRER", true, null, null);
        String ann = Api.unique("ann");
        Api.person(ann, null, "AGENT", true, null, null);
        as(bea, "referrer").get("/people/" + bea).then().statusCode(200).body("id", equalTo(bea));
        as(bea, "referrer").get("/people/" + ann).then().statusCode(404);
        as(bea, "referrer").get("/people").then().statusCode(200).body("items.id", contains(bea));
        as(bea, "referrer").get("/teams").then().statusCode(403);
    }
}
