package io.closedloop.feedback.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.closedloop.events.EventJson;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.platform.problem.Problem;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The echo policy in force for each loop kind: the one last written through the API, else the configured default
 * (version 0). Loops read a policy for every echo and deadline, so each kind is kept in memory for a few seconds; a
 * write here forgets it at once, and other replicas see the write within {@link #FRESH_FOR}.
 */
@ApplicationScoped
public class EchoPolicies {

    /** How long a replica trusts the policy it read. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    /** A policy with the version its ETag names. */
    public record Versioned(EchoPolicy policy, long version) {

        public String etag() {
            return "\"" + version + "\"";
        }
    }

    private record Cached(Versioned value, long readAt) {
    }

    private final FeedbackConfig config;
    private final Clock clock;
    private final Map<LoopKind, Cached> cache = new ConcurrentHashMap<>();

    EchoPolicies(FeedbackConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The policy in force for {@code kind}. */
    public EchoPolicy of(LoopKind kind) {
        return read(kind).policy();
    }

    /** The policy in force with its version; straight from the database, for reads that hand out an ETag. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned current(LoopKind kind) {
        EchoPolicyDocument document = EchoPolicyDocument.findById(kind.name());
        return document == null ? new Versioned(EchoPolicy.of(config, kind), 0)
                : new Versioned(parse(document.value), document.version);
    }

    /**
     * Replaces the policy of {@code kind}. With {@code ifMatch} (an ETag from a read), only if nobody changed it
     * since: else 412.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Versioned replace(LoopKind kind, EchoPolicy policy, String ifMatch, String by) {
        EchoPolicyDocument document = EchoPolicyDocument.findById(kind.name(), LockModeType.PESSIMISTIC_WRITE);
        long currentVersion = document == null ? 0 : document.version;
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals("\"" + currentVersion + "\"")) {
            throw new ProblemException(Problem.of(ProblemType.PRECONDITION_FAILED, "The " + kind.name().toLowerCase()
                    + " echo policy changed since you read it (now version " + currentVersion + "); read it again "
                    + "and re-apply your change"));
        }
        if (document == null) {
            document = new EchoPolicyDocument();
            document.kind = kind.name();
        }
        document.version = currentVersion + 1;
        document.value = write(policy);
        document.updatedBy = by;
        document.updatedAt = clock.instant();
        document.persist();
        cache.remove(kind);
        return new Versioned(policy, document.version);
    }

    private Versioned read(LoopKind kind) {
        long now = System.nanoTime();
        Cached cached = cache.get(kind);
        if (cached != null && now - cached.readAt() < FRESH_FOR.toNanos()) {
            return cached.value();
        }
        Versioned value = current(kind);
        cache.put(kind, new Cached(value, now));
        return value;
    }

    private static EchoPolicy parse(String json) {
        try {
            return EventJson.mapper().readValue(json, EchoPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable echo policy document: " + e.getMessage(), e);
        }
    }

    private static String write(EchoPolicy policy) {
        try {
            return EventJson.mapper().writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
