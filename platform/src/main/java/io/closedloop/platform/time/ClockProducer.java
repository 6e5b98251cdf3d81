package io.closedloop.platform.time;

import java.time.Clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one source of "now" for domain rules, deadlines and timers. Tests replace it with a clock they move by hand,
 * so no test sleeps to see a deadline pass. It ticks in microseconds, PostgreSQL's precision, so an instant computed
 * in memory equals the same instant read back from the database (timers compare deadlines exactly).
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
    }
}
