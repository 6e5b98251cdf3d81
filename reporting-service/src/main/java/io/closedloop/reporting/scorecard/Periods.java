package io.closedloop.reporting.scorecard;

import io.closedloop.platform.problem.ProblemException;

/** Parses the {@code period} and {@code day} parameters, or answers a 400 naming them. */
public final class Periods {

    private Periods() {
    }

    /** Parses a {@code day} path parameter, or answers a 400 naming it. */
    public static java.time.LocalDate day(String day) {
        try {
            return java.time.LocalDate.parse(day);
        } catch (java.time.DateTimeException e) {
            throw ProblemException.invalid("day", "must be a date such as 2026-11-23");
        }
    }

    public static Period parse(String period) {
        try {
            return Period.parse(period);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("period", e.getMessage());
        }
    }
}
