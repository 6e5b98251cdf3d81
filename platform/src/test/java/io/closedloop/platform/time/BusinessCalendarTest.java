package io.closedloop.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Monday to Friday 09:00-12:30 and 13:30-18:00, Paris time; closed on 2026-12-25. */
    private static BusinessCalendar office() {
        Map<DayOfWeek, List<OpeningHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(day, List.of(new OpeningHours(LocalTime.of(13, 30), LocalTime.of(18, 0)),
                    new OpeningHours(LocalTime.of(9, 0), LocalTime.of(12, 30))));
        }
        return BusinessCalendar.of(PARIS, week, Set.of(LocalDate.of(2026, 12, 25)));
    }

    private static Instant paris(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @Test
    void within_opening_hours_the_clock_runs_like_a_wall_clock() {
        assertThat(office().plus(paris("2026-11-23T10:00"), Duration.ofMinutes(15))).isEqualTo(paris("2026-11-23T10:15"));
    }

    @Test
    void the_clock_pauses_over_lunch_nights_and_weekends() {
        assertThat(office().plus(paris("2026-11-23T12:20"), Duration.ofMinutes(15))).isEqualTo(paris("2026-11-23T13:35"));
        assertThat(office().plus(paris("2026-11-23T17:50"), Duration.ofMinutes(15))).isEqualTo(paris("2026-11-24T09:05"));
        assertThat(office().plus(paris("2026-11-27T17:55"), Duration.ofHours(1))).isEqualTo(paris("2026-11-30T09:55"));
    }

    @Test
    void a_lead_arriving_at_night_starts_its_clock_at_opening() {
        assertThat(office().plus(paris("2026-11-28T23:00"), Duration.ofMinutes(15))).isEqualTo(paris("2026-11-30T09:15"));
        assertThat(office().plus(paris("2026-11-23T07:00"), Duration.ZERO)).isEqualTo(paris("2026-11-23T09:00"));
    }

    @Test
    void closed_dates_are_skipped() {
        assertThat(office().plus(paris("2026-12-24T17:30"), Duration.ofHours(1))).isEqualTo(paris("2026-12-28T09:30"));
    }

    @Test
    void daylight_saving_changes_do_not_bend_business_time() {
        // Paris moves to summer time on Sunday 2026-03-29; Friday 17:00 + 2 business hours = Monday 10:00.
        assertThat(office().plus(paris("2026-03-27T17:00"), Duration.ofHours(2))).isEqualTo(paris("2026-03-30T10:00"));
    }

    @Test
    void business_time_between_two_instants_counts_only_opening_hours() {
        assertThat(office().between(paris("2026-11-23T12:00"), paris("2026-11-23T14:00"))).isEqualTo(Duration.ofMinutes(60));
        assertThat(office().between(paris("2026-11-27T17:00"), paris("2026-11-30T10:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(office().between(paris("2026-11-30T10:00"), paris("2026-11-27T17:00"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void always_is_the_wall_clock() {
        Instant start = Instant.parse("2026-11-28T23:00:00Z");
        assertThat(BusinessCalendar.ALWAYS.plus(start, Duration.ofMinutes(15))).isEqualTo(start.plusSeconds(900));
    }

    @Test
    void a_calendar_must_open_and_its_hours_must_not_overlap() {
        assertThatThrownBy(() -> BusinessCalendar.of(PARIS, Map.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessCalendar.of(PARIS, Map.of(DayOfWeek.MONDAY, List.of(
                new OpeningHours(LocalTime.of(9, 0), LocalTime.of(13, 0)),
                new OpeningHours(LocalTime.of(12, 0), LocalTime.of(18, 0)))), Set.of()))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> BusinessCalendar.of(PARIS, Map.of(DayOfWeek.MONDAY, List.of(
                new OpeningHours(LocalTime.of(18, 0), LocalTime.of(9, 0)))), Set.of()))
                .hasMessageContaining("is not before");
    }

    @Test
    void opening_hours_may_run_to_midnight() {
        BusinessCalendar late = BusinessCalendar.of(PARIS, Map.of(DayOfWeek.MONDAY, List.of(
                new OpeningHours(LocalTime.of(20, 0), LocalTime.MIDNIGHT))), Set.of());
        assertThat(late.plus(paris("2026-11-23T23:30"), Duration.ofHours(1))).isEqualTo(paris("2026-11-30T20:30"));
    }
}
