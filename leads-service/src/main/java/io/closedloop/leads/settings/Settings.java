package io.closedloop.leads.settings;

import java.time.Clock;
import java.util.Optional;

import io.closedloop.platform.problem.Problem;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Reads and replaces configuration documents, with optimistic concurrency through their version. */
@ApplicationScoped
public class Settings {

    public record Versioned<T>(T value, long version) {

        public String etag() {
            return "\"" + version + "\"";
        }
    }

    private final Clock clock;

    Settings(Clock clock) {
        this.clock = clock;
    }

    public <T> Versioned<T> read(String name, Class<T> type, T fallback) {
        return Setting.<Setting>findByIdOptional(name)
                .map(s -> new Versioned<>(Json.read(s.value, type), s.version))
                .orElse(new Versioned<>(fallback, 0));
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
        return new Versioned<>(value, setting.version);
    }
}
