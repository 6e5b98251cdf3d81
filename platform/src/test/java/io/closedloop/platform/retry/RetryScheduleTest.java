package io.closedloop.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1));

    @Test
    void waits_double_after_each_failure_with_at_most_a_quarter_more_of_jitter() {
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long base = 10_000L << (attempt - 1);
            Duration wait = schedule.after(attempt, random);
            assertThat(wait.toMillis()).isBetween(Math.min(base, 3_600_000), Math.min((long) (base * 1.25), 3_600_000));
        }
    }

    @Test
    void never_waits_longer_than_the_cap_even_after_many_failures() {
        assertThat(schedule.after(200, new Random(1))).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.after(30, new Random(1))).isLessThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitter_spreads_retries_of_the_same_attempt() {
        Random random = new Random(7);
        long a = schedule.after(3, random).toMillis();
        long b = schedule.after(3, random).toMillis();
        assertThat(a).isNotEqualTo(b);
    }
}
