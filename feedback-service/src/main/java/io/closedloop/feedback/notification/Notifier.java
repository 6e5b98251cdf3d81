package io.closedloop.feedback.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

/**
 * Tells a person something: into their inbox, and on to every {@link Outlet} (each of their active webhook
 * subscriptions that wants the type gets a delivery, retried until it lands). Never silence: every echo, lateness and
 * escalation goes through here.
 */
@ApplicationScoped
public class Notifier {

    /**
     * Where a stored notification goes besides the inbox, in the notifying transaction. Provided from above (the
     * webhooks), so that notifying does not depend on how notifications leave the service.
     */
    public interface Outlet {

        void stored(Notification notification);
    }

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
    private final Instance<Outlet> outlets;

    Notifier(Clock clock, Instance<Outlet> outlets) {
        this.clock = clock;
        this.outlets = outlets;
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
        for (Outlet outlet : outlets) {
            outlet.stored(notification);
        }
        return notification;
    }
}
