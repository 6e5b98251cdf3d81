package io.closedloop.platform.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.closedloop.platform.config.PlatformConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

/**
 * Forgets consumed event ids once no redelivery can bring them back, a bounded batch at a time: in the service's
 * {@code inbox_event} and in every inbox a handler keeps elsewhere ({@link OtherInboxes}).
 */
@ApplicationScoped
public class InboxCleanup {

    /** Inbox tables a service keeps besides its {@code inbox_event} (see {@link EventHandler#inboxTable()}). */
    public interface OtherInboxes {

        /** Qualified table names, as the handlers name them; asked at every cleanup. */
        List<String> tables();
    }

    private final EntityManager entityManager;
    private final Duration retention;
    private final Instance<OtherInboxes> others;

    InboxCleanup(EntityManager entityManager, PlatformConfig config, Instance<OtherInboxes> others) {
        this.entityManager = entityManager;
        this.retention = config.consumer().inboxRetention();
        this.others = others;
    }

    @Scheduled(every = "${closedloop.consumer.inbox-cleanup-every:1h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void purge() {
        List<String> tables = new ArrayList<>(List.of("inbox_event"));
        others.forEach(o -> tables.addAll(o.tables()));
        tables.forEach(this::purge);
    }

    private void purge(String table) {
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                    DELETE FROM %1$s WHERE ctid IN (
                        SELECT ctid FROM %1$s
                        WHERE processed_at < clock_timestamp() - make_interval(secs => ?1) LIMIT 10000)""".formatted(table))
                    .setParameter(1, (double) retention.toSeconds())
                    .executeUpdate());
        } while (deleted == 10_000);
    }
}
