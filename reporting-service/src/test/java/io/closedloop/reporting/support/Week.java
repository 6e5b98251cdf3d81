package io.closedloop.reporting.support;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/** A past ISO week tests tell their stories in: days that have begun, whatever day the tests run on. */
public record Week(LocalDate monday) {

    public static Week weeksAgo(int weeks) {
        return new Week(LocalDate.now(ZoneOffset.UTC).minusWeeks(weeks).with(DayOfWeek.MONDAY));
    }

    /** The period label, e.g. {@code 2026-W46}. */
    public String label() {
        return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Day {@code n} of the week, Monday = 0. */
    public LocalDate day(int n) {
        return monday.plusDays(n);
    }

    /** {@code hh:mm} UTC on day {@code n}. */
    public Instant at(int n, String time) {
        return day(n).atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }
}
