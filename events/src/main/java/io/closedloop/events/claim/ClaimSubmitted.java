package io.closedloop.events.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotNull;

/** A daily work report, as its person (or their manager) submitted it; a new version replaces the previous one. */
public record ClaimSubmitted(
        @NotNull String personId,
        @NotNull LocalDate day,
        int version,
        @NotNull String submittedBy,
        @NotNull Instant submittedAt,
        int calls,
        int visits,
        int meetings,
        @NotNull BigDecimal hoursWorked,
        @NotNull BigDecimal overtimeHours,
        @NotNull List<ClaimedContact> contacts) {
}
