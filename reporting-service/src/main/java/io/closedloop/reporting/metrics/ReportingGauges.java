package io.closedloop.reporting.metrics;

import io.closedloop.reporting.dashboard.FlagSnapshot;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.query.Sql;
import io.closedloop.reporting.scorecard.Flag;
import io.closedloop.reporting.scorecard.Period;
import io.closedloop.reporting.scorecard.Scorecards;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The state of things per team, refreshed from the read models every {@code closedloop.reporting.gauges-every}:
 * leads open, unassigned and overdue, loops open and overdue, the month's verification ratio, flags raised and outcome
 * scores, and what became of the referrals of the fifty most active referrers. Labels are team ids, flag kinds and
 * those referrers: bounded sets. Every replica computes the same values: dashboards take max(), not sum().
 */
@ApplicationScoped
public class ReportingGauges {

    private static final Logger LOG = Logger.getLogger(ReportingGauges.class);
    /** Referrers get a label each: only the most active, to keep the label set bounded. */
    private static final int TOP_REFERRERS = 50;

    private final AgroalDataSource dataSource;
    private final ReadModel readModel;
    private final Scorecards scorecards;
    private final FlagSnapshot flagSnapshot;
    private final Clock clock;
    private final ZoneId zone;
    private final MultiGauge leadsOpen;
    private final MultiGauge leadsOverdue;
    private final MultiGauge loopsOpen;
    private final MultiGauge loopsOverdue;
    private final MultiGauge verification;
    private final MultiGauge flagsRaised;
    private final MultiGauge unassigned;
    private final MultiGauge outcomeScore;
    private final MultiGauge referrals;

    ReportingGauges(AgroalDataSource dataSource, ReadModel readModel, Scorecards scorecards, FlagSnapshot flagSnapshot,
                    Clock clock, ReportingConfig config, MeterRegistry registry) {
        this.flagSnapshot = flagSnapshot;
        this.dataSource = dataSource;
        this.readModel = readModel;
        this.scorecards = scorecards;
        this.clock = clock;
        this.zone = ZoneId.of(config.timeZone());
        this.leadsOpen = MultiGauge.builder("closedloop.leads.open").description("Leads not yet won or lost").register(registry);
        this.leadsOverdue = MultiGauge.builder("closedloop.leads.overdue")
                .description("Open leads whose owner missed a deadline and has not caught up").register(registry);
        this.loopsOpen = MultiGauge.builder("closedloop.loops.open").description("Loops whose outcome has not reached the initiator")
                .register(registry);
        this.loopsOverdue = MultiGauge.builder("closedloop.loops.overdue").description("Open loops with a missed echo deadline")
                .register(registry);
        this.verification = MultiGauge.builder("closedloop.verification.ratio")
                .description("This month's verified over claimed calls, visits and meetings").register(registry);
        this.flagsRaised = MultiGauge.builder("closedloop.flags.raised")
                .description("Scorecard flags raised on this month's figures").register(registry);
        this.unassigned = MultiGauge.builder("closedloop.leads.unassigned")
                .description("Open leads waiting in a team's queue with no owner").register(registry);
        this.outcomeScore = MultiGauge.builder("closedloop.team.outcome.score")
                .description("This month's outcome scores of a team's members: their median and their total").register(registry);
        this.referrals = MultiGauge.builder("closedloop.referrer.referrals")
                .description("Referrals of the most active referrers, by what became of them (sent, closed, silent)")
                .register(registry);
    }

    @Scheduled(every = "${closedloop.reporting.gauges-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            String rm = readModel.live();
            leadsOpen.register(byTeam("SELECT coalesce(team_id, 'none'), count(*) FROM " + rm
                    + ".lead_fact WHERE status NOT IN ('WON', 'LOST') GROUP BY 1"), true);
            unassigned.register(byTeam("SELECT coalesce(team_id, 'none'), count(*) FROM " + rm
                    + ".lead_fact WHERE status NOT IN ('WON', 'LOST') AND owner_id IS NULL GROUP BY 1"), true);
            leadsOverdue.register(byTeam("SELECT coalesce(team_id, 'none'), count(*) FROM " + rm
                    + ".lead_fact WHERE status NOT IN ('WON', 'LOST') AND overdue GROUP BY 1"), true);
            loopsOpen.register(byTeam("SELECT coalesce(team_id, 'none'), count(*) FROM " + rm
                    + ".loop_fact WHERE closed_at IS NULL GROUP BY 1"), true);
            loopsOverdue.register(byTeam("SELECT coalesce(team_id, 'none'), count(*) FROM " + rm
                    + ".loop_fact WHERE closed_at IS NULL AND overdue > 0 GROUP BY 1"), true);
            YearMonth month = YearMonth.from(LocalDate.ofInstant(clock.instant(), zone));
            verification.register(Sql.list(dataSource, "SELECT coalesce(p.team_id, 'none'), "
                            + "sum(d.verified_calls + d.verified_visits + d.verified_meetings)::float8 / "
                            + "nullif(sum(d.claimed_calls + d.claimed_visits + d.claimed_meetings), 0) FROM " + rm + ".person_day d "
                            + "JOIN " + rm + ".person p ON p.id = d.person_id WHERE d.day BETWEEN ? AND ? GROUP BY 1",
                    rs -> MultiGauge.Row.of(Tags.of("team", rs.getString(1)), Sql.doubleOrNull(rs, 2) == null ? Double.NaN : rs.getDouble(2)),
                    month.atDay(1), month.atEndOfMonth()), true);
            referrals.register(Sql.list(dataSource, "SELECT initiator_id, count(*), count(closed_at), "
                            + "count(*) FILTER (WHERE closed_at IS NULL AND overdue > 0) FROM " + rm + ".loop_fact "
                            + "WHERE kind = 'REFERRAL' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP_REFERRERS,
                    rs -> List.<MultiGauge.Row<?>>of(
                            MultiGauge.Row.of(Tags.of("referrer", rs.getString(1), "state", "sent"), rs.getLong(2)),
                            MultiGauge.Row.of(Tags.of("referrer", rs.getString(1), "state", "closed"), rs.getLong(3)),
                            MultiGauge.Row.of(Tags.of("referrer", rs.getString(1), "state", "silent"), rs.getLong(4))))
                    .stream().flatMap(List::stream).toList(), true);
            List<MultiGauge.Row<?>> flags = new ArrayList<>();
            List<MultiGauge.Row<?>> scores = new ArrayList<>();
            Period period = Period.parse(month.toString());
            // The dashboards' people with flags: the last 30 days, so that the first days of a month, with little of
            // their own yet, still show who the evidence does not back.
            LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
            Period lastThirtyDays = Period.parse(today.minusDays(29) + ".." + today);
            for (String team : Sql.list(dataSource, "SELECT id FROM " + rm + ".team ORDER BY id", rs -> rs.getString(1))) {
                Map<Flag.Kind, Integer> counts = new EnumMap<>(Flag.Kind.class);
                for (Flag.Kind kind : Flag.Kind.values()) {
                    counts.put(kind, 0);
                }
                Scorecards.TeamCard card = scorecards.team(rm, team, period);
                Scorecards.TeamCard lately = scorecards.team(rm, team, lastThirtyDays);
                flagSnapshot.replace(team, lastThirtyDays.label(), lately.ranking().stream().flatMap(member -> member.flags().stream()
                        .map(f -> new FlagSnapshot.Raised(member.personId(), f.kind().name(), f.message(), f.numbers())))
                        .toList(), clock.instant());
                card.ranking().forEach(member -> member.flags().forEach(f -> counts.merge(f.kind(), 1, Integer::sum)));
                counts.forEach((kind, n) -> flags.add(MultiGauge.Row.of(Tags.of("team", team, "kind", kind.name()), n)));
                scores.add(MultiGauge.Row.of(Tags.of("team", team, "statistic", "median"), card.medianScore()));
                scores.add(MultiGauge.Row.of(Tags.of("team", team, "statistic", "total"),
                        card.ranking().stream().mapToDouble(Scorecards.PersonCard::score).sum()));
            }
            flagsRaised.register(flags, true);
            outcomeScore.register(scores, true);
        } catch (RuntimeException e) {
            LOG.warnf("Gauges not refreshed (they keep their last values): %s", e.getMessage());
        }
    }

    private List<MultiGauge.Row<?>> byTeam(String sql) {
        return Sql.list(dataSource, sql, rs -> MultiGauge.Row.of(Tags.of("team", rs.getString(1)), rs.getLong(2)));
    }
}
