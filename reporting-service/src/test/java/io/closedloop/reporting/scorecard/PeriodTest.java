package io.closedloop.reporting.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @ParameterizedTest
    @CsvSource({
            "2026-11-23, 2026-11-23, 2026-11-23",
            "2026-W48, 2026-11-23, 2026-11-29",
            "2026-W01, 2025-12-29, 2026-01-04",
            "2026-W53, 2026-12-28, 2027-01-03",
            "2026-11, 2026-11-01, 2026-11-30",
            "2028-02, 2028-02-01, 2028-02-29",
            "2026-Q4, 2026-10-01, 2026-12-31",
            "2026-Q1, 2026-01-01, 2026-03-31",
            "2026-11-01..2026-11-15, 2026-11-01, 2026-11-15"})
    void each_kind_of_period_covers_its_days_both_ends_included(String text, LocalDate from, LocalDate to) {
        Period period = Period.parse(text);

        assertThat(period.from()).isEqualTo(from);
        assertThat(period.to()).isEqualTo(to);
        assertThat(period.label()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-W53", "2026-W00", "2026-13", "2026-Q5", "2026-11-31", "yesterday", "2026-11-15..2026-11-01"})
    void what_is_not_a_period_is_refused_with_a_reason(String text) {
        assertThatThrownBy(() -> Period.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".+");
    }

    @org.junit.jupiter.api.Test
    void a_range_is_at_most_two_years_and_a_missing_period_says_what_to_give() {
        assertThatThrownBy(() -> Period.parse("2020-01-01..2026-01-01")).hasMessageContaining("two years");
        assertThatThrownBy(() -> Period.parse(" ")).hasMessageContaining("2026-W48");
    }

    @Test
    void week_53_exists_only_in_long_years() {
        assertThat(Period.parse("2020-W53").from()).isEqualTo(LocalDate.parse("2020-12-28"));
        assertThatThrownBy(() -> Period.parse("2025-W53")).hasMessageContaining("no week 53 in 2025");
    }
}
