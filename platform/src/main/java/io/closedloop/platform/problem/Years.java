package io.closedloop.platform.problem;

import java.time.Instant;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;

/**
 * The years a date or time may fall in: 1 to 9999. Java reads {@code +999999999-12-31T23:59:59Z}, PostgreSQL stores
 * years up to 294276 (timestamps) or 5874897 (dates), and arithmetic on such instants overflows: a value beyond the
 * range is a client's mistake, answered 400 naming the field, never a 500 from deep inside. Pure.
 */
public final class Years {

    public static final int FIRST = 1;
    public static final int LAST = 9999;

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant TOO_LATE = Instant.parse("+10000-01-01T00:00:00Z");

    private Years() {
    }

    public static boolean inRange(Temporal value) {
        if (value instanceof Instant instant) {
            return !instant.isBefore(EARLIEST) && instant.isBefore(TOO_LATE);
        }
        if (!value.isSupported(ChronoField.YEAR)) {
            return true;
        }
        int year = value.get(ChronoField.YEAR);
        return year >= FIRST && year <= LAST;
    }
}
