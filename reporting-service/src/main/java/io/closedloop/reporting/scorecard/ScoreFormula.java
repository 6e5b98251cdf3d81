package io.closedloop.reporting.scorecard;

import io.closedloop.reporting.ReportingConfig;

/**
 * The outcome score: what a person achieved, as others confirmed it — never what they claim or log about themselves.
 * <pre>
 * score = confirmed wins × w.won + wins only their owner reported × w.wonReported
 *       + verified meetings × w.meetingHeld
 *       + loops closed × w.loopClosed + loops confirmed × w.loopConfirmed
 *       + verified complaint resolutions × w.complaintResolved + of those, settled on the first return × w.firstReturnResolution
 *       + late echoes × w.lateEcho + SLA escalations × w.slaEscalation
 * </pre>
 * with the weights of {@code closedloop.reporting.score.*} (defaults 10, 0, 2, 2, 1, 3, 2, -1, -2). A win is confirmed
 * when a system of record, the referrer or a manager confirmed it; a meeting verified by a calendar, the customer or a
 * manager; a complaint resolution when someone other than its owner recorded the customer's satisfaction with it.
 * Claimed calls, visits, hours and overtime, and what a person logs themselves, are not in it. Pure.
 */
public final class ScoreFormula {

    private ScoreFormula() {
    }

    public static double score(Figures f, ReportingConfig.Score w) {
        double score = f.wonConfirmed() * w.won() + (f.won() - f.wonConfirmed()) * w.wonReported()
                + f.meetings().verified() * w.meetingHeld()
                + f.loopsClosed() * w.loopClosed() + f.loopsConfirmed() * w.loopConfirmed()
                + f.complaintsVerified() * w.complaintResolved() + f.complaintsFirstReturn() * w.firstReturnResolution()
                + f.lateEchoes() * w.lateEcho() + f.slaEscalations() * w.slaEscalation();
        return Math.round(score * 100) / 100.0;
    }
}
