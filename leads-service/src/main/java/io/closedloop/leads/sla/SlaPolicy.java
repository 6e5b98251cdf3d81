package io.closedloop.leads.sla;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * How fast leads of a source and priority must be worked ({@code null} source or priority: any). Each clock has a
 * deadline; the {@link Ladder} is the same around every deadline: remind the owner before it, tell the manager after
 * it, and, for acknowledgment only, reassign (accept or bounce).
 */
public record SlaPolicy(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and -") String id,
        LeadSource source,
        Priority priority,
        @NotNull Duration acknowledgeWithin,
        @NotNull Duration firstContactWithin,
        @NotNull Duration followUpEvery,
        boolean businessHoursOnly,
        @NotNull @Valid Ladder ladder) {

    /**
     * @param remindBefore  how long before a deadline its owner is reminded (no reminder when the window is shorter)
     * @param escalateAfter how long after a deadline the owner's manager is told
     * @param reassignAfter how long after the acknowledgment deadline the lead bounces to someone else (none: never)
     */
    public record Ladder(@NotNull Duration remindBefore, @NotNull Duration escalateAfter, Duration reassignAfter) {
    }

    @JsonIgnore
    public boolean isCatchAll() {
        return source == null && priority == null;
    }

    /** How closely this policy fits a lead: 3 for source and priority, 2 source only, 1 priority only, 0 any. */
    int specificity() {
        return (source != null ? 2 : 0) + (priority != null ? 1 : 0);
    }

    boolean applies(LeadSource leadSource, Priority leadPriority) {
        return (source == null || source == leadSource) && (priority == null || priority == leadPriority);
    }
}
