package io.closedloop.reporting.scorecard;

import static io.closedloop.reporting.scorecard.FiguresBuilder.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.closedloop.reporting.support.Defaults;
import org.junit.jupiter.api.Test;

class FlagRulesTest {

    private static Map<String, List<Flag>> evaluate(Figures... people) {
        Map<String, Double> scores = new HashMap<>();
        for (Figures f : people) {
            scores.put(f.personId(), ScoreFormula.score(f, Defaults.score()));
        }
        return FlagRules.evaluate(List.of(people), scores, "2026-W47", Defaults.flags());
    }

    private static List<Flag.Kind> kinds(List<Flag> flags) {
        return flags.stream().map(Flag::kind).toList();
    }

    @Test
    void inflated_calls_are_flagged_with_claimed_verified_ratio_and_threshold() {
        Flag flag = evaluate(person("ann").calls(40, 12).build()).get("ann").getFirst();

        assertThat(flag.kind()).isEqualTo(Flag.Kind.INFLATED_CLAIMS);
        assertThat(flag.message()).isEqualTo("40 calls claimed, 12 verified (30%, below 60%)");
        assertThat(flag.numbers()).containsEntry("activity", "calls").containsEntry("claimed", 40L)
                .containsEntry("verified", 12L).containsEntry("ratio", 0.3).containsEntry("threshold", 0.6);
        assertThat(flag.links()).containsExactly("/discrepancies?period=2026-W47&personId=ann", "/claims/ann?period=2026-W47");
    }

    @Test
    void each_inflated_activity_is_a_flag_of_its_own() {
        List<Flag> flags = evaluate(person("ann").calls(40, 10).visits(12, 2).meetings(10, 9).build()).get("ann");

        assertThat(flags).extracting(f -> f.numbers().get("activity")).containsExactly("calls", "visits");
    }

    @Test
    void too_few_claims_or_a_ratio_at_the_threshold_raise_nothing() {
        assertThat(evaluate(person("few").calls(9, 0).build()).get("few")).isEmpty();
        assertThat(evaluate(person("fair").calls(10, 6).build()).get("fair")).isEmpty();
        assertThat(kinds(evaluate(person("just-under").calls(10, 5).build()).get("just-under")))
                .containsExactly(Flag.Kind.INFLATED_CLAIMS);
    }

    @Test
    void long_hours_with_overtime_and_weak_outcomes_against_the_team_is_effort_without_results() {
        Map<String, List<Flag>> flags = evaluate(
                person("grinder").hours("55", "15").achieved(0, 3, 1).build(),
                person("steady-1").hours("40", "0").achieved(2, 1, 3).build(),
                person("steady-2").hours("40", "0").achieved(1, 1, 2).build());

        Flag flag = flags.get("grinder").getFirst();
        assertThat(flag.kind()).isEqualTo(Flag.Kind.EFFORT_WITHOUT_RESULTS);
        assertThat(flag.numbers()).containsEntry("claimedHours", 55.0).containsEntry("teamMedianHours", 40.0)
                .containsEntry("score", 2.0).containsEntry("teamMedianScore", 14.0);
        assertThat(flag.message()).isEqualTo(
                "55 hours claimed (15 of them overtime) against a team median of 40, for an outcome score of 2 against a team median of 14");
        assertThat(flags.get("steady-1")).isEmpty();
        assertThat(flags.get("steady-2")).isEmpty();
    }

    @Test
    void long_hours_without_overtime_or_with_results_or_in_a_tiny_team_are_not_flagged() {
        assertThat(evaluate(person("no-overtime").hours("55", "0").build(),
                person("b").hours("40", "0").achieved(2, 0, 0).build(),
                person("c").hours("40", "0").achieved(2, 0, 0).build()).get("no-overtime")).isEmpty();
        assertThat(evaluate(person("achiever").hours("55", "10").achieved(3, 0, 0).build(),
                person("b").hours("40", "0").achieved(2, 0, 0).build(),
                person("c").hours("40", "0").achieved(2, 0, 0).build()).get("achiever")).isEmpty();
        assertThat(evaluate(person("pair-1").hours("55", "10").build(),
                person("pair-2").hours("40", "0").achieved(2, 0, 0).build()).get("pair-1")).isEmpty();
    }

    @Test
    void where_nobody_achieved_anything_nobody_is_singled_out_for_long_hours() {
        Map<String, List<Flag>> flags = evaluate(
                person("long").hours("55", "15").build(),
                person("b").hours("40", "0").build(),
                person("c").hours("40", "0").build());

        assertThat(flags.get("long")).isEmpty();
    }

    @Test
    void slow_receipt_needs_a_slow_median_over_enough_acknowledgments() {
        Flag flag = evaluate(person("slow").acks(5, 5_400).build()).get("slow").getFirst();
        assertThat(flag.kind()).isEqualTo(Flag.Kind.SLOW_RECEIPT);
        assertThat(flag.message()).isEqualTo("Median time to acknowledge a lead 1 h 30 min over 5 acknowledgments (limit 30 min)");
        assertThat(flag.numbers()).containsEntry("ackMedianSeconds", 5_400.0).containsEntry("limitSeconds", 1_800L);

        assertThat(evaluate(person("rare").acks(2, 9_000).build()).get("rare")).isEmpty();
        assertThat(evaluate(person("quick").acks(9, 1_800).build()).get("quick")).isEmpty();
    }

    @Test
    void missed_echo_deadlines_or_mostly_late_echoes_are_silent_loops() {
        Flag overdue = evaluate(person("mute").loops(0, 0, 1, 0, 2).build()).get("mute").getFirst();
        assertThat(overdue.kind()).isEqualTo(Flag.Kind.SILENT_LOOPS);
        assertThat(overdue.message()).isEqualTo("2 echo deadline(s) missed; 0 of 1 echoes late");

        assertThat(kinds(evaluate(person("late").loops(0, 0, 4, 2, 0).build()).get("late")))
                .containsExactly(Flag.Kind.SILENT_LOOPS);
        assertThat(evaluate(person("few-late").loops(0, 0, 3, 3, 1).build()).get("few-late")).isEmpty();
        assertThat(evaluate(person("punctual").loops(0, 0, 8, 3, 1).build()).get("punctual")).isEmpty();
    }

    @Test
    void medians_of_odd_and_even_counts() {
        assertThat(FlagRules.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(FlagRules.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(FlagRules.median(List.of())).isZero();
    }
}
