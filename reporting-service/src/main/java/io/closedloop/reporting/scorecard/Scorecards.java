package io.closedloop.reporting.scorecard;

import io.closedloop.platform.export.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.agroal.api.AgroalDataSource;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.query.Directory;
import io.closedloop.reporting.query.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Scorecards, read from the per-person-per-day aggregates (never the raw evidence): claimed effort beside logged and
 * verified effort, outcomes as reported and as confirmed, the outcome score and the ranking by it, and the flags.
 */
@ApplicationScoped
public class Scorecards {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "PersonScorecard", description = "One person's figures, score, rank and flags over a period")
    public record PersonCard(Integer rank, String personId, String name, String teamId, double score, Figures figures,
                             List<Flag> flags) implements Table.Tabular {

        @Override
        public Table table() {
            return new Table("scorecard-" + personId, ScorecardTable.COLUMNS, List.of(ScorecardTable.row(this)));
        }
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "TeamScorecard", description = "A team's scorecard over a period, ranked by outcome score")
    public record TeamCard(String period, String from, String to, String teamId, int people, double medianScore,
                           List<PersonCard> ranking) implements Table.Tabular {

        @Override
        public Table table() {
            return new Table("scorecard-" + teamId + "-" + period, ScorecardTable.COLUMNS,
                    ranking.stream().map(ScorecardTable::row).toList());
        }
    }

    /** The counted columns of person_day a scorecard sums. */
    private static final List<String> SUMS = List.of("claimed_calls", "claimed_visits", "claimed_meetings",
            "claimed_contacts", "matched_contacts", "logged_calls", "logged_visits", "logged_meetings", "logged_echoes",
            "logged_outcomes", "verified_calls", "verified_visits", "verified_meetings", "verified_echoes",
            "verified_outcomes", "assigned", "acknowledged", "first_contacts", "meetings_held", "no_shows", "won",
            "won_confirmed", "lost", "sla_escalations", "loops_closed", "loops_confirmed", "echoes", "late_echoes",
            "loops_overdue", "complaints_resolved", "complaints_verified", "complaints_first_return", "satisfaction_sum",
            "satisfaction_count");

    private final AgroalDataSource dataSource;
    private final ReportingConfig config;
    private final ZoneId zone;

    Scorecards(AgroalDataSource dataSource, ReportingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.zone = ZoneId.of(config.timeZone());
    }

    /**
     * The team's agents (active ones, and anyone else with claims or outcomes in the period), ranked by outcome score;
     * ties by confirmed wins, then reported wins, then verified activity, then id.
     */
    public TeamCard team(String schema, String teamId, Period period) {
        List<Directory.Person> members = members(schema, teamId, period);
        List<Figures> figures = figures(schema, members, period);
        Map<String, Double> scores = new HashMap<>();
        figures.forEach(f -> scores.put(f.personId(), ScoreFormula.score(f, config.score())));
        Map<String, List<Flag>> flags = FlagRules.evaluate(figures, scores, period.label(), config.flags());
        List<Figures> ranked = new ArrayList<>(figures);
        ranked.sort(Comparator.comparingDouble((Figures f) -> scores.get(f.personId())).reversed()
                .thenComparing(Comparator.comparingLong(Figures::wonConfirmed).reversed())
                .thenComparing(Comparator.comparingLong(Figures::won).reversed())
                .thenComparing(Comparator.comparingLong(Scorecards::verifiedActivity).reversed())
                .thenComparing(Figures::personId));
        List<PersonCard> cards = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Figures f = ranked.get(i);
            cards.add(new PersonCard(i + 1, f.personId(), f.name(), f.teamId(), scores.get(f.personId()), f,
                    flags.getOrDefault(f.personId(), List.of())));
        }
        return new TeamCard(period.label(), period.from().toString(), period.to().toString(), teamId, cards.size(),
                FlagRules.median(new ArrayList<>(scores.values())), cards);
    }

    /**
     * One person's card, ranked and flagged within their team; without a rank ({@code null}) when they are not ranked
     * with it (no team, or neither an active agent nor active in the period).
     */
    public PersonCard person(String schema, String personId, Period period) {
        Directory.Person person = Sql.list(dataSource, "SELECT id, name, team_id, manager_id FROM " + schema + ".person WHERE id = ?",
                        rs -> new Directory.Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), personId)
                .stream().findFirst().orElse(new Directory.Person(personId, personId, null, null));
        if (person.teamId() != null) {
            TeamCard team = team(schema, person.teamId(), period);
            for (PersonCard card : team.ranking()) {
                if (card.personId().equals(personId)) {
                    return card;
                }
            }
        }
        Figures f = figures(schema, List.of(person), period).getFirst();
        double score = ScoreFormula.score(f, config.score());
        return new PersonCard(null, personId, person.name(), person.teamId(), score, f,
                FlagRules.evaluate(List.of(f), Map.of(personId, score), period.label(), config.flags()).get(personId));
    }

    private static long verifiedActivity(Figures f) {
        return f.calls().verified() + f.visits().verified() + f.meetings().verified();
    }

    private List<Directory.Person> members(String schema, String teamId, Period period) {
        return Sql.list(dataSource, "SELECT id, name, team_id, manager_id FROM " + schema + ".person p WHERE team_id = ? "
                        + "AND ((agent AND active) OR EXISTS (SELECT 1 FROM " + schema + ".person_day d "
                        + "WHERE d.person_id = p.id AND d.day BETWEEN ? AND ?)) ORDER BY id",
                rs -> new Directory.Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                teamId, period.from(), period.to());
    }

    List<Figures> figures(String schema, List<Directory.Person> people, Period period) {
        if (people.isEmpty()) {
            return List.of();
        }
        String[] ids = people.stream().map(Directory.Person::id).toArray(String[]::new);
        Instant from = Sql.startOf(period.from(), zone);
        Instant to = Sql.startOf(period.to().plusDays(1), zone);
        Map<String, Map<String, Long>> sums = new HashMap<>();
        Map<String, BigDecimal[]> hours = new HashMap<>();
        Sql.list(dataSource, "SELECT person_id, " + SUMS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "))
                        + ", sum(claimed_hours), sum(claimed_overtime) FROM " + schema + ".person_day "
                        + "WHERE person_id = ANY (?) AND day BETWEEN ? AND ? GROUP BY person_id",
                rs -> {
                    Map<String, Long> v = new HashMap<>();
                    for (int i = 0; i < SUMS.size(); i++) {
                        v.put(SUMS.get(i), rs.getLong(i + 2));
                    }
                    sums.put(rs.getString(1), v);
                    hours.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(SUMS.size() + 2), rs.getBigDecimal(SUMS.size() + 3)});
                    return null;
                }, ids, period.from(), period.to());
        Map<String, Double[]> acks = new HashMap<>();
        Sql.list(dataSource, "SELECT owner_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), "
                        + "percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FROM " + schema + ".ack_fact "
                        + "WHERE owner_id = ANY (?) AND acknowledged_at >= ? AND acknowledged_at < ? GROUP BY owner_id",
                rs -> acks.put(rs.getString(1), new Double[] {rs.getDouble(2), rs.getDouble(3)}), ids, from, to);
        Map<String, Double[]> firstContacts = new HashMap<>();
        Sql.list(dataSource, "SELECT first_contact_by, percentile_cont(0.5) WITHIN GROUP (ORDER BY first_contact_seconds), "
                        + "percentile_cont(0.9) WITHIN GROUP (ORDER BY first_contact_seconds) FROM " + schema + ".lead_fact "
                        + "WHERE first_contact_by = ANY (?) AND first_contact_at >= ? AND first_contact_at < ? "
                        + "AND first_contact_seconds IS NOT NULL GROUP BY first_contact_by",
                rs -> firstContacts.put(rs.getString(1), new Double[] {rs.getDouble(2), rs.getDouble(3)}), ids, from, to);
        Map<String, Map<String, BigDecimal>> values = new HashMap<>();
        Sql.list(dataSource, "SELECT person_id, currency, sum(amount) FROM " + schema + ".won_value "
                        + "WHERE person_id = ANY (?) AND day BETWEEN ? AND ? GROUP BY person_id, currency ORDER BY currency",
                rs -> values.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getBigDecimal(3)),
                ids, period.from(), period.to());
        List<Figures> figures = new ArrayList<>();
        for (Directory.Person p : people) {
            Map<String, Long> v = sums.getOrDefault(p.id(), Map.of());
            java.util.function.ToLongFunction<String> sum = column -> v.getOrDefault(column, 0L);
            BigDecimal[] h = hours.getOrDefault(p.id(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            Double[] ack = acks.get(p.id());
            Double[] first = firstContacts.get(p.id());
            long ratings = sum.applyAsLong("satisfaction_count");
            figures.add(new Figures(p.id(), p.name(), p.teamId(),
                    new Figures.Effort(sum.applyAsLong("claimed_calls"), sum.applyAsLong("logged_calls"), sum.applyAsLong("verified_calls")),
                    new Figures.Effort(sum.applyAsLong("claimed_visits"), sum.applyAsLong("logged_visits"), sum.applyAsLong("verified_visits")),
                    new Figures.Effort(sum.applyAsLong("claimed_meetings"), sum.applyAsLong("logged_meetings"),
                            sum.applyAsLong("verified_meetings")),
                    sum.applyAsLong("claimed_contacts"), sum.applyAsLong("matched_contacts"), h[0], h[1],
                    new Figures.Recorded(sum.applyAsLong("logged_echoes"), sum.applyAsLong("verified_echoes")),
                    new Figures.Recorded(sum.applyAsLong("logged_outcomes"), sum.applyAsLong("verified_outcomes")),
                    sum.applyAsLong("assigned"), sum.applyAsLong("acknowledged"),
                    ack == null ? null : ack[0], ack == null ? null : ack[1],
                    sum.applyAsLong("first_contacts"), first == null ? null : first[0], first == null ? null : first[1],
                    sum.applyAsLong("meetings_held"), sum.applyAsLong("no_shows"), sum.applyAsLong("won"),
                    sum.applyAsLong("won_confirmed"), sum.applyAsLong("lost"), values.getOrDefault(p.id(), Map.of()),
                    sum.applyAsLong("sla_escalations"), sum.applyAsLong("loops_closed"), sum.applyAsLong("loops_confirmed"),
                    sum.applyAsLong("echoes"), sum.applyAsLong("late_echoes"), sum.applyAsLong("loops_overdue"),
                    sum.applyAsLong("complaints_resolved"), sum.applyAsLong("complaints_verified"),
                    sum.applyAsLong("complaints_first_return"),
                    ratings == 0 ? null : Math.round(sum.applyAsLong("satisfaction_sum") * 100.0 / ratings) / 100.0, ratings));
        }
        return figures;
    }
}
