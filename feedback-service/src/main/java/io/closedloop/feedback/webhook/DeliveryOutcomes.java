package io.closedloop.feedback.webhook;

import io.closedloop.platform.retry.RetrySchedule;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.notification.NotificationType;
import io.closedloop.feedback.notification.Notifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

/**
 * Records what became of a delivery attempt: delivered, or retried with backoff and jitter, or failed after
 * {@code max-attempts}; a subscription that keeps failing is suspended and its owner told. A subscription deleted while
 * its delivery was on its way leaves nothing to record.
 */
@ApplicationScoped
@Startup
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    private final EntityManager entityManager;
    private final Clock clock;
    private final FeedbackConfig.Webhooks config;
    private final RetrySchedule retries;
    private final Provider<Notifier> notifier;
    private final ActiveSubscriptions subscriptions;
    private final Counter delivered;
    private final Counter failedAttempts;

    DeliveryOutcomes(EntityManager entityManager, Clock clock, FeedbackConfig config, Provider<Notifier> notifier,
                     ActiveSubscriptions subscriptions, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config.webhooks();
        this.retries = new RetrySchedule(this.config.firstRetry(), this.config.maxRetry());
        this.notifier = notifier;
        this.subscriptions = subscriptions;
        this.delivered = Counter.builder("closedloop.webhooks.delivered").description("Webhook deliveries that landed")
                .register(registry);
        this.failedAttempts = Counter.builder("closedloop.webhooks.failed.attempts")
                .description("Webhook delivery attempts that failed").register(registry);
    }

    void record(WebhookDispatcher.Leased leased, Instant attemptedAt, WebhookSender.Attempt outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery delivery = entityManager.find(Delivery.class, leased.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
            Subscription subscription = entityManager.find(Subscription.class, leased.subscriptionId(),
                    LockModeType.PESSIMISTIC_WRITE);
            if (delivery == null || subscription == null) {
                LOG.debugf("Delivery %s was unsubscribed while on its way", leased.deliveryId());
                return;
            }
            boolean landed = outcome.outcome() == WebhookSender.Outcome.DELIVERED;
            DeliveryAttempt attempt = new DeliveryAttempt();
            attempt.deliveryId = delivery.id;
            attempt.attemptedAt = attemptedAt;
            attempt.status = outcome.status();
            attempt.error = landed ? null : outcome.outcome().name();
            attempt.durationMs = outcome.durationMs();
            attempt.persist();
            delivery.attempts++;
            delivery.lastStatus = outcome.status();
            delivery.lastError = attempt.error;
            delivery.leasedUntil = null;
            if (landed) {
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
                subscriptions.changed();
                LOG.warnf("Webhook subscription %s suspended after %d failed attempts", subscription.id,
                        subscription.consecutiveFailures);
                notifier.get().notify(subscription.ownerId, NotificationType.SUBSCRIPTION_SUSPENDED,
                        "Your webhook was suspended",
                        "Deliveries to " + subscription.url + " failed " + subscription.consecutiveFailures
                                + " times in a row (last: " + describe(outcome) + "). Nothing is lost: fix the receiver and "
                                + "resume the subscription to receive what is pending.",
                        Notifier.About.nothing());
            }
        });
    }

    /** An outcome as its subscriber is told it. */
    static String describe(WebhookSender.Attempt attempt) {
        return switch (attempt.outcome()) {
            case DELIVERED -> "delivered";
            case HTTP_ERROR -> "the receiver answered HTTP " + attempt.status();
            case TIMEOUT -> "no complete answer in time";
            case UNREACHABLE -> "the receiver could not be reached";
            case ADDRESS_REFUSED -> "the address is not a public one";
        };
    }
}
