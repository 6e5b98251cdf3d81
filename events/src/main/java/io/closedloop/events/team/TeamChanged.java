package io.closedloop.events.team;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

/**
 * A team was created or changed, with its business hours per weekday ({@code MONDAY} …) and closed dates, so that
 * other services count business time the same way.
 */
public record TeamChanged(
        @NotNull String teamId,
        @NotNull String name,
        String managerId,
        @NotNull String timeZone,
        @NotNull Instant changedAt,
        Map<String, List<OpeningHours>> businessHours,
        List<LocalDate> closedDates) {
}
