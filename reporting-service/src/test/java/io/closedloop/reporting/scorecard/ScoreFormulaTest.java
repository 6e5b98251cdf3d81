package io.closedloop.reporting.scorecard;

import static io.closedloop.reporting.scorecard.FiguresBuilder.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.closedloop.reporting.support.Defaults;
import org.junit.jupiter.api.Test;

class ScoreFormulaTest {

    @Test
    void the_score_is_the_weighted_sum_of_outcomes() {
        Figures f = person("ann").outcomes(2, 5, 3).loops(4, 2, 6, 1, 0).complaints(1, 1).escalations(1).build();

        // 2 won × 10 + 3 meetings held × 2 + 4 closed × 2 + 2 confirmed × 1 + 1 complaint × 3 + 1 first return × 2
        // + 1 late echo × -1 + 1 escalation × -2
        assertThat(ScoreFormula.score(f, Defaults.score())).isEqualTo(20 + 6 + 8 + 2 + 3 + 2 - 1 - 2);
    }

    @Test
    void claimed_effort_hours_and_overtime_earn_nothing() {
        Figures busy = person("bob").calls(200, 200).visits(40, 40).meetings(30, 30).hours("60", "20").build();

        assertThat(ScoreFormula.score(busy, Defaults.score())).isZero();
    }

    @Test
    void lost_leads_neither_add_nor_subtract() {
        Figures f = person("cat").outcomes(1, 9, 0).build();

        assertThat(ScoreFormula.score(f, Defaults.score())).isEqualTo(10);
        assertThat(f.conversion()).isEqualTo(0.1);
    }
}
