package io.closedloop.platform.idempotency;

import java.util.List;
import java.util.Optional;

import io.closedloop.platform.config.PlatformConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The remembered answers of idempotent requests ({@code idempotent_request}, platform migration V0_4). */
@ApplicationScoped
public class IdempotencyStore {

    /** What a request was answered, to answer a retry with. */
    public record Answer(String operation, String requestHash, int status, String location, String body) {
    }

    private final EntityManager entityManager;
    private final PlatformConfig config;

    IdempotencyStore(EntityManager entityManager, PlatformConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /**
     * Claims the key for this request, in the caller's transaction: empty when it is new (the request runs), else the
     * earlier request's answer. A concurrent request with the same key waits here until the first one's transaction
     * ends, then sees its answer (or, if it failed, claims the key itself).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Answer> claim(String caller, String key, String operation, String requestHash) {
        int inserted = entityManager.createNativeQuery("INSERT INTO idempotent_request (caller, key, operation, request_hash, "
                        + "status) VALUES (?1, ?2, ?3, ?4, 0) ON CONFLICT (caller, key) DO NOTHING")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, operation).setParameter(4, requestHash)
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT operation, request_hash, status, location, body "
                        + "FROM idempotent_request WHERE caller = ?1 AND key = ?2")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        Object[] row = rows.getFirst();
        return Optional.of(new Answer((String) row[0], (String) row[1], ((Number) row[2]).intValue(), (String) row[3],
                (String) row[4]));
    }

    /** Remembers the answer, in the same transaction as the request's effects. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String caller, String key, int status, String location, String body) {
        entityManager.createNativeQuery("UPDATE idempotent_request SET status = ?3, location = ?4, body = ?5 "
                        + "WHERE caller = ?1 AND key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, status).setParameter(4, location)
                .setParameter(5, body).executeUpdate();
    }

    /** Forgets answers older than the retention, a bounded batch at a time. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                    DELETE FROM idempotent_request WHERE ctid IN (
                        SELECT ctid FROM idempotent_request
                        WHERE created_at < clock_timestamp() - make_interval(secs => ?1) LIMIT 10000)""")
                    .setParameter(1, (double) config.idempotency().retention().toSeconds())
                    .executeUpdate());
        } while (deleted == 10_000);
    }
}
