package io.closedloop.feedback.mail;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One e-mail in the mail outbox: rendered when its notification (or digest) was stored, in that transaction, and
 * sent by {@link MailSender} once it has committed — never on a request's path.
 */
@Entity
@Table(name = "mail_message")
public class MailMessage extends PanacheEntityBase {

    public enum Kind { ECHO, DIGEST }

    public enum State { PENDING, SENT, FAILED }

    @Id
    public UUID id;

    @Column(name = "recipient_id", nullable = false)
    public String recipientId;

    /** Absent until rendered: an echo is rendered when first sent. */
    public String address;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "notification_id")
    public UUID notificationId;

    public String subject;

    @Column(name = "text_body")
    public String textBody;

    @Column(name = "html_body")
    public String htmlBody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "leased_until")
    public Instant leasedUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** An echo of a notification, rendered when first sent. */
    static MailMessage echo(String recipientId, UUID notificationId, Instant now) {
        MailMessage message = pending(recipientId, Kind.ECHO, now);
        message.notificationId = notificationId;
        return message;
    }

    /** A digest, rendered as it is gathered. */
    static MailMessage digest(String recipientId, String address, MailTemplates.Rendered mail, Instant now) {
        MailMessage message = pending(recipientId, Kind.DIGEST, now);
        message.rendered(address, mail);
        return message;
    }

    void rendered(String address, MailTemplates.Rendered mail) {
        this.address = address;
        this.subject = mail.subject();
        this.textBody = mail.text();
        this.htmlBody = mail.html();
    }

    boolean isRendered() {
        return address != null;
    }

    private static MailMessage pending(String recipientId, Kind kind, Instant now) {
        MailMessage message = new MailMessage();
        message.id = UUID.randomUUID();
        message.recipientId = recipientId;
        message.kind = kind;
        message.state = State.PENDING;
        message.nextAttemptAt = now;
        message.createdAt = now;
        return message;
    }
}
