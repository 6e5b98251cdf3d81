package io.closedloop.feedback.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.closedloop.feedback.webhook.Delivery;
import io.closedloop.feedback.webhook.Subscription;
import io.closedloop.feedback.webhook.WebhookDispatcher;
import io.closedloop.platform.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Tells a person something: into their inbox, and to each of their active webhook subscriptions that wants the type
 * (a delivery, retried until it lands). Never silence: every echo, lateness and escalation goes through here.
 */
@ApplicationScoped
public class Notifier {

    private static final Object WAKE_UP = new Object();

    /** What a notification is attached to. */
    public record About(UUID loopId, UUID leadId, UUID complaintId) {

        public static About loop(UUID loopId, UUID leadId) {
            return new About(loopId, leadId, null);
        }

        public static About lead(UUID leadId) {
            return new About(null, leadId, null);
        }

        public static About complaint(UUID complaintId) {
            return new About(null, null, complaintId);
        }

        public static About nothing() {
            return new About(null, null, null);
        }
    }

    /**
     * How a message stands against the deadline it answers: when that was due, whether it is late, and how long after
     * its clock started it came. {@link #NONE} for messages that answer no deadline.
     */
    public record Timing(Instant dueAt, Boolean late, Long latencySeconds) {

        public static final Timing NONE = new Timing(null, null, null);

        /** Of something that was due at {@code dueAt} on a clock started at {@code clockStart}, told at {@code at}. */
        public static Timing of(Instant clockStart, Instant dueAt, Instant at) {
            return new Timing(dueAt, dueAt != null && at.isAfter(dueAt),
                    clockStart == null ? null : Math.max(0, java.time.Duration.between(clockStart, at).toSeconds()));
        }
    }

    private final Clock clock;
    private final WebhookDispatcher dispatcher;
    private final AfterCommit afterCommit;

    Notifier(Clock clock, WebhookDispatcher dispatcher, AfterCommit afterCommit) {
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.afterCommit = afterCommit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Notification notify(String recipientId, NotificationType type, String title, String body, About about) {
        return notify(recipientId, type, title, body, about, Timing.NONE);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Notification notify(String recipientId, NotificationType type, String title, String body, About about,
                               Timing timing) {
        if (recipientId == null) {
            return null;
        }
        Instant now = clock.instant();
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.recipientId = recipientId;
        notification.type = type.wireName();
        notification.title = title;
        notification.body = body;
        notification.loopId = about.loopId();
        notification.leadId = about.leadId();
        notification.complaintId = about.complaintId();
        notification.createdAt = now;
        notification.dueAt = timing.dueAt();
        notification.late = timing.late();
        notification.latencySeconds = timing.latencySeconds();
        notification.persist();
        boolean queued = false;
        for (Subscription subscription : Subscription.<Subscription>list("ownerId = ?1 and state = ?2", recipientId,
                Subscription.State.ACTIVE)) {
            if (subscription.wants(notification.type)) {
                Delivery delivery = new Delivery();
                delivery.id = UUID.randomUUID();
                delivery.subscriptionId = subscription.id;
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
        return notification;
    }
}
