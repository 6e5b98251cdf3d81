package io.closedloop.reporting.scorecard;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a person claimed, logged and had verified, and what they achieved, over a period: the input of scores and
 * flags. <i>Claimed</i> is what their daily reports say; <i>logged</i> what they recorded themselves in the services
 * (contact attempts, meetings marked held, outcomes, echoes); <i>verified</i> what a source independent of them
 * confirmed — a system of record, the customer, the referrer, a manager — each activity counted once however many
 * sources confirmed it.
 *
 * @param meetingsHeld         meetings marked held, whoever marked them (the verified ones are {@code meetings.verified})
 * @param won                  leads won, as their owners reported them
 * @param wonConfirmed         of those, the ones someone other than the owner confirmed
 * @param complaintsResolved   complaints whose every item the owner settled (and not reopened since)
 * @param complaintsVerified   of those, the ones someone else recorded the customer's satisfaction with
 * @param complaintsFirstReturn of the verified ones, those settled after exactly one recorded return visit
 * @param satisfactionAverage  the customer satisfaction others recorded about the person's work, 1 to 5
 */
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
        Recorded echoRecords,
        Recorded outcomeRecords,
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
        long wonConfirmed,
        long lost,
        Map<String, BigDecimal> wonValue,
        long slaEscalations,
        long loopsClosed,
        long loopsConfirmed,
        long echoes,
        long lateEchoes,
        long loopsOverdue,
        long complaintsResolved,
        long complaintsVerified,
        long complaintsFirstReturn,
        Double satisfactionAverage,
        long satisfactionCount) {

    /**
     * One kind of activity: claimed in daily reports, logged by the person, verified by others; {@code ratio} is
     * verified / claimed (absent with no claim), the figure flags are raised on.
     */
    public record Effort(long claimed, long logged, long verified) {

        @JsonProperty
        public Double ratio() {
            return claimed == 0 ? null : Math.round(verified * 1000.0 / claimed) / 1000.0;
        }
    }

    /** Activities nobody claims in a daily report: those the person logged, and those others verified. */
    public record Recorded(long logged, long verified) {
    }

    /** Won over won and lost; absent when nothing closed. */
    @JsonProperty
    public Double conversion() {
        return won + lost == 0 ? null : Math.round(won * 1000.0 / (won + lost)) / 1000.0;
    }
}
