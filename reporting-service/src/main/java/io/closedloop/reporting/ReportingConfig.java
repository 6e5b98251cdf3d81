package io.closedloop.reporting;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** reporting-service settings; each can be set from the environment (CLOSEDLOOP_REPORTING_…). */
@ConfigMapping(prefix = "closedloop.reporting")
public interface ReportingConfig {

    /** The zone reporting days are counted in: an event belongs to the day it happened there. */
    @WithDefault("UTC")
    String timeZone();

    /** How often the per-team gauges are recomputed from the read models (read by ReportingGauges' schedule). */
    @WithDefault("15s")
    Duration gaugesEvery();

    Matching matching();

    Score score();

    Flags flags();

    interface Matching {
        /** A claimed contact matches evidence of the same person, customer and kind within this much of its time. */
        @WithDefault("2h")
        Duration window();

        /** A call record shorter than this is an unanswered ring, not a verified call. */
        @WithDefault("20")
        int minCallSeconds();

        /** A geo check-in farther than this from the customer's place is not a verified visit. */
        @WithDefault("500")
        int maxVisitDistanceMeters();
    }

    /** The outcome score: the weighted sum of what a person achieved (see the README for the formula). */
    interface Score {
        @WithDefault("10")
        double won();

        @WithDefault("2")
        double meetingHeld();

        @WithDefault("2")
        double loopClosed();

        @WithDefault("1")
        double loopConfirmed();

        @WithDefault("3")
        double complaintResolved();

        @WithDefault("2")
        double firstReturnResolution();

        @WithDefault("-1")
        double lateEcho();

        @WithDefault("-2")
        double slaEscalation();
    }

    interface Flags {
        /** Inflated claims: verified / claimed below this for an activity kind ... */
        @WithDefault("0.6")
        double inflatedBelow();

        /** ... with at least this many claimed, so that the ratio means something. */
        @WithDefault("10")
        int inflatedMinClaimed();

        /** Effort without results: claimed hours at least this many times the team median ... */
        @WithDefault("1.2")
        double effortHoursAbove();

        /** ... some overtime, and an outcome score at most this share of the team median. */
        @WithDefault("0.5")
        double effortScoreBelow();

        /** Slow receipt: a median time to acknowledge above this ... */
        @WithDefault("30m")
        Duration slowReceiptAbove();

        /** ... over at least this many acknowledgments. */
        @WithDefault("3")
        int slowReceiptMinCount();

        /** Silent loops: at least this many missed echo deadlines ... */
        @WithDefault("2")
        int silentOverdue();

        /** ... or at least this share of late echoes over at least silentMinEchoes echoes. */
        @WithDefault("0.5")
        double silentLateShare();

        @WithDefault("4")
        int silentMinEchoes();
    }
}
