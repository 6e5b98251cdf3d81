package io.closedloop.feedback.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.feedback.notification.Notification;
import io.closedloop.platform.retry.RetrySchedule;
import io.closedloop.platform.worker.WakeableLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Sends the mail outbox through the SMTP server, outside any transaction: due messages are leased (FOR UPDATE SKIP
 * LOCKED, so replicas never send one at once), sent one by one, each step of the exchange with a deadline
 * ({@link Smtp}), then marked sent, or retried with backoff and given up after {@code max-attempts}. A crash between
 * the server's acceptance and the mark sends the message again, with the same Message-ID, which lets a mail system
 * tell the two apart.
 *
 * <p>An echo is rendered when first leased, in the leasing transaction: by then the directory knows the recipient's
 * address and name even when the event that named them came after the one that notified them. A recipient without an
 * address is tried again later, and given up after {@link #NO_ADDRESS_FOR} — their inbox has the message anyway.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 20;
    private static final Duration NO_ADDRESS_FOR = Duration.ofHours(1);
    private static final Duration ASK_AGAIN = Duration.ofSeconds(30);

    /** A message with what it takes to send it. */
    record Leased(UUID id, String address, String subject, String text, String html, int attempts) {
    }

    private final FeedbackConfig.Mail config;
    private final Clock clock;
    private final EntityManager entityManager;
    private final Smtp smtp;
    private final RetrySchedule retries;
    private final MeterRegistry registry;
    private final Directory directory;
    private final Preferences preferences;
    private final MailTemplates templates;
    private final WakeableLoop worker = new WakeableLoop("mail-sender", Duration.ofSeconds(1), this::sendDue);

    MailSender(FeedbackConfig config, Clock clock, EntityManager entityManager, MeterRegistry registry,
               Directory directory, Preferences preferences) {
        this.config = config.mail();
        this.directory = directory;
        this.preferences = preferences;
        this.templates = new MailTemplates(config.leadLink());
        this.clock = clock;
        this.entityManager = entityManager;
        this.retries = new RetrySchedule(this.config.firstRetry(), this.config.maxRetry());
        this.registry = registry;
        this.smtp = Smtp.of(this.config);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled() && config.dispatchEnabled()) {
            worker.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.stop();
    }

    public void wakeUp() {
        worker.wakeUp();
    }

    /** Sends every message due now (by the injected clock), batch after batch; returns how many attempts were made. */
    public int sendDue() {
        int attempts = 0;
        List<Leased> batch;
        while (!(batch = lease()).isEmpty()) {
            for (Leased message : batch) {
                record(message, smtp.send(message));
                attempts++;
            }
        }
        return attempts;
    }

    private List<Leased> lease() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> ids = entityManager.unwrap(Session.class).doReturningWork(c -> {
                List<UUID> found = new ArrayList<>();
                try (var s = c.prepareStatement("""
                        UPDATE mail_message SET leased_until = ? WHERE id IN (
                            SELECT id FROM mail_message WHERE state = 'PENDING' AND next_attempt_at <= ?
                              AND (leased_until IS NULL OR leased_until < ?)
                            ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id""")) {
                    s.setTimestamp(1, Timestamp.from(now.plus(LEASE)));
                    s.setTimestamp(2, Timestamp.from(now));
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setInt(4, BATCH);
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
                MailMessage message = entityManager.find(MailMessage.class, id);
                if (!message.isRendered() && !render(message, now)) {
                    continue;
                }
                leased.add(new Leased(message.id, message.address, message.subject, message.textBody, message.htmlBody,
                        message.attempts));
            }
            return leased;
        });
    }

    /** Renders an echo from its notification and the directory as they are now; false when there is no address yet. */
    private boolean render(MailMessage message, Instant now) {
        Optional<String> address = directory.emailOf(message.recipientId);
        if (address.isEmpty()) {
            boolean givenUp = message.createdAt.plus(NO_ADDRESS_FOR).isBefore(now);
            message.state = givenUp ? MailMessage.State.FAILED : MailMessage.State.PENDING;
            message.lastError = "no e-mail address known for " + message.recipientId;
            message.nextAttemptAt = givenUp ? now : now.plus(ASK_AGAIN);
            message.leasedUntil = null;
            return false;
        }
        Notification notification = entityManager.find(Notification.class, message.notificationId);
        ZoneId zone = preferences.of(message.recipientId).zone().orElseGet(() -> directory.zoneOf(message.recipientId));
        message.rendered(address.get(), templates.echo(directory.nameOf(message.recipientId), MailOutlet.item(notification), zone));
        return true;
    }

    private void record(Leased message, String failure) {
        Instant now = clock.instant();
        int attempts = message.attempts() + 1;
        boolean givenUp = failure != null && attempts >= config.maxAttempts();
        QuarkusTransaction.requiringNew().run(() -> entityManager.unwrap(Session.class).doWork(c -> {
            try (var s = c.prepareStatement("""
                    UPDATE mail_message SET state = ?, attempts = ?, sent_at = ?, next_attempt_at = ?, leased_until = NULL,
                           last_error = ? WHERE id = ?""")) {
                s.setString(1, failure == null ? "SENT" : givenUp ? "FAILED" : "PENDING");
                s.setInt(2, attempts);
                s.setTimestamp(3, failure == null ? Timestamp.from(now) : null);
                s.setTimestamp(4, Timestamp.from(failure == null || givenUp ? now
                        : now.plus(retries.after(attempts, ThreadLocalRandom.current()))));
                s.setString(5, failure);
                s.setObject(6, message.id());
                s.executeUpdate();
            }
        }));
        registry.counter("closedloop.mail.attempts", "outcome", failure == null ? "sent" : givenUp ? "given-up" : "retry")
                .increment();
        if (failure != null) {
            LOG.warnf("E-mail %s not sent (attempt %d): %s", message.id(), attempts, failure);
        }
    }
}
