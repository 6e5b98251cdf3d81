package io.closedloop.stack.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move by hand: it follows the system clock (in microseconds, like the services' own) until a test
 * freezes it, then moves only when advanced. Services under test use it through a producer in their test sources,
 * so no test sleeps to see a deadline pass.
 */
public final class TestClock extends Clock {

    public static final TestClock INSTANCE = new TestClock();

    private volatile Instant frozen;
    private volatile Duration offset = Duration.ZERO;

    private TestClock() {
    }

    /** Stops the clock at {@code instant}; it moves only through {@link #advance}. */
    public void freezeAt(Instant instant) {
        frozen = instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Stops the clock now. */
    public Instant freeze() {
        freezeAt(instant());
        return frozen;
    }

    public void advance(Duration duration) {
        if (frozen != null) {
            frozen = frozen.plus(duration);
        } else {
            offset = offset.plus(duration);
        }
    }

    /** Back to following the system clock. */
    public void reset() {
        frozen = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant f = frozen;
        return f != null ? f : Instant.now().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The test clock is UTC");
    }
}
