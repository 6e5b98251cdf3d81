package io.closedloop.reporting.scorecard;

import java.math.BigDecimal;
import java.util.Map;

/** Hand-made figures for unit tests: everything zero unless said otherwise. */
final class FiguresBuilder {

    private final String personId;
    long claimedCalls, verifiedCalls, claimedVisits, verifiedVisits, claimedMeetings, verifiedMeetings;
    BigDecimal hours = BigDecimal.ZERO;
    BigDecimal overtime = BigDecimal.ZERO;
    long acknowledged;
    Double ackMedianSeconds;
    long meetingsHeld, won, lost, slaEscalations, loopsClosed, loopsConfirmed, echoes, lateEchoes, loopsOverdue;
    long complaintsResolved, complaintsFirstReturn;

    private FiguresBuilder(String personId) {
        this.personId = personId;
    }

    static FiguresBuilder person(String personId) {
        return new FiguresBuilder(personId);
    }

    FiguresBuilder calls(long claimed, long verified) {
        claimedCalls = claimed;
        verifiedCalls = verified;
        return this;
    }

    FiguresBuilder visits(long claimed, long verified) {
        claimedVisits = claimed;
        verifiedVisits = verified;
        return this;
    }

    FiguresBuilder meetings(long claimed, long verified) {
        claimedMeetings = claimed;
        verifiedMeetings = verified;
        return this;
    }

    FiguresBuilder hours(String worked, String overtime) {
        this.hours = new BigDecimal(worked);
        this.overtime = new BigDecimal(overtime);
        return this;
    }

    FiguresBuilder acks(long count, double medianSeconds) {
        acknowledged = count;
        ackMedianSeconds = medianSeconds;
        return this;
    }

    FiguresBuilder outcomes(long won, long lost, long meetingsHeld) {
        this.won = won;
        this.lost = lost;
        this.meetingsHeld = meetingsHeld;
        return this;
    }

    FiguresBuilder loops(long closed, long confirmed, long echoes, long lateEchoes, long overdue) {
        loopsClosed = closed;
        loopsConfirmed = confirmed;
        this.echoes = echoes;
        this.lateEchoes = lateEchoes;
        loopsOverdue = overdue;
        return this;
    }

    FiguresBuilder complaints(long resolved, long firstReturn) {
        complaintsResolved = resolved;
        complaintsFirstReturn = firstReturn;
        return this;
    }

    FiguresBuilder escalations(long n) {
        slaEscalations = n;
        return this;
    }

    Figures build() {
        return new Figures(personId, personId, "team-a",
                new Figures.Effort(claimedCalls, verifiedCalls), new Figures.Effort(claimedVisits, verifiedVisits),
                new Figures.Effort(claimedMeetings, verifiedMeetings), 0, 0, hours, overtime, 0, 0, 0, acknowledged,
                ackMedianSeconds, ackMedianSeconds, 0, null, null, meetingsHeld, 0, won, lost, Map.of(), slaEscalations,
                loopsClosed, loopsConfirmed, echoes, lateEchoes, loopsOverdue, complaintsResolved, complaintsFirstReturn,
                null, 0);
    }
}
