package io.closedloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void the_median_of_an_odd_count_is_its_middle_value() {
        assertThat(Stats.median(List.of(150, 74, 136))).isEqualTo(136.0);
    }

    @Test
    void the_median_of_an_even_count_is_the_mean_of_its_two_middle_values() {
        assertThat(Stats.median(List.of(153.0, 83.0))).isEqualTo(118.0);
        assertThat(Stats.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
    }

    @Test
    void percentiles_take_the_nearest_rank() {
        List<Integer> hundred = java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList();
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99.0);
        assertThat(Stats.percentile(hundred, 50)).isEqualTo(50.0);
        assertThat(Stats.percentile(List.of(7), 99)).isEqualTo(7.0);
    }

    @Test
    void nothing_measured_has_no_median() {
        assertThat(Stats.median(List.of())).isNaN();
    }
}
