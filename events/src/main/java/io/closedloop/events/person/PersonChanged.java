package io.closedloop.events.person;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;

/** A person's directory entry was created or changed: other services learn names, teams and managers. */
public record PersonChanged(
        @NotNull String personId,
        @NotNull String name,
        String email,
        String teamId,
        String managerId,
        @NotNull List<String> roles,
        boolean active,
        Integer capacity,
        Instant outOfOfficeUntil,
        @NotNull Instant changedAt) {
}
