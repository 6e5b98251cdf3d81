package io.closedloop.reporting.scorecard;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a day ({@code 2026-11-23}), an ISO week ({@code 2026-W48}), a month ({@code 2026-11}), a quarter
 * ({@code 2026-Q4}) or a range of days ({@code 2026-11-01..2026-11-30}), both ends included. Pure.
 */
public record Period(String label, LocalDate from, LocalDate to) {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final int MAX_DAYS = 366 * 2;

    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give a period: a day, a week (2026-W48), a month (2026-11), a quarter (2026-Q4) or a range (2026-11-01..2026-11-30)");
        }
        String t = text.strip();
        try {
            if (t.contains("..")) {
                String[] ends = t.split("\\.\\.", 2);
                LocalDate from = LocalDate.parse(ends[0]);
                LocalDate to = LocalDate.parse(ends[1]);
                if (to.isBefore(from)) {
                    throw new IllegalArgumentException("the range ends before it starts");
                }
                if (from.plusDays(MAX_DAYS).isBefore(to)) {
                    throw new IllegalArgumentException("a range spans at most two years");
                }
                return new Period(t, from, to);
            }
            Matcher week = WEEK.matcher(t);
            if (week.matches()) {
                int year = Integer.parseInt(week.group(1));
                int number = Integer.parseInt(week.group(2));
                LocalDate fourthOfJanuary = LocalDate.of(year, 1, 4);
                if (number < 1 || number > fourthOfJanuary.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                    throw new IllegalArgumentException("there is no week " + number + " in " + year);
                }
                LocalDate monday = fourthOfJanuary.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return new Period(t, monday, monday.plusDays(6));
            }
            Matcher quarter = QUARTER.matcher(t);
            if (quarter.matches()) {
                int year = Integer.parseInt(quarter.group(1));
                int q = Integer.parseInt(quarter.group(2));
                LocalDate from = LocalDate.of(year, (q - 1) * 3 + 1, 1);
                return new Period(t, from, from.plusMonths(3).minusDays(1));
            }
            Matcher month = MONTH.matcher(t);
            if (month.matches()) {
                YearMonth ym = YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)));
                return new Period(t, ym.atDay(1), ym.atEndOfMonth());
            }
            LocalDate day = LocalDate.parse(t);
            return new Period(t, day, day);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a day, week, month, quarter or range");
        }
    }
}
