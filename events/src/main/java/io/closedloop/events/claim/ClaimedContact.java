package io.closedloop.events.claim;

import java.time.Instant;

import io.closedloop.events.evidence.ActivityKind;
import jakarta.validation.constraints.NotNull;

/** A contact a person says they made: with whom, what kind, when. */
public record ClaimedContact(@NotNull String customerRef, @NotNull ActivityKind kind, @NotNull Instant at) {
}
