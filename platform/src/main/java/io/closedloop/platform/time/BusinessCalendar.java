package io.closedloop.platform.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a team works: opening hours per weekday in a time zone, and closed dates. SLA clocks that count business time
 * pause outside them: {@link #plus} adds working time to an instant.
 */
public final class BusinessCalendar {

    /** Around the clock, every day: clocks never pause. */
    public static final BusinessCalendar ALWAYS = new BusinessCalendar(ZoneId.of("UTC"), Map.of(), Set.of(), true);

    private static final int MAX_DAYS_SEARCHED = 3 * 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpeningHours>> week;
    private final Set<LocalDate> closedDates;
    private final boolean always;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<OpeningHours>> week, Set<LocalDate> closedDates,
                             boolean always) {
        this.zone = zone;
        this.week = week;
        this.closedDates = closedDates;
        this.always = always;
    }

    /** The zone the calendar's hours are in. */
    public ZoneId zone() {
        return zone;
    }

    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, List<OpeningHours>> week, Set<LocalDate> closedDates) {
        Map<DayOfWeek, List<OpeningHours>> sorted = new EnumMap<>(DayOfWeek.class);
        boolean anyOpen = false;
        for (Map.Entry<DayOfWeek, List<OpeningHours>> day : week.entrySet()) {
            List<OpeningHours> hours = day.getValue().stream().sorted(Comparator.comparing(OpeningHours::from)).toList();
            for (int i = 0; i < hours.size(); i++) {
                if (!hours.get(i).isValid()) {
                    throw new IllegalArgumentException(day.getKey() + ": " + hours.get(i).from() + " is not before "
                            + hours.get(i).to());
                }
                if (i > 0 && (hours.get(i - 1).endsAtMidnight() || hours.get(i - 1).to().isAfter(hours.get(i).from()))) {
                    throw new IllegalArgumentException(day.getKey() + ": opening hours overlap");
                }
            }
            anyOpen |= !hours.isEmpty();
            sorted.put(day.getKey(), hours);
        }
        if (!anyOpen) {
            throw new IllegalArgumentException("A business calendar needs opening hours on at least one day");
        }
        return new BusinessCalendar(zone, sorted, Set.copyOf(closedDates), false);
    }

    /** The instant {@code amount} of working time after {@code start}; zero means the next working moment. */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Negative duration: " + amount);
        }
        if (always) {
            return start.plus(amount);
        }
        ZonedDateTime cursor = start.atZone(zone);
        Duration remaining = amount;
        for (int days = 0; days < MAX_DAYS_SEARCHED; days++) {
            LocalDate day = cursor.toLocalDate();
            if (!closedDates.contains(day)) {
                for (OpeningHours hours : week.getOrDefault(day.getDayOfWeek(), List.of())) {
                    ZonedDateTime opens = day.atTime(hours.from()).atZone(zone);
                    ZonedDateTime closes = hours.endsAtMidnight() ? day.plusDays(1).atStartOfDay(zone)
                            : day.atTime(hours.to()).atZone(zone);
                    if (!closes.isAfter(cursor)) {
                        continue;
                    }
                    ZonedDateTime from = cursor.isAfter(opens) ? cursor : opens;
                    Duration available = Duration.between(from, closes);
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining).toInstant();
                    }
                    remaining = remaining.minus(available);
                    cursor = closes;
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("No working time within " + MAX_DAYS_SEARCHED + " days of " + start);
    }

    /** Working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (always) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        ZonedDateTime cursor = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        while (cursor.isBefore(end)) {
            LocalDate day = cursor.toLocalDate();
            if (!closedDates.contains(day)) {
                for (OpeningHours hours : week.getOrDefault(day.getDayOfWeek(), List.of())) {
                    ZonedDateTime opens = day.atTime(hours.from()).atZone(zone);
                    ZonedDateTime closes = hours.endsAtMidnight() ? day.plusDays(1).atStartOfDay(zone)
                            : day.atTime(hours.to()).atZone(zone);
                    ZonedDateTime a = cursor.isAfter(opens) ? cursor : opens;
                    ZonedDateTime b = end.isBefore(closes) ? end : closes;
                    if (b.isAfter(a)) {
                        total = total.plus(Duration.between(a, b));
                    }
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        return total;
    }
}
