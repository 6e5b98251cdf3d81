package io.closedloop.events.lead;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/**
 * What the client said about urgency ("tomorrow, or never") and the date they demanded, recorded as a claim so
 * that what follows can be measured against it.
 */
public record UrgencyClaim(@NotNull String statement, Instant demandedBy) {
}
