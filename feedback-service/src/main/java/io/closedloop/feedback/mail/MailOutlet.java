package io.closedloop.feedback.mail;

import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.notification.Notification;
import io.closedloop.feedback.notification.Notifier;
import io.closedloop.platform.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A notification's way out by e-mail, for a person who asked for every message by e-mail: queued in the notifying
 * transaction, the sender woken once that commits (it renders and sends; {@link MailSender}). Digests are gathered
 * later ({@link Digests}); everyone else hears in the inbox only.
 */
@ApplicationScoped
public class MailOutlet implements Notifier.Outlet {

    private static final Object WAKE_UP = new Object();

    private final boolean enabled;
    private final Preferences preferences;
    private final AfterCommit afterCommit;
    private final MailSender sender;

    MailOutlet(FeedbackConfig config, Preferences preferences, AfterCommit afterCommit, MailSender sender) {
        this.enabled = config.mail().enabled();
        this.preferences = preferences;
        this.afterCommit = afterCommit;
        this.sender = sender;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(Notification notification) {
        if (!enabled || preferences.of(notification.recipientId).delivery() != Preference.Delivery.EMAIL) {
            return;
        }
        MailMessage.echo(notification.recipientId, notification.id, notification.createdAt).persist();
        afterCommit.once(WAKE_UP, sender::wakeUp);
    }

    static MailTemplates.Item item(Notification n) {
        return new MailTemplates.Item(n.title, n.body, n.createdAt, n.leadId, n.dueAt, n.late);
    }
}
