package io.closedloop.feedback.webhook;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.notification.Notification;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import io.closedloop.feedback.notification.LeadLinks;
import io.closedloop.platform.worker.WakeableLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Sends pending webhook deliveries, each subscriber on its own: at most {@code concurrency} deliveries at once, never
 * two to one subscription, each with a deadline on the whole exchange ({@link WebhookSender}). A slow or stalled
 * receiver holds one sender until its deadline while every other subscriber is served. Due deliveries are leased
 * (FOR UPDATE SKIP LOCKED, so several replicas never send one twice at once), sent outside any transaction, and their
 * outcome recorded by {@link DeliveryOutcomes}.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    /** A delivery with what it takes to send it. */
    record Leased(UUID deliveryId, UUID subscriptionId, String url, String secret, int attempts, String body,
                  String type, UUID notificationId) {
    }

    private final EntityManager entityManager;
    private final Clock clock;
    private final FeedbackConfig.Webhooks config;
    private final LeadLinks leadLinks;
    private final WebhookSender sender;
    private final DeliveryOutcomes outcomes;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final WakeableLoop worker = new WakeableLoop("webhook-dispatcher", Duration.ofSeconds(1), () -> startDue().size());

    @Inject
    WebhookDispatcher(EntityManager entityManager, Clock clock, FeedbackConfig config, DeliveryOutcomes outcomes) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config.webhooks();
        this.leadLinks = new LeadLinks(config.leadLink());
        this.outcomes = outcomes;
        this.sender = new WebhookSender(this.config.timeout(),
                new UrlPolicy.Rules(this.config.allowPrivateNetwork(), this.config.requireHttps()));
        this.slots = new Semaphore(this.config.concurrency());
    }

    void onStart(@Observes StartupEvent event) {
        if (config.dispatchEnabled()) {
            worker.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.stop();
    }

    @PreDestroy
    void close() {
        senders.shutdownNow();
    }

    public void wakeUp() {
        worker.wakeUp();
    }

    /**
     * Starts every delivery due now (by the injected clock) that a free sender can take, one per subscription with
     * nothing in flight; returns them as they run.
     */
    public List<Future<?>> startDue() {
        int free = slots.availablePermits();
        if (free == 0) {
            return List.of();
        }
        List<Leased> leased = lease(free);
        List<Future<?>> started = new ArrayList<>();
        for (Leased delivery : leased) {
            slots.acquireUninterruptibly();
            inFlight.add(delivery.subscriptionId());
            started.add(senders.submit(() -> {
                try {
                    Instant attemptedAt = clock.instant();
                    outcomes.record(delivery, attemptedAt, sender.send(delivery, attemptedAt));
                } catch (RuntimeException e) {
                    LOG.warnf("A webhook delivery could not be recorded: %s", e.getMessage());
                } finally {
                    inFlight.remove(delivery.subscriptionId());
                    slots.release();
                    wakeUp();
                }
            }));
        }
        return started;
    }

    /**
     * Sends everything due now and waits for it, round after round until nothing due is left (a failed attempt is due
     * again only later): how tests and shutdown drain the queue. Returns how many attempts were made.
     */
    public int dispatchDue() {
        int attempts = 0;
        List<Future<?>> round;
        while (!(round = startDue()).isEmpty()) {
            for (Future<?> sending : round) {
                try {
                    sending.get();
                } catch (Exception e) {
                    LOG.warnf("A webhook delivery failed to complete: %s", e.getMessage());
                }
            }
            attempts += round.size();
        }
        return attempts;
    }

    private List<Leased> lease(int limit) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> ids = entityManager.unwrap(Session.class).doReturningWork(c -> {
                List<UUID> found = new ArrayList<>();
                // The oldest due delivery of each subscription with nothing in flight here or leased elsewhere.
                try (var s = c.prepareStatement("""
                        SELECT d.id FROM delivery d WHERE d.id IN (
                            SELECT DISTINCT ON (p.subscription_id) p.id FROM delivery p
                            JOIN subscription s ON s.id = p.subscription_id
                            WHERE p.state = 'PENDING' AND s.state = 'ACTIVE' AND p.next_attempt_at <= ?
                              AND (p.leased_until IS NULL OR p.leased_until < ?) AND NOT (p.subscription_id = ANY (?))
                              AND NOT EXISTS (SELECT 1 FROM delivery o WHERE o.subscription_id = p.subscription_id
                                              AND o.state = 'PENDING' AND o.leased_until >= ?)
                            ORDER BY p.subscription_id, p.next_attempt_at, p.created_at)
                        ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED""")) {
                    Timestamp at = Timestamp.from(now);
                    Array busy = c.createArrayOf("uuid", inFlight.toArray());
                    s.setTimestamp(1, at);
                    s.setTimestamp(2, at);
                    s.setArray(3, busy);
                    s.setTimestamp(4, at);
                    s.setInt(5, limit);
                    try (var rs = s.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
                return found;
            });
            List<Leased> leased = new ArrayList<>();
            for (UUID id : ids) {
                Delivery delivery = entityManager.find(Delivery.class, id);
                delivery.leasedUntil = now.plus(LEASE);
                Subscription subscription = entityManager.find(Subscription.class, delivery.subscriptionId);
                Notification notification = entityManager.find(Notification.class, delivery.notificationId);
                leased.add(new Leased(delivery.id, subscription.id, subscription.url, subscription.secret,
                        delivery.attempts, WebhookPayload.of(notification, delivery, subscription.format, leadLinks),
                        notification.type, notification.id));
            }
            return leased;
        });
    }
}
