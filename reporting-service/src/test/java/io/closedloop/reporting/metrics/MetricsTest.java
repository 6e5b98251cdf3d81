package io.closedloop.reporting.metrics;

import static io.closedloop.reporting.support.Api.as;
import static io.closedloop.reporting.support.Reports.daily;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.support.Story;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The metrics Grafana reads, labelled by team, source, kind: bounded sets, never a customer or a lead. */
@QuarkusTest
class MetricsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    @Test
    void what_happens_to_leads_and_loops_shows_in_prometheus_metrics_per_team() {
        String s = UUID.randomUUID().toString().substring(0, 6);
        String team = "mx-team-" + s;
        String owner = "mx-owner-" + s;
        Instant now = Instant.now();
        Instant start = now.minus(Duration.ofHours(3));
        try (Story story = new Story()) {
            story.team(team, "mx-mgr-" + s, start.minus(Duration.ofDays(1)));
            story.person(owner, "Owner", team, "mx-mgr-" + s, start.minus(Duration.ofDays(1)));
            UUID open = UUID.randomUUID();
            story.received(open, LeadSource.PARTNER, null, "ref:mx-" + s, null, start);
            story.assigned(open, team, owner, start);
            story.escalated(open, owner, "mx-mgr-" + s, team, start.plus(Duration.ofMinutes(31)));
            UUID won = UUID.randomUUID();
            story.received(won, LeadSource.PARTNER, null, "ref:mx-" + s, null, start);
            story.assigned(won, team, owner, start);
            story.acknowledged(won, owner, team, start, start.plus(Duration.ofMinutes(12)));
            story.contact(won, owner, team, "ref:mx-" + s, ContactChannel.PHONE, true, true, start.plus(Duration.ofMinutes(20)));
            story.won(won, owner, team, "ref:mx-" + s, "4200", start.plus(Duration.ofHours(2)));
            UUID loop = story.loopOpened(LoopKind.INSTRUCTION, null, "mx-mgr-" + s, owner, start);
            story.echoed(loop, LoopKind.INSTRUCTION, null, "mx-mgr-" + s, owner, EchoKind.RECEIPT, EchoSource.PERSONAL, true,
                    start.plus(Duration.ofMinutes(40)));
            story.loopOverdue(loop, LoopKind.INSTRUCTION, null, "mx-mgr-" + s, owner, team, start.plus(Duration.ofHours(1)));
            // Open, neither overdue nor closed: counted for its team from the moment it opened (it was "none").
            story.loopOpened(LoopKind.REFERRAL, open, "mx-ref-" + s, owner, team, start.plus(Duration.ofMinutes(5)));
            story.awaitApplied(dataSource, readModel::live);
        }
        as(owner, "agent").body(daily(3, 0, 0, "8", "0", List.of())).put("/claims/" + owner + "/" + LocalDate.now(ZoneOffset.UTC))
                .then().statusCode(200);

        String t = "team=\"" + team + "\"";
        // The gauges are recomputed every second: wait for a refresh that saw the whole story.
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String m = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(line(m, "closedloop_leads_open{", t)).endsWith(" 1.0");
            assertThat(line(m, "closedloop_leads_overdue{", t)).endsWith(" 1.0");
            assertThat(line(m, "closedloop_loops_open{", t)).endsWith(" 2.0");
            assertThat(line(m, "closedloop_loops_overdue{", t)).endsWith(" 1.0");
            assertThat(line(m, "closedloop_verification_ratio{", t)).isNotEmpty();
            assertThat(line(m, "closedloop_flags_raised{", t)).isNotEmpty();
        });
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        // The team's lead timers exist for every source from the moment the team is known, at zero until observed.
        String partner = "source=\"PARTNER\"," + t;
        assertThat(line(metrics, "closedloop_lead_time_to_acknowledge_seconds_count{", partner)).endsWith(" 1.0");
        assertThat(line(metrics, "closedloop_lead_time_to_acknowledge_seconds_count{", "source=\"REFERRAL\"," + t)).endsWith(" 0.0");
        assertThat(line(metrics, "closedloop_lead_time_to_acknowledge_seconds_bucket{", partner)).contains("source=\"PARTNER\"");
        assertThat(line(metrics, "closedloop_lead_time_to_first_contact_seconds_count{", partner)).endsWith(" 1.0");
        assertThat(line(metrics, "closedloop_lead_time_to_first_contact_seconds_count{", "source=\"INBOUND\"," + t)).endsWith(" 0.0");
        // Both acknowledgment series exist from the moment the team is known; the story's one acknowledgment is in one.
        double withinSla = value(line(metrics, "closedloop_leads_acknowledged_total{", t + ",within_sla=\"true\""));
        double late = value(line(metrics, "closedloop_leads_acknowledged_total{", t + ",within_sla=\"false\""));
        assertThat(withinSla + late).isEqualTo(1.0);
        assertThat(line(metrics, "closedloop_lead_escalations_total{", t)).contains("clock=\"ACKNOWLEDGE\"").endsWith(" 1.0");
        assertThat(line(metrics, "closedloop_lead_won_value_total{", t)).contains("currency=\"EUR\"").endsWith(" 4200.0");
        assertThat(line(metrics, "closedloop_leads_won_total{", t)).endsWith(" 1.0");
        assertThat(metrics).contains("closedloop_loop_echo_latency_seconds_count{echo=\"RECEIPT\",kind=\"INSTRUCTION\"}");
        assertThat(metrics).contains("closedloop_loop_late_echoes_total{echo=\"RECEIPT\",kind=\"INSTRUCTION\"}");
        assertThat(metrics).contains("closedloop_leads_received_total{source=\"PARTNER\"}");
        assertThat(metrics).contains("closedloop_consumer_delay_seconds_count{consumer=\"reporting.lead-events\"}");
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max");
        // No label carries a customer reference or a lead id.
        assertThat(metrics).doesNotContain("ref:mx-" + s);
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String line(String metrics, String prefix, String label) {
        return metrics.lines().filter(l -> l.startsWith(prefix) && l.contains(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + "…" + label + "… in the metrics"));
    }
}
