package io.closedloop.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the shared plumbing. Every key can be set from the environment, e.g. CLOSEDLOOP_TOPICS_LEADS. */
@ConfigMapping(prefix = "closedloop")
public interface PlatformConfig {

    /** The service's name: the CloudEvents source of what it publishes and the stem of its consumer groups. */
    @WithDefault("${quarkus.application.name}")
    String serviceName();

    Topics topics();

    Outbox outbox();

    Consumer consumer();

    Timers timers();

    Idempotency idempotency();

    Http http();

    /**
     * What one request may hold and take. The HTTP layer's own limits (quarkus.http.limits.*) are set above these and
     * close the connection with an empty answer; these are answered with problem details.
     */
    interface Http {
        /** Method, target and version together, in bytes (a longer request line: 414). */
        @WithDefault("8192")
        int maxRequestLine();

        /** All header names and values together, in bytes (more: 431). */
        @WithDefault("16384")
        int maxHeaderBytes();

        /**
         * How long a whole body may take to arrive, from its request's headers to its last byte (longer: 408 and
         * the connection closed). One megabyte at the limit needs about 800 kbit/s.
         */
        @WithDefault("10s")
        Duration bodyDeadline();

        /**
         * Bytes that the bodies being read may hold together (beyond: 503 and Retry-After). Bodies are read whole
         * before a worker thread takes their request, and a parsed body needs about as much again.
         */
        @WithDefault("16M")
        io.quarkus.runtime.configuration.MemorySize bodyBuffer();

        /** Bytes that the bodies being read from one client address may hold together (beyond: 429). */
        @WithDefault("4M")
        io.quarkus.runtime.configuration.MemorySize bodyBufferPerClient();

        /**
         * Where {@code GET /} sends a browser: the API's documentation (Swagger UI) where one is served. The local run
         * points it at the management port's; without it, {@code /} answers 404 with a problem, as any unknown path does.
         */
        java.util.Optional<String> frontPage();
    }

    interface Idempotency {
        /** How long the answer to a request sent with an Idempotency-Key is kept for its retries. */
        @WithDefault("24h")
        Duration retention();
    }

    interface Topics {
        @WithDefault("leads.events")
        String leads();

        @WithDefault("feedback.events")
        String feedback();

        @WithDefault("reporting.events")
        String reporting();

        @WithDefault("evidence")
        String evidence();

        /** Where this service parks records it cannot process. */
        @WithDefault("${quarkus.application.name}.dlq")
        String deadLetters();
    }

    interface Outbox {
        /** Off only for tools that write events but must not publish them (never in a deployed service). */
        @WithDefault("true")
        boolean relayEnabled();

        /** Rows published per relay transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * How often the relay looks for rows it was not woken for (a crashed replica's, a lane another replica held
         * when it was woken). Its own commits wake it at once, so idle it costs two statements a second.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * Shortest time between the starts of two relay transactions. Woken sooner, the relay waits out the rest, so
         * under load one transaction carries the events of several commits — one claim, one produce request, one
         * fetch and one consumer transaction downstream — instead of one each; commits further apart than this are
         * not held back. 10 ms took the machine from 1.97 to 1.72 cores at 200 acknowledgments/s and the end-to-end
         * p50 from 44–48 to 26–29 ms (medians of 3, BENCHMARKS.md, 2026-12-07); 5 ms changed nothing measurable.
         * 0 turns it off.
         */
        @WithDefault("10ms")
        Duration batchGap();

        /** How long the relay waits for the broker to acknowledge a batch before it rolls back and retries. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Longest pause between attempts while the broker or the database is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();
    }

    interface Timers {
        /** Whether this replica sweeps due timers. Tests turn it off and fire timers with a clock they control. */
        @WithDefault("true")
        boolean enabled();

        /** Timers fired per sweep before the next check; each fires in its own transaction. */
        @WithDefault("100")
        int batchSize();

        /** How often due timers are looked for (read by the scheduler as {@code closedloop.timers.sweep-every}). */
        @WithDefault("1s")
        java.time.Duration sweepEvery();
    }

    interface Consumer {
        /** Stem of this service's consumer group ids; each subscription appends its own name. */
        @WithDefault("${quarkus.application.name}")
        String group();

        /** How long consumed event ids are kept for de-duplication; far longer than any redelivery takes. */
        @WithDefault("14d")
        Duration inboxRetention();

        /** Longest pause between attempts while the database is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();
    }
}
