package io.closedloop.reporting.referrer;

import static io.closedloop.reporting.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.Money;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.support.Api;
import io.closedloop.reporting.support.Story;
import io.closedloop.reporting.support.Week;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What became of a referrer's referrals: sent, acknowledged and how fast, echoed, closed, confirmed, won, silent. */
@QuarkusTest
class ReferrerReportTest {

    private static final Week WEEK = Week.weeksAgo(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    @Test
    void every_referral_is_followed_to_its_end_and_the_silent_ones_are_named() {
        String referrer = Api.unique("notary");
        String owner = Api.unique("owner");
        UUID won = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        UUID silent = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        UUID silentLoop;
        try (Story story = new Story()) {
            LeadReceived wonReferral = new LeadReceived(won, LeadSource.REFERRAL, referrer, "ref:one", "One", null, "Loan",
                    new Money(new BigDecimal("1000"), "EUR"), null, null, null, "desk", WEEK.at(0, "09:00"));
            String id = story.publish(EventCatalog.LEAD_RECEIVED, won.toString(), wonReferral);
            story.redeliver(EventCatalog.LEAD_RECEIVED, won.toString(), id, wonReferral);
            story.received(lost, LeadSource.REFERRAL, referrer, "ref:two", null, WEEK.at(0, "10:00"));
            story.received(silent, LeadSource.REFERRAL, referrer, "ref:three", null, WEEK.at(0, "11:00"));
            story.received(waiting, LeadSource.REFERRAL, referrer, "ref:four", null, WEEK.at(4, "11:00"));
            story.received(UUID.randomUUID(), LeadSource.INBOUND, null, "ref:five", null, WEEK.at(0, "12:00"));

            story.assigned(won, null, owner, WEEK.at(0, "09:00"));
            story.acknowledged(won, owner, null, WEEK.at(0, "09:00"), WEEK.at(0, "09:10"));
            story.assigned(lost, null, owner, WEEK.at(0, "10:00"));
            story.acknowledged(lost, owner, null, WEEK.at(0, "10:00"), WEEK.at(0, "10:30"));
            story.assigned(silent, null, owner, WEEK.at(0, "11:00"));
            story.acknowledged(silent, owner, null, WEEK.at(0, "11:00"), WEEK.at(0, "11:20"));
            story.won(won, owner, null, "ref:one", "1000", WEEK.at(3, "10:00"));
            story.lost(lost, owner, null, "ref:two", "no budget", WEEK.at(3, "11:00"));

            UUID wonLoop = story.loopOpened(LoopKind.REFERRAL, won, referrer, owner, WEEK.at(0, "09:00"));
            story.echoed(wonLoop, LoopKind.REFERRAL, won, referrer, owner, EchoKind.RECEIPT, EchoSource.AUTOMATIC, false, WEEK.at(0, "09:10"));
            story.echoed(wonLoop, LoopKind.REFERRAL, won, referrer, owner, EchoKind.OUTCOME, EchoSource.PERSONAL, false, WEEK.at(3, "10:05"));
            story.loopClosed(wonLoop, LoopKind.REFERRAL, won, referrer, owner, null, WEEK.at(0, "09:00"), WEEK.at(3, "10:05"));
            story.loopConfirmed(wonLoop, LoopKind.REFERRAL, won, referrer, owner, WEEK.at(3, "18:00"));
            UUID lostLoop = story.loopOpened(LoopKind.REFERRAL, lost, referrer, owner, WEEK.at(0, "10:00"));
            story.echoed(lostLoop, LoopKind.REFERRAL, lost, referrer, owner, EchoKind.OUTCOME, EchoSource.AUTOMATIC, true, WEEK.at(3, "11:00"));
            story.loopClosed(lostLoop, LoopKind.REFERRAL, lost, referrer, owner, null, WEEK.at(0, "10:00"), WEEK.at(3, "11:00"));
            silentLoop = story.loopOpened(LoopKind.REFERRAL, silent, referrer, owner, WEEK.at(0, "11:00"));
            story.loopOverdue(silentLoop, LoopKind.REFERRAL, silent, referrer, owner, null, WEEK.at(1, "11:00"));
            story.loopOverdue(silentLoop, LoopKind.REFERRAL, silent, referrer, owner, null, WEEK.at(2, "11:00"));
            story.loopOpened(LoopKind.REFERRAL, waiting, referrer, owner, WEEK.at(4, "11:00"));
            story.awaitApplied(dataSource, readModel::live);
        }

        JsonPath report = as(referrer, "referrer").get("/referrers/" + referrer + "/report").then().statusCode(200)
                .extract().jsonPath();

        assertThat(report.getInt("referralsSent")).isEqualTo(4);
        assertThat(report.getInt("acknowledged")).isEqualTo(3);
        // From arrival to acknowledgment: 10, 30 and 20 minutes.
        assertThat(report.getDouble("medianSecondsToAcknowledge")).isEqualTo(Duration.ofMinutes(20).toSeconds());
        assertThat(report.getInt("echoed")).isEqualTo(2);
        assertThat(report.getInt("closed")).isEqualTo(2);
        assertThat(report.getInt("confirmed")).isEqualTo(1);
        assertThat(report.getInt("won")).isEqualTo(1);
        assertThat(report.getInt("lost")).isEqualTo(1);
        assertThat(report.getInt("open")).isEqualTo(2);
        assertThat(report.getInt("leftSilent")).isEqualTo(1);
        assertThat(report.getString("silent[0].leadId")).isEqualTo(silent.toString());
        assertThat(report.getString("silent[0].loopId")).isEqualTo(silentLoop.toString());
        assertThat(report.getInt("silent[0].missedDeadlines")).isEqualTo(2);
        assertThat(report.getString("silent[0].referredAt")).isEqualTo(WEEK.at(0, "11:00").toString());

        JsonPath nobody = as("r-" + referrer, "referrer").get("/referrers/r-" + referrer + "/report").then().statusCode(200)
                .extract().jsonPath();
        assertThat(nobody.getInt("referralsSent")).isZero();
        assertThat(nobody.getString("medianSecondsToAcknowledge")).isNull();

        // As CSV, for a branch head: a row per referral left silent, each with the referrer's totals.
        String csv = new String(as(referrer, "referrer").accept("text/csv").get("/referrers/" + referrer + "/report")
                .then().statusCode(200).extract().asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(io.closedloop.reporting.support.CsvRows.read(csv)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("referrerId", referrer).containsEntry("referralsSent", "4").containsEntry("leftSilent", "1")
                .containsEntry("medianSecondsToAcknowledge", "1200.0").containsEntry("silentLeadId", silent.toString())
                .containsEntry("silentMissedDeadlines", "2").containsEntry("silentReferredAt", WEEK.at(0, "11:00").toString()));
        String none = new String(as("r-" + referrer, "referrer").accept("text/csv").get("/referrers/r-" + referrer + "/report")
                .then().statusCode(200).extract().asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(io.closedloop.reporting.support.CsvRows.read(none)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("referralsSent", "0").containsEntry("medianSecondsToAcknowledge", "").containsEntry("silentLeadId", ""));
    }
}
