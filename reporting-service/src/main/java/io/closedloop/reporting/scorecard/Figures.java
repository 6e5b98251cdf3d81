package io.closedloop.reporting.scorecard;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a person claimed, what was verified and what they achieved over a period: the input of scores and flags. */
public record Figures(
        String personId,
        String name,
        String teamId,
        Effort calls,
        Effort visits,
        Effort meetings,
        long claimedContacts,
        long matchedContacts,
        BigDecimal claimedHours,
        BigDecimal claimedOvertime,
        long verifiedEchoes,
        long verifiedOutcomes,
        long assigned,
        long acknowledged,
        Double ackMedianSeconds,
        Double ackP90Seconds,
        long firstContacts,
        Double firstContactMedianSeconds,
        Double firstContactP90Seconds,
        long meetingsHeld,
        long noShows,
        long won,
        long lost,
        Map<String, BigDecimal> wonValue,
        long slaEscalations,
        long loopsClosed,
        long loopsConfirmed,
        long echoes,
        long lateEchoes,
        long loopsOverdue,
        long complaintsResolved,
        long complaintsFirstReturn,
        Double satisfactionAverage,
        long satisfactionCount) {

    /** Claimed beside verified for one kind of activity; {@code ratio} is verified / claimed (absent with no claim). */
    public record Effort(long claimed, long verified) {

        @JsonProperty
        public Double ratio() {
            return claimed == 0 ? null : Math.round(verified * 1000.0 / claimed) / 1000.0;
        }
    }

    /** Won over won and lost; absent when nothing closed. */
    @JsonProperty
    public Double conversion() {
        return won + lost == 0 ? null : Math.round(won * 1000.0 / (won + lost)) / 1000.0;
    }
}
