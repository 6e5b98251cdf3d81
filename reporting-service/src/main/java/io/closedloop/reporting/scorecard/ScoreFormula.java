package io.closedloop.reporting.scorecard;

import io.closedloop.reporting.ReportingConfig;

/**
 * The outcome score: what a person achieved, never what they claim to have done.
 * <pre>
 * score = won × w.won + meetings held × w.meetingHeld + loops closed × w.loopClosed + loops confirmed × w.loopConfirmed
 *       + complaints resolved × w.complaintResolved + resolved on the first return × w.firstReturnResolution
 *       + late echoes × w.lateEcho + SLA escalations × w.slaEscalation
 * </pre>
 * with the weights of {@code closedloop.reporting.score.*} (defaults 10, 2, 2, 1, 3, 2, -1, -2). Claimed calls, visits,
 * hours and overtime are not in it. Pure.
 */
public final class ScoreFormula {

    private ScoreFormula() {
    }

    public static double score(Figures f, ReportingConfig.Score w) {
        double score = f.won() * w.won() + f.meetingsHeld() * w.meetingHeld() + f.loopsClosed() * w.loopClosed()
                + f.loopsConfirmed() * w.loopConfirmed() + f.complaintsResolved() * w.complaintResolved()
                + f.complaintsFirstReturn() * w.firstReturnResolution() + f.lateEchoes() * w.lateEcho()
                + f.slaEscalations() * w.slaEscalation();
        return Math.round(score * 100) / 100.0;
    }
}
