package io.closedloop.reporting.client;

import static io.closedloop.reporting.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.LeadStatus;
import io.closedloop.events.lead.UrgencyClaim;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.support.Api;
import io.closedloop.reporting.support.Story;
import io.closedloop.reporting.support.Week;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** "Tomorrow, or never": what followed each urgency a client claimed. */
@QuarkusTest
class UrgencyTest {

    private static final Week WEEK = Week.weeksAgo(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    @Test
    void each_urgency_claimed_is_judged_by_what_followed() {
        String client = "ref:" + Api.unique("hurry");
        String owner = Api.unique("owner");
        UUID kept = UUID.randomUUID();
        UUID noShow = UUID.randomUUID();
        UUID silent = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        try (Story story = new Story()) {
            story.received(kept, LeadSource.INBOUND, null, client, new UrgencyClaim("Tomorrow, or never", WEEK.at(1, "09:00")), WEEK.at(0, "09:00"));
            UUID m1 = story.meetingScheduled(kept, owner, client, WEEK.at(1, "09:00"));
            story.meetingHeld(kept, m1, owner, client, true, WEEK.at(1, "09:00"));
            story.received(noShow, LeadSource.INBOUND, null, client, new UrgencyClaim("Need it this week", null), WEEK.at(1, "09:00"));
            UUID m2 = story.meetingScheduled(noShow, owner, client, WEEK.at(2, "09:00"));
            story.noShow(noShow, m2, owner, client, WEEK.at(2, "09:00"));
            story.received(silent, LeadSource.INBOUND, null, client, new UrgencyClaim("Urgent!", null), WEEK.at(2, "09:00"));
            story.lost(silent, owner, null, client, "never answered again", WEEK.at(4, "09:00"));
            story.received(pending, LeadSource.INBOUND, null, client, new UrgencyClaim("Call me today", null), WEEK.at(4, "09:00"));
            // Every status the lead passes through reaches reporting, not only the first and the last.
            story.statusChanged(pending, LeadStatus.NEW, LeadStatus.ASSIGNED, owner, "system", WEEK.at(4, "09:01"));
            story.statusChanged(pending, LeadStatus.ASSIGNED, LeadStatus.ACKNOWLEDGED, owner, owner, WEEK.at(4, "09:05"));
            story.statusChanged(pending, LeadStatus.ACKNOWLEDGED, LeadStatus.CONTACTED, owner, owner, WEEK.at(4, "09:30"));
            story.received(UUID.randomUUID(), LeadSource.INBOUND, null, client, null, WEEK.at(4, "10:00"));
            story.awaitApplied(dataSource, readModel::live);
        }

        JsonPath report = as(owner, "agent").get("/clients/" + client + "/urgency").then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("urgencyClaims")).isEqualTo(4);
        assertThat(report.getList("claims.verdict", String.class)).containsExactly("KEPT", "NO_SHOW", "SILENT", "PENDING");
        assertThat(report.getList("claims.statement", String.class))
                .containsExactly("Tomorrow, or never", "Need it this week", "Urgent!", "Call me today");
        assertThat(report.getList("claims.status", String.class)).containsExactly("NEW", "NEW", "LOST", "CONTACTED");
        assertThat(report.getFloat("reliability")).isEqualTo(0.333f);
        assertThat(report.getInt("kept")).isEqualTo(1);
        assertThat(report.getInt("noShow")).isEqualTo(1);
        assertThat(report.getInt("silent")).isEqualTo(1);
        assertThat(report.getInt("pending")).isEqualTo(1);

        JsonPath unknown = as(owner, "agent").get("/clients/ref:nobody-" + owner + "/urgency").then().statusCode(200).extract().jsonPath();
        assertThat(unknown.getInt("urgencyClaims")).isZero();
        assertThat(unknown.getString("reliability")).isNull();
        as(owner, "agent").get("/clients/not-a-ref/urgency").then().statusCode(400).contentType("application/problem+json");
    }
}
