package io.closedloop.feedback;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** feedback-service settings; each can be set from the environment (CLOSEDLOOP_FEEDBACK_…). */
@ConfigMapping(prefix = "closedloop.feedback")
public interface FeedbackConfig {

    /** The echo policy of each loop kind: {@code referral}, {@code handoff}, {@code instruction}. */
    Map<String, EchoPolicyConfig> policies();

    /** The calendar for loops whose owner's team has none. */
    @WithDefault("Europe/Paris")
    String defaultTimeZone();

    /**
     * Where a message's link to its lead points (e-mail, chat): the address people open leads at, with {@code {leadId}}
     * in it (the local run: leads-service's API). Without it, messages carry the lead's id but no link.
     */
    Optional<String> leadLink();

    Webhooks webhooks();

    Complaints complaints();

    Mail mail();

    interface EchoPolicyConfig {
        /** The owner confirms receipt within this. */
        Duration receiptWithin();

        /** The first progress echo is due this long after the loop opened. */
        Duration firstProgressWithin();

        /** Then a progress echo at least this often while the loop is open. */
        Duration progressEvery();

        /** When set, the outcome is due this long after the loop opened. */
        Optional<Duration> outcomeWithin();

        /** Only the owner's own words count as progress; automatic echoes still reach the initiator. */
        @WithDefault("false")
        boolean personalProgress();

        /** How long after a missed deadline the owner's manager is told. */
        Duration escalateAfter();

        /** Deadlines count business time (the owner's team's hours), not wall-clock time. */
        @WithDefault("true")
        boolean businessTime();
    }

    interface Webhooks {
        /** Whether subscriptions may point at loopback or private addresses (development and tests only). */
        @WithDefault("false")
        boolean allowPrivateNetwork();

        /** Whether webhook URLs must be https (production's egress allows 443 only); off in development and tests. */
        @WithDefault("true")
        boolean requireHttps();

        /** How many deliveries go out at once, each to a different subscription: one slow receiver holds one. */
        @WithDefault("16")
        int concurrency();

        /** How many subscriptions one person may have. */
        @WithDefault("10")
        int maxSubscriptionsPerPerson();

        @WithDefault("8")
        int maxAttempts();

        /** Consecutive failed attempts after which a subscription is suspended and its owner told. */
        @WithDefault("10")
        int suspendAfter();

        @WithDefault("10s")
        Duration firstRetry();

        @WithDefault("1h")
        Duration maxRetry();

        /** The whole of a delivery — connecting, the response's headers and its body — must fit in this. */
        @WithDefault("5s")
        Duration timeout();

        @WithDefault("true")
        boolean dispatchEnabled();
    }

    /** E-mail echoes, sent through an SMTP server from the mail outbox ({@code mail_message}). */
    interface Mail {
        /** Whether notifications are e-mailed to those who asked for it; off, the inbox and webhooks only. */
        @WithDefault("false")
        boolean enabled();

        /** The sender, as the recipients see it. */
        @WithDefault("Closed Loop <echo@closedloop.invalid>")
        String from();

        @WithDefault("localhost")
        String smtpHost();

        @WithDefault("25")
        int smtpPort();

        /** STARTTLS: {@code DISABLED}, {@code OPTIONAL} or {@code REQUIRED} (production's relay should require it). */
        @WithDefault("OPTIONAL")
        StartTls startTls();

        Optional<String> username();

        Optional<String> password();

        @WithDefault("8")
        int maxAttempts();

        @WithDefault("30s")
        Duration firstRetry();

        @WithDefault("1h")
        Duration maxRetry();

        /** Connecting to the SMTP server, and each write to it and reply from it, must fit in this. */
        @WithDefault("20s")
        Duration timeout();

        @WithDefault("true")
        boolean dispatchEnabled();

        /** How often the digests due are gathered ({@code off}: never, as in the tests, which gather by hand). */
        @WithDefault("1m")
        String digestEvery();

        /** Never, when the server offers it, or refuse to send without it. */
        enum StartTls { DISABLED, OPTIONAL, REQUIRED }
    }

    interface Complaints {
        /** A satisfaction score below this reopens a resolved complaint. */
        @WithDefault("3")
        int reopenBelow();
    }
}
