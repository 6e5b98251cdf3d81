package io.closedloop.reporting.scorecard;

import java.math.BigDecimal;
import java.util.Map;

/** Hand-made figures for unit tests: everything zero unless said otherwise. */
final class FiguresBuilder {

    private final String personId;
    long claimedCalls, loggedCalls, verifiedCalls, claimedVisits, loggedVisits, verifiedVisits;
    long claimedMeetings, loggedMeetings, verifiedMeetings;
    BigDecimal hours = BigDecimal.ZERO;
    BigDecimal overtime = BigDecimal.ZERO;
    long acknowledged;
    Double ackMedianSeconds;
    long meetingsHeld, won, wonConfirmed, lost, slaEscalations, loopsClosed, loopsConfirmed, echoes, lateEchoes, loopsOverdue;
    long complaintsResolved, complaintsVerified, complaintsFirstReturn;

    private FiguresBuilder(String personId) {
        this.personId = personId;
    }

    static FiguresBuilder person(String personId) {
        return new FiguresBuilder(personId);
    }

    FiguresBuilder calls(long claimed, long verified) {
        return calls(claimed, 0, verified);
    }

    FiguresBuilder calls(long claimed, long logged, long verified) {
        claimedCalls = claimed;
        loggedCalls = logged;
        verifiedCalls = verified;
        return this;
    }

    FiguresBuilder visits(long claimed, long verified) {
        claimedVisits = claimed;
        verifiedVisits = verified;
        return this;
    }

    FiguresBuilder meetings(long claimed, long verified) {
        return meetings(claimed, 0, verified);
    }

    FiguresBuilder meetings(long claimed, long logged, long verified) {
        claimedMeetings = claimed;
        loggedMeetings = logged;
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

    /** Outcomes others confirmed: wins confirmed, and meetings held and verified. */
    FiguresBuilder achieved(long won, long lost, long meetingsHeld) {
        this.won += won;
        this.wonConfirmed += won;
        this.lost += lost;
        this.meetingsHeld += meetingsHeld;
        this.verifiedMeetings += meetingsHeld;
        return this;
    }

    /** Outcomes only the person reported: wins and meetings marked held that nobody else confirmed. */
    FiguresBuilder reported(long won, long meetingsHeld) {
        this.won += won;
        this.meetingsHeld += meetingsHeld;
        this.loggedMeetings += meetingsHeld;
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

    FiguresBuilder complaints(long resolved, long verified, long firstReturn) {
        complaintsResolved = resolved;
        complaintsVerified = verified;
        complaintsFirstReturn = firstReturn;
        return this;
    }

    FiguresBuilder escalations(long n) {
        slaEscalations = n;
        return this;
    }

    Figures build() {
        return new Figures(personId, personId, "team-a",
                new Figures.Effort(claimedCalls, loggedCalls, verifiedCalls),
                new Figures.Effort(claimedVisits, loggedVisits, verifiedVisits),
                new Figures.Effort(claimedMeetings, loggedMeetings, verifiedMeetings), 0, 0, hours, overtime,
                new Figures.Recorded(0, 0), new Figures.Recorded(0, 0), 0, acknowledged, ackMedianSeconds,
                ackMedianSeconds, 0, null, null, meetingsHeld, 0, won, wonConfirmed, lost, Map.of(), slaEscalations,
                loopsClosed, loopsConfirmed, echoes, lateEchoes, loopsOverdue, complaintsResolved, complaintsVerified,
                complaintsFirstReturn, null, 0);
    }
}
