package io.closedloop.feedback.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.feedback.notification.Notification;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The daily digest: for each person who asked for one, once their digest hour has come in their time zone, one
 * e-mail with everything they were told since the last, queued for the sender. Nothing to tell, no e-mail.
 */
@ApplicationScoped
public class Digests {

    private final boolean enabled;
    private final Clock clock;
    private final Directory directory;
    private final MailTemplates templates;
    private final MailSender sender;

    Digests(FeedbackConfig config, Clock clock, Directory directory, MailSender sender) {
        this.enabled = config.mail().enabled();
        this.clock = clock;
        this.directory = directory;
        this.templates = new MailTemplates(config.leadLink());
        this.sender = sender;
    }

    @Scheduled(every = "${closedloop.feedback.mail.digest-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void everyMinute() {
        if (enabled && gather(clock.instant()) > 0) {
            sender.wakeUp();
        }
    }

    /** Queues every digest due at {@code now}; returns how many. */
    @Transactional
    public int gather(Instant now) {
        int queued = 0;
        // Locked so that two replicas never send one digest twice.
        List<Preference> due = Preference.<Preference>find("delivery = ?1", Preference.Delivery.DIGEST)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        for (Preference preference : due) {
            ZoneId zone = preference.timeZone != null ? ZoneId.of(preference.timeZone) : directory.zoneOf(preference.personId);
            Instant moment = lastDigestMoment(now, zone, preference.digestHour);
            if (preference.lastDigestAt != null && !preference.lastDigestAt.isBefore(moment)) {
                continue;
            }
            Instant since = preference.lastDigestAt == null ? preference.updatedAt : preference.lastDigestAt;
            List<Notification> told = Notification.<Notification>list(
                    "recipientId = ?1 and createdAt > ?2 and createdAt <= ?3 order by createdAt", preference.personId, since, now);
            preference.lastDigestAt = now;
            Optional<String> address = directory.emailOf(preference.personId);
            if (told.isEmpty() || address.isEmpty()) {
                continue;
            }
            MailTemplates.Rendered mail = templates.digest(directory.nameOf(preference.personId),
                    told.stream().map(MailOutlet::item).toList(), zone, now);
            MailMessage.digest(preference.personId, address.get(), mail, now).persist();
            queued++;
        }
        return queued;
    }

    /** The latest digest hour in {@code zone} at or before {@code now}: today's once it has struck, else yesterday's. */
    static Instant lastDigestMoment(Instant now, ZoneId zone, int hour) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(hour, 0).atZone(zone);
        return (today.isAfter(local) ? today.minusDays(1) : today).toInstant();
    }
}
