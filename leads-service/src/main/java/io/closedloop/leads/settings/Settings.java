package io.closedloop.leads.settings;

import java.time.Clock;
import java.util.Optional;

import io.closedloop.platform.problem.Problem;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.problem.ProblemType;
import io.closedloop.platform.cache.Cached;
import io.closedloop.platform.cache.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Reads and replaces configuration documents, with optimistic concurrency through their version. Documents are read
 * on every write path (the rules route each lead, the policies time it) and change rarely: each is kept, parsed, until
 * a replacement is announced ({@link ReferenceData}).
 */
@ApplicationScoped
public class Settings {

    /** How the documents' endpoints describe their version header and its use. */
    public static final String ETAG = "The document's version: send it back as If-Match to replace it";
    public static final String IF_MATCH = "The ETag of your read: the write applies only if nobody changed the document "
            + "since (412 otherwise); * to replace whatever is there";


    private static final String TOPIC = "settings";

    public record Versioned<T>(T value, long version) {

        public String etag() {
            return "\"" + version + "\"";
        }
    }

    private final Clock clock;
    private final ReferenceData reference;
    private final Cached<String, Versioned<?>> documents;

    Settings(Clock clock, ReferenceData reference) {
        this.clock = clock;
        this.reference = reference;
        this.documents = reference.cache(TOPIC);
    }

    /** The document, parsed; what it hands out is shared: read it, never change it. */
    @SuppressWarnings("unchecked")
    public <T> Versioned<T> read(String name, Class<T> type, T fallback) {
        Versioned<?> document = documents.get(name + ":" + type.getName(), key -> Setting.<Setting>findByIdOptional(name)
                .map(s -> new Versioned<>(Json.read(s.value, type), s.version))
                .orElse(new Versioned<>(fallback, 0)));
        return (Versioned<T>) document;
    }

    /**
     * Replaces the document. With {@code ifMatch} (an ETag from a read), only if nobody changed it since: else 412.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> Versioned<T> replace(String name, T value, String ifMatch, String by) {
        Optional<Setting> current = Setting.findByIdOptional(name, LockModeType.PESSIMISTIC_WRITE);
        long currentVersion = current.map(s -> s.version).orElse(0L);
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals("\"" + currentVersion + "\"")) {
            throw new ProblemException(Problem.of(ProblemType.PRECONDITION_FAILED, name + " changed since you read it "
                    + "(now version " + currentVersion + "); read it again and re-apply your change"));
        }
        Setting setting = current.orElseGet(() -> {
            Setting s = new Setting();
            s.name = name;
            return s;
        });
        setting.version = currentVersion + 1;
        setting.value = Json.write(value);
        setting.updatedBy = by;
        setting.updatedAt = clock.instant();
        setting.persist();
        reference.changed(TOPIC);
        return new Versioned<>(value, setting.version);
    }
}
