package io.closedloop.feedback.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.closedloop.platform.time.BusinessCalendar;
import io.closedloop.platform.time.OpeningHours;
import org.junit.jupiter.api.Test;

class EchoPolicyTest {

    private static final EchoPolicy REFERRAL = new EchoPolicy(Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(30),
            null, true, Duration.ofDays(1), true);
    private static final BusinessCalendar MONDAYS = BusinessCalendar.of(ZoneId.of("UTC"),
            Map.of(DayOfWeek.MONDAY, List.of(new OpeningHours(LocalTime.of(9, 0), LocalTime.of(17, 0)))), Set.of());

    @Test
    void the_receipt_is_due_one_business_hour_after_the_handoff() {
        assertThat(REFERRAL.receiptDue(MONDAYS, Instant.parse("2026-11-23T16:30:00Z"))) // Monday 16:30
                .isEqualTo(Instant.parse("2026-11-30T09:30:00Z"));
    }

    @Test
    void progress_is_due_from_the_opening_then_from_the_last_progress() {
        EchoPolicy wallClock = new EchoPolicy(Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(30), null, true,
                Duration.ofDays(1), false);
        Instant opened = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(wallClock.progressDue(MONDAYS, opened, null)).isEqualTo(opened.plus(Duration.ofDays(7)));
        Instant progress = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(wallClock.progressDue(MONDAYS, opened, progress)).isEqualTo(progress.plus(Duration.ofDays(30)));
        assertThat(wallClock.outcomeDue(MONDAYS, opened)).isNull();
    }
}
