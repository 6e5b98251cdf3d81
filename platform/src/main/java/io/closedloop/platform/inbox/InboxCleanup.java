package io.closedloop.platform.inbox;

import java.time.Duration;

import io.closedloop.platform.config.PlatformConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Forgets consumed event ids once no redelivery can bring them back, a bounded batch at a time. */
@ApplicationScoped
public class InboxCleanup {

    private final EntityManager entityManager;
    private final Duration retention;

    InboxCleanup(EntityManager entityManager, PlatformConfig config) {
        this.entityManager = entityManager;
        this.retention = config.consumer().inboxRetention();
    }

    @Scheduled(every = "${closedloop.consumer.inbox-cleanup-every:1h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                    DELETE FROM inbox_event WHERE ctid IN (
                        SELECT ctid FROM inbox_event
                        WHERE processed_at < clock_timestamp() - make_interval(secs => ?1) LIMIT 10000)""")
                    .setParameter(1, (double) retention.toSeconds())
                    .executeUpdate());
        } while (deleted == 10_000);
    }
}
