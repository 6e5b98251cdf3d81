package io.closedloop.feedback.webhook;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * How the webhook queue stands, for the dashboard and the alerts: deliveries waiting, the age of the oldest (a stuck
 * queue shows here before anyone complains), and subscriptions suspended. Every replica reports the same figures from
 * the database; dashboards take their max.
 */
@ApplicationScoped
@Startup
public class WebhookGauges {

    private final EntityManager entityManager;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private final AtomicLong suspended = new AtomicLong();

    WebhookGauges(EntityManager entityManager, MeterRegistry registry) {
        this.entityManager = entityManager;
        Gauge.builder("closedloop.webhooks.pending", pending, AtomicLong::get)
                .description("Webhook deliveries not yet delivered or given up, to active subscriptions").register(registry);
        Gauge.builder("closedloop.webhooks.oldest.pending", oldestPendingSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest pending webhook delivery to an active subscription has waited")
                .register(registry);
        Gauge.builder("closedloop.webhooks.subscriptions.suspended", suspended, AtomicLong::get)
                .description("Webhook subscriptions suspended after failing again and again").register(registry);
    }

    @Scheduled(every = "${closedloop.feedback.webhooks.gauges-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            Object[] queue = (Object[]) entityManager.createNativeQuery("""
                    SELECT count(*), coalesce(extract(epoch FROM clock_timestamp() - min(d.created_at)), 0)
                    FROM delivery d JOIN subscription s ON s.id = d.subscription_id
                    WHERE d.state = 'PENDING' AND s.state = 'ACTIVE'""").getSingleResult();
            pending.set(((Number) queue[0]).longValue());
            oldestPendingSeconds.set(((Number) queue[1]).longValue());
            @SuppressWarnings("unchecked")
            List<Object> count = entityManager.createNativeQuery(
                    "SELECT count(*) FROM subscription WHERE state = 'SUSPENDED'").getResultList();
            suspended.set(((Number) count.getFirst()).longValue());
        });
    }
}
