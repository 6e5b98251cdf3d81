package io.closedloop.reporting;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    Evidence evidence();

    Score score();

    Flags flags();

    interface Matching {
        /**
         * A claimed contact matches evidence of the same person, customer and kind within this much of its time; and
         * records of a call, visit or meeting from different sources within this much of each other are one activity.
         */
        @WithDefault("2h")
        Duration window();

        /**
         * Records of an outcome or an echo from different sources within this much of each other are one activity: a
         * loan system may confirm a won lead days after its owner recorded it.
         */
        @WithDefault("P14D")
        Duration outcomeWindow();

        /** A call record shorter than this is an unanswered ring, not a verified call. */
        @WithDefault("20")
        int minCallSeconds();

        /** A geo check-in farther than this from the customer's place is not a verified visit. */
        @WithDefault("500")
        int maxVisitDistanceMeters();
    }

    /** Who may give evidence, and under which source names. */
    interface Evidence {
        /**
         * {@code identity:source|source} entries, comma-separated: the integrator identity (a token's subject for
         * {@code POST /evidence}; {@code /integrators/<identity>} as the CloudEvents source on the evidence topic) and
         * the source names it may file evidence under. Evidence under any other name is refused. None by default.
         */
        Optional<List<String>> bindings();
    }

    /**
     * The outcome score: the weighted sum of what a person achieved, counting what others confirmed (see the README for
     * the formula and an example).
     */
    interface Score {
        /** A won lead whose outcome someone other than its owner confirmed (a system of record, the referrer, a manager). */
        @WithDefault("10")
        double won();

        /** A won lead only its owner reported: 0 by default, since a claim is not a result. */
        @WithDefault("0")
        double wonReported();

        /** A meeting verified by a calendar, a customer or a manager (the owner's own "held" does not count). */
        @WithDefault("2")
        double meetingHeld();

        @WithDefault("2")
        double loopClosed();

        @WithDefault("1")
        double loopConfirmed();

        /** A complaint resolved and rated by someone other than its owner (their manager, a colleague, a survey). */
        @WithDefault("3")
        double complaintResolved();

        /** Such a complaint settled after exactly one recorded return visit. */
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
