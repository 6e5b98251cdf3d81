package io.closedloop.reporting.support;

import java.time.Duration;

import io.closedloop.reporting.ReportingConfig;

/** The documented defaults of {@link ReportingConfig}, for unit tests that run without Quarkus. */
public final class Defaults {

    private Defaults() {
    }

    public static ReportingConfig.Score score() {
        return score(0);
    }

    /** The default weights, but a win only its owner reported earns {@code wonReported}. */
    public static ReportingConfig.Score score(double wonReported) {
        return new ReportingConfig.Score() {
            public double won() { return 10; }
            public double wonReported() { return wonReported; }
            public double meetingHeld() { return 2; }
            public double loopClosed() { return 2; }
            public double loopConfirmed() { return 1; }
            public double complaintResolved() { return 3; }
            public double firstReturnResolution() { return 2; }
            public double lateEcho() { return -1; }
            public double slaEscalation() { return -2; }
        };
    }

    public static ReportingConfig.Flags flags() {
        return new ReportingConfig.Flags() {
            public double inflatedBelow() { return 0.6; }
            public int inflatedMinClaimed() { return 10; }
            public double effortHoursAbove() { return 1.2; }
            public double effortScoreBelow() { return 0.5; }
            public Duration slowReceiptAbove() { return Duration.ofMinutes(30); }
            public int slowReceiptMinCount() { return 3; }
            public int silentOverdue() { return 2; }
            public double silentLateShare() { return 0.5; }
            public int silentMinEchoes() { return 4; }
        };
    }
}
