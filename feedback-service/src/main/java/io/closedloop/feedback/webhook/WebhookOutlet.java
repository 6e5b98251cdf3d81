package io.closedloop.feedback.webhook;

import java.time.Instant;
import java.util.UUID;

import io.closedloop.feedback.notification.Notification;
import io.closedloop.feedback.notification.Notifier;
import io.closedloop.platform.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A notification's way out by webhook: a delivery for each of the recipient's active subscriptions that wants its
 * type, in the notifying transaction; the dispatcher is woken once that commits.
 */
@ApplicationScoped
public class WebhookOutlet implements Notifier.Outlet {

    private static final Object WAKE_UP = new Object();

    private final WebhookDispatcher dispatcher;
    private final AfterCommit afterCommit;
    private final ActiveSubscriptions subscriptions;

    WebhookOutlet(WebhookDispatcher dispatcher, AfterCommit afterCommit, ActiveSubscriptions subscriptions) {
        this.dispatcher = dispatcher;
        this.afterCommit = afterCommit;
        this.subscriptions = subscriptions;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(Notification notification) {
        Instant now = notification.createdAt;
        boolean queued = false;
        for (ActiveSubscriptions.Wanted subscription : subscriptions.of(notification.recipientId)) {
            if (subscription.wants(notification.type)) {
                Delivery delivery = new Delivery();
                delivery.id = UUID.randomUUID();
                delivery.subscriptionId = subscription.subscriptionId();
                delivery.notificationId = notification.id;
                delivery.state = Delivery.State.PENDING;
                delivery.nextAttemptAt = now;
                delivery.createdAt = now;
                delivery.persist();
                queued = true;
            }
        }
        if (queued) {
            afterCommit.once(WAKE_UP, dispatcher::wakeUp);
        }
    }
}
