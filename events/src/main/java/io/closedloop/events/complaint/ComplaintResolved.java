package io.closedloop.events.complaint;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Every item of the complaint is resolved. {@code resolvedOnFirstReturn} when it took one return visit or none.
 */
public record ComplaintResolved(
        @NotNull UUID complaintId,
        @NotNull String customerRef,
        UUID leadId,
        @NotNull String ownerId,
        String teamId,
        int items,
        int returnVisits,
        boolean resolvedOnFirstReturn,
        @NotNull Instant openedAt,
        @NotNull Instant resolvedAt) {
}
