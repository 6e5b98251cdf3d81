package io.closedloop.reporting.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The day an instant falls on in a zone, as ISO text ({@code 2026-03-02}), for a reader of many instants mostly in the
 * order they happened: the last day is kept with the instants where it starts and ends, and only an instant outside it
 * is placed again. Not for several threads.
 */
final class DayText {

    private final ZoneId zone;
    private String text;
    private Instant starts;
    private Instant ends;

    DayText(ZoneId zone) {
        this.zone = zone;
    }

    String of(Instant at) {
        if (text == null || at.isBefore(starts) || !at.isBefore(ends)) {
            LocalDate day = LocalDate.ofInstant(at, zone);
            text = day.toString();
            // The day's first instant, also where midnight does not exist (a clock moved forward at 00:00).
            starts = day.atStartOfDay(zone).toInstant();
            ends = day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return text;
    }
}
