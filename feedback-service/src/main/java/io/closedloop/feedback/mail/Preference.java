package io.closedloop.feedback.mail;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How one person wants to hear; a person without a row hears in the inbox only. */
@Entity
@Table(name = "notification_preference")
public class Preference extends PanacheEntityBase {

    /** Inbox only; every message e-mailed as it comes; or one e-mail a day with what came since the last. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "NotificationDelivery",
            description = "INBOX: the inbox only; EMAIL: every message by e-mail as well; DIGEST: one e-mail a day")
    public enum Delivery { INBOX, EMAIL, DIGEST }

    @Id
    @Column(name = "person_id")
    public String personId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Delivery delivery;

    /** The zone the person's e-mails show times in (absent: their team's). */
    @Column(name = "time_zone")
    public String timeZone;

    /** The hour of the day, in that zone, the digest goes out. */
    @Column(name = "digest_hour", nullable = false)
    public int digestHour;

    /** Up to when the last digest told; the next one tells what came after. */
    @Column(name = "last_digest_at")
    public Instant lastDigestAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
