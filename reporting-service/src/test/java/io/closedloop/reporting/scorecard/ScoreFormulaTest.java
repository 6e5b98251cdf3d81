package io.closedloop.reporting.scorecard;

import static io.closedloop.reporting.scorecard.FiguresBuilder.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.closedloop.reporting.support.Defaults;
import org.junit.jupiter.api.Test;

class ScoreFormulaTest {

    @Test
    void the_score_is_the_weighted_sum_of_confirmed_outcomes() {
        Figures f = person("ann").achieved(2, 5, 3).loops(4, 2, 6, 1, 0).complaints(2, 1, 1).escalations(1).build();

        // 2 confirmed wins × 10 + 3 verified meetings × 2 + 4 closed × 2 + 2 confirmed × 1 + 1 verified complaint × 3
        // + 1 first return × 2 + 1 late echo × -1 + 1 escalation × -2 (the unverified complaint earns nothing)
        assertThat(ScoreFormula.score(f, Defaults.score())).isEqualTo(20 + 6 + 8 + 2 + 3 + 2 - 1 - 2);
    }

    @Test
    void what_only_the_person_reported_earns_nothing_by_default() {
        Figures f = person("dan").reported(3, 4).calls(20, 20, 0).meetings(4, 4, 0).complaints(5, 0, 0).build();

        assertThat(ScoreFormula.score(f, Defaults.score())).isZero();
        assertThat(f.won()).isEqualTo(3);
        assertThat(f.wonConfirmed()).isZero();
    }

    @Test
    void a_reported_win_earns_its_own_weight_when_one_is_configured() {
        Figures f = person("eve").reported(2, 0).achieved(1, 0, 0).build();

        assertThat(ScoreFormula.score(f, Defaults.score(4))).isEqualTo(10 + 2 * 4);
    }

    @Test
    void claimed_effort_hours_and_overtime_earn_nothing() {
        Figures busy = person("bob").calls(200, 200).visits(40, 40).meetings(30, 0).hours("60", "20").build();

        assertThat(ScoreFormula.score(busy, Defaults.score())).isZero();
    }

    @Test
    void lost_leads_neither_add_nor_subtract() {
        Figures f = person("cat").achieved(1, 9, 0).build();

        assertThat(ScoreFormula.score(f, Defaults.score())).isEqualTo(10);
        assertThat(f.conversion()).isEqualTo(0.1);
    }
}
