package io.closedloop.leads.assignment;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

import io.closedloop.events.lead.LeadSource;
import io.closedloop.platform.api.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One routing rule: leads that match go to a team (shared by its strategy) or to one person. Rules are tried in
 * order; the first that matches wins. An empty criterion matches anything.
 */
public record AssignmentRule(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and -") String id,
        @NotBlank @Size(max = 200) String name,
        @Valid Match match,
        @NotNull @Valid Target target) {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "AssignmentStrategy",
            description = "How a team's next agent is chosen: in turn, or whoever has the fewest open leads")
    public enum Strategy { ROUND_ROBIN, LEAST_LOADED }

    /**
     * @param minValue inclusive, {@code maxValue} exclusive, compared only with leads in {@code currency}
     */
    public record Match(Set<LeadSource> sources, Set<@NotBlank String> territories, Set<@NotBlank String> products,
                        BigDecimal minValue, BigDecimal maxValue,
                        @Pattern(regexp = Patterns.CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /** Exactly one of {@code teamId} and {@code personId}; the strategy shares a team's leads (default round-robin). */
    public record Target(@Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String teamId,
                         @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId,
                         Strategy strategy) {

        public Strategy strategyOrDefault() {
            return strategy == null ? Strategy.ROUND_ROBIN : strategy;
        }
    }

    /** What of a lead the rules look at. */
    public record LeadFacts(LeadSource source, String territory, String product, BigDecimal value, String currency) {
    }

    public boolean matches(LeadFacts lead) {
        if (match == null) {
            return true;
        }
        if (!empty(match.sources()) && !match.sources().contains(lead.source())) {
            return false;
        }
        if (!empty(match.territories()) && !containsIgnoringCase(match.territories(), lead.territory())) {
            return false;
        }
        if (!empty(match.products()) && !containsIgnoringCase(match.products(), lead.product())) {
            return false;
        }
        if (match.minValue() != null || match.maxValue() != null || match.currency() != null) {
            if (lead.value() == null) {
                return false;
            }
            if (match.currency() != null && !match.currency().equals(lead.currency())) {
                return false;
            }
            if (match.minValue() != null && lead.value().compareTo(match.minValue()) < 0) {
                return false;
            }
            return match.maxValue() == null || lead.value().compareTo(match.maxValue()) < 0;
        }
        return true;
    }

    private static boolean empty(Set<?> set) {
        return set == null || set.isEmpty();
    }

    private static boolean containsIgnoringCase(Set<String> values, String value) {
        if (value == null) {
            return false;
        }
        String wanted = value.toLowerCase(Locale.ROOT);
        return values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
