package io.closedloop.feedback.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.closedloop.events.EventJson;
import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.notification.Notification;
import io.closedloop.feedback.notification.NotificationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * Sends pending webhook deliveries. Due deliveries are leased (FOR UPDATE SKIP LOCKED, so several replicas never
 * send one twice at once), POSTed signed and outside any transaction, and their outcome recorded: delivered, or
 * retried with backoff and jitter, or failed after {@code max-attempts}. A subscription that keeps failing is
 * suspended and its owner told. Every attempt is logged.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 50;

    private final EntityManager entityManager;
    private final Clock clock;
    private final FeedbackConfig.Webhooks config;
    private final RetrySchedule retries;
    private final Provider<io.closedloop.feedback.notification.Notifier> notifier;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter delivered;
    private final Counter failedAttempts;
    private volatile boolean running;

    @Inject
    WebhookDispatcher(EntityManager entityManager, Clock clock, FeedbackConfig config,
                      Provider<io.closedloop.feedback.notification.Notifier> notifier, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config.webhooks();
        this.retries = new RetrySchedule(this.config.firstRetry(), this.config.maxRetry());
        this.notifier = notifier;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.delivered = Counter.builder("closedloop.webhooks.delivered").description("Webhook deliveries that landed")
                .register(registry);
        this.failedAttempts = Counter.builder("closedloop.webhooks.failed.attempts")
                .description("Webhook delivery attempts that failed").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.dispatchEnabled()) {
            return;
        }
        running = true;
        Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
    }

    @PreDestroy
    void close() {
        senders.shutdownNow();
    }

    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (dispatchDue() == 0) {
                    wakeUps.tryAcquire(1, TimeUnit.SECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Webhook dispatch failed, retrying: %s", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Sends every delivery due now (by the injected clock); returns how many were attempted. */
    public int dispatchDue() {
        List<Leased> leased = lease();
        if (leased.isEmpty()) {
            return 0;
        }
        List<Future<?>> sending = new ArrayList<>();
        for (Leased delivery : leased) {
            sending.add(senders.submit(() -> send(delivery)));
        }
        for (Future<?> f : sending) {
            try {
                f.get();
            } catch (Exception e) {
                LOG.warnf("A webhook delivery could not be recorded: %s", e.getMessage());
            }
        }
        return leased.size();
    }

    /** A delivery with what it takes to send it. */
    record Leased(UUID deliveryId, UUID subscriptionId, String url, String secret, int attempts, String body,
                  String type, UUID notificationId) {
    }

    private List<Leased> lease() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> ids = entityManager.createNativeQuery("""
                    SELECT d.id FROM delivery d JOIN subscription s ON s.id = d.subscription_id
                    WHERE d.state = 'PENDING' AND s.state = 'ACTIVE' AND d.next_attempt_at <= ?1
                      AND (d.leased_until IS NULL OR d.leased_until < ?1)
                    ORDER BY d.next_attempt_at LIMIT ?2 FOR UPDATE OF d SKIP LOCKED""")
                    .setParameter(1, Timestamp.from(now)).setParameter(2, BATCH)
                    .getResultList();
            List<Leased> leased = new ArrayList<>();
            for (Object id : ids) {
                Delivery delivery = entityManager.find(Delivery.class, id);
                delivery.leasedUntil = now.plus(LEASE);
                Subscription subscription = entityManager.find(Subscription.class, delivery.subscriptionId);
                Notification notification = entityManager.find(Notification.class, delivery.notificationId);
                leased.add(new Leased(delivery.id, subscription.id, subscription.url, subscription.secret,
                        delivery.attempts, body(notification, delivery), notification.type, notification.id));
            }
            return leased;
        });
    }

    private void send(Leased delivery) {
        Instant attemptedAt = clock.instant();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "ClosedLoop-Webhooks/1")
                    .header(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(), attemptedAt, delivery.body()))
                    .header("Closedloop-Event-Id", delivery.notificationId().toString())
                    .header("Closedloop-Event-Type", delivery.type())
                    .header("Closedloop-Delivery-Id", delivery.deliveryId().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        record(delivery, attemptedAt, status, error, (System.nanoTime() - started) / 1_000_000);
    }

    private void record(Leased leased, Instant attemptedAt, Integer status, String error, long durationMs) {
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery delivery = entityManager.find(Delivery.class, leased.deliveryId(),
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            Subscription subscription = entityManager.find(Subscription.class, leased.subscriptionId(),
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            DeliveryAttempt attempt = new DeliveryAttempt();
            attempt.deliveryId = delivery.id;
            attempt.attemptedAt = attemptedAt;
            attempt.status = status;
            attempt.error = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
            attempt.durationMs = durationMs;
            attempt.persist();
            delivery.attempts++;
            delivery.lastStatus = status;
            delivery.lastError = attempt.error;
            delivery.leasedUntil = null;
            if (error == null) {
                delivery.state = Delivery.State.DELIVERED;
                delivery.deliveredAt = attemptedAt;
                delivery.nextAttemptAt = null;
                subscription.consecutiveFailures = 0;
                delivered.increment();
                return;
            }
            failedAttempts.increment();
            subscription.consecutiveFailures++;
            if (delivery.attempts >= config.maxAttempts()) {
                delivery.state = Delivery.State.FAILED;
                delivery.nextAttemptAt = null;
            } else {
                delivery.nextAttemptAt = attemptedAt.plus(retries.after(delivery.attempts, ThreadLocalRandom.current()));
            }
            if (subscription.state == Subscription.State.ACTIVE && subscription.consecutiveFailures >= config.suspendAfter()) {
                subscription.state = Subscription.State.SUSPENDED;
                subscription.suspendedAt = clock.instant();
                LOG.warnf("Webhook subscription %s suspended after %d failed attempts", subscription.id,
                        subscription.consecutiveFailures);
                notifier.get().notify(subscription.ownerId, NotificationType.SUBSCRIPTION_SUSPENDED,
                        "Your webhook was suspended",
                        "Deliveries to " + subscription.url + " failed " + subscription.consecutiveFailures
                                + " times in a row (last: " + error + "). Nothing is lost: fix the receiver and resume "
                                + "the subscription to receive what is pending.",
                        io.closedloop.feedback.notification.Notifier.About.nothing());
            }
        });
    }

    private static String body(Notification n, Delivery d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", n.id);
        body.put("deliveryId", d.id);
        body.put("type", n.type);
        body.put("recipientId", n.recipientId);
        body.put("title", n.title);
        body.put("body", n.body);
        if (n.loopId != null) {
            body.put("loopId", n.loopId);
        }
        if (n.leadId != null) {
            body.put("leadId", n.leadId);
        }
        if (n.complaintId != null) {
            body.put("complaintId", n.complaintId);
        }
        body.put("createdAt", n.createdAt.toString());
        if (n.dueAt != null) {
            body.put("dueAt", n.dueAt.toString());
        }
        if (n.late != null) {
            body.put("late", n.late);
        }
        if (n.latencySeconds != null) {
            body.put("latencySeconds", n.latencySeconds);
        }
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
