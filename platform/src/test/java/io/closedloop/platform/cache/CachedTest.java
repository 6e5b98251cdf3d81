package io.closedloop.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CachedTest {

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T09:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_value_is_loaded_once_until_forgotten_or_too_old() {
        MovableClock clock = new MovableClock();
        Cached<String, Integer> cache = new Cached<>(Duration.ofSeconds(60), clock);
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get("a", k -> loads.incrementAndGet())).isEqualTo(1);
        assertThat(cache.get("a", k -> loads.incrementAndGet())).as("kept").isEqualTo(1);
        cache.forget();
        assertThat(cache.get("a", k -> loads.incrementAndGet())).as("forgotten: loaded again").isEqualTo(2);
        clock.now = clock.now.plusSeconds(61);
        assertThat(cache.get("a", k -> loads.incrementAndGet())).as("too old: loaded again").isEqualTo(3);
    }

    @Test
    void a_value_loaded_while_the_data_changed_is_not_kept() {
        Cached<String, String> cache = new Cached<>(Duration.ofSeconds(60), new MovableClock());
        String stale = cache.get("a", k -> {
            cache.forget(); // the change lands while the old value is being read
            return "old";
        });
        assertThat(stale).isEqualTo("old");
        assertThat(cache.get("a", k -> "new")).isEqualTo("new");
        assertThat(cache.size()).isEqualTo(1);
    }
}
