package io.closedloop.events.team;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** A team was created or changed. */
public record TeamChanged(
        @NotNull String teamId,
        @NotNull String name,
        String managerId,
        @NotNull String timeZone,
        @NotNull Instant changedAt) {
}
