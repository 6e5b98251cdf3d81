package io.closedloop.reporting.scorecard;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.closedloop.reporting.ReportingConfig;

/**
 * Raises the flags of a scorecard, each explaining itself with its numbers. Pure.
 * <ul>
 *   <li><b>Inflated claims</b>: for calls, visits or meetings, verified / claimed below {@code inflated-below} with at
 *       least {@code inflated-min-claimed} claimed.</li>
 *   <li><b>Effort without results</b>: claimed hours at least {@code effort-hours-above} × the team median, some
 *       overtime, and an outcome score below the team median and at most {@code effort-score-below} × it (teams of
 *       three or more: where nobody achieved anything, nobody is singled out).</li>
 *   <li><b>Slow receipt</b>: a median time to acknowledge above {@code slow-receipt-above} over at least
 *       {@code slow-receipt-min-count} acknowledgments.</li>
 *   <li><b>Silent loops</b>: at least {@code silent-overdue} missed echo deadlines, or at least
 *       {@code silent-late-share} of {@code silent-min-echoes} or more echoes late.</li>
 * </ul>
 */
public final class FlagRules {

    private FlagRules() {
    }

    /** The flags of each person of a scorecard; {@code scores} by person id, {@code period} for the links. */
    public static Map<String, List<Flag>> evaluate(List<Figures> people, Map<String, Double> scores, String period,
                                                  ReportingConfig.Flags config) {
        double medianHours = median(people.stream().map(f -> f.claimedHours().doubleValue()).toList());
        double medianScore = median(people.stream().map(f -> scores.getOrDefault(f.personId(), 0.0)).toList());
        Map<String, List<Flag>> flags = new LinkedHashMap<>();
        for (Figures f : people) {
            List<Flag> raised = new ArrayList<>();
            inflated(f, "calls", f.calls(), period, config).ifPresent(raised::add);
            inflated(f, "visits", f.visits(), period, config).ifPresent(raised::add);
            inflated(f, "meetings", f.meetings(), period, config).ifPresent(raised::add);
            double score = scores.getOrDefault(f.personId(), 0.0);
            double hours = f.claimedHours().doubleValue();
            if (people.size() >= 3 && medianHours > 0 && hours >= config.effortHoursAbove() * medianHours
                    && f.claimedOvertime().compareTo(BigDecimal.ZERO) > 0
                    && score < medianScore && score <= config.effortScoreBelow() * medianScore) {
                raised.add(new Flag(Flag.Kind.EFFORT_WITHOUT_RESULTS, String.format(java.util.Locale.ROOT,
                        "%s hours claimed (%s of them overtime) against a team median of %s, for an outcome score of "
                                + "%s against a team median of %s", plain(hours), plain(f.claimedOvertime().doubleValue()),
                        plain(medianHours), plain(score), plain(medianScore)),
                        numbers("claimedHours", hours, "claimedOvertime", f.claimedOvertime(), "teamMedianHours", medianHours,
                                "score", score, "teamMedianScore", medianScore),
                        List.of("/claims/" + f.personId() + "?period=" + period, "/scorecards/" + f.personId() + "?period=" + period)));
            }
            if (f.ackMedianSeconds() != null && f.acknowledged() >= config.slowReceiptMinCount()
                    && f.ackMedianSeconds() > config.slowReceiptAbove().toSeconds()) {
                raised.add(new Flag(Flag.Kind.SLOW_RECEIPT, String.format(java.util.Locale.ROOT,
                        "Median time to acknowledge a lead %s over %d acknowledgments (limit %s)",
                        human(f.ackMedianSeconds()), f.acknowledged(), human((double) config.slowReceiptAbove().toSeconds())),
                        numbers("ackMedianSeconds", f.ackMedianSeconds(), "acknowledged", f.acknowledged(),
                                "limitSeconds", config.slowReceiptAbove().toSeconds()),
                        List.of("/scorecards/" + f.personId() + "?period=" + period)));
            }
            boolean manyOverdue = f.loopsOverdue() >= config.silentOverdue();
            boolean mostlyLate = f.echoes() >= config.silentMinEchoes()
                    && f.lateEchoes() >= config.silentLateShare() * f.echoes();
            if (manyOverdue || mostlyLate) {
                raised.add(new Flag(Flag.Kind.SILENT_LOOPS, String.format(java.util.Locale.ROOT,
                        "%d echo deadline(s) missed; %d of %d echoes late", f.loopsOverdue(), f.lateEchoes(), f.echoes()),
                        numbers("loopsOverdue", f.loopsOverdue(), "lateEchoes", f.lateEchoes(), "echoes", f.echoes()),
                        List.of("/scorecards/" + f.personId() + "?period=" + period)));
            }
            flags.put(f.personId(), raised);
        }
        return flags;
    }

    private static java.util.Optional<Flag> inflated(Figures f, String what, Figures.Effort effort, String period,
                                                     ReportingConfig.Flags config) {
        if (effort.claimed() < config.inflatedMinClaimed() || effort.ratio() >= config.inflatedBelow()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Flag(Flag.Kind.INFLATED_CLAIMS, String.format(java.util.Locale.ROOT,
                "%d %s claimed, %d verified (%.0f%%, below %.0f%%)", effort.claimed(), what, effort.verified(),
                effort.ratio() * 100, config.inflatedBelow() * 100),
                numbers("activity", what, "claimed", effort.claimed(), "verified", effort.verified(), "ratio", effort.ratio(),
                        "threshold", config.inflatedBelow()),
                List.of("/discrepancies?period=" + period + "&personId=" + f.personId(),
                        "/claims/" + f.personId() + "?period=" + period)));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, Object> numbers(Object... pairs) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            numbers.put((String) pairs[i], pairs[i + 1]);
        }
        return numbers;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static String human(Double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min";
    }
}
