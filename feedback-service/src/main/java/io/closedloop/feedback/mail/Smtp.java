package io.closedloop.feedback.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import io.closedloop.feedback.FeedbackConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The SMTP server as the sender sees it, through Jakarta Mail (Eclipse Angus): one connection per message, blocking,
 * on the sender's own thread; connecting, each write and each reply bounded by the configured timeout.
 *
 * <p>Not Vert.x's SMTP client (4.5.25), used before, which now and then lost the server's greeting in part or whole:
 * sending messages one after another to the tests' SMTP server, it failed 16 of 600 on a garbled greeting ("got error
 * response: 20 /127.0.0.1 GreenMail…") and, in two other runs, waited for a greeting that never came (at messages 150,
 * 1,019 and 1,134). Its reader is set on a new connection only after the pool hands the connection over, which is
 * where we think the greeting goes. Angus sent 600 of 600 to the same server. In CI it showed as a 20-second wait and
 * an echo held back until its retry.
 */
final class Smtp {

    private final Session session;
    private final InternetAddress from;
    private final String username;
    private final String password;

    Smtp(String host, int port, FeedbackConfig.Mail.StartTls startTls, Duration timeout, String from,
         Optional<String> username, Optional<String> password) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        String millis = Long.toString(timeout.toMillis());
        properties.setProperty("mail.smtp.connectiontimeout", millis);
        properties.setProperty("mail.smtp.timeout", millis);
        properties.setProperty("mail.smtp.writetimeout", millis);
        boolean tls = startTls != FeedbackConfig.Mail.StartTls.DISABLED;
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(tls));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls == FeedbackConfig.Mail.StartTls.REQUIRED));
        properties.setProperty("mail.smtp.auth", Boolean.toString(username.isPresent()));
        this.session = Session.getInstance(properties);
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("closedloop.feedback.mail.from is not an address: " + from, e);
        }
        this.username = username.orElse(null);
        this.password = password.orElse(null);
    }

    static Smtp of(FeedbackConfig.Mail config) {
        return new Smtp(config.smtpHost(), config.smtpPort(), config.startTls(), config.timeout(), config.from(),
                config.username(), config.password());
    }

    /** Null when the server took the message; why not otherwise. */
    String send(MailSender.Leased leased) {
        try {
            MimeMessage message = new WithMessageId(session, "<" + leased.id() + "@closedloop>");
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(leased.address(), true));
            message.setSubject(leased.subject(), StandardCharsets.UTF_8.name());
            message.setHeader("Auto-Submitted", "auto-generated");
            MimeMultipart alternatives = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(leased.text(), StandardCharsets.UTF_8.name());
            alternatives.addBodyPart(text);
            if (leased.html() != null) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(leased.html(), StandardCharsets.UTF_8.name(), "html");
                alternatives.addBodyPart(html);
            }
            message.setContent(alternatives);
            if (username == null) {
                Transport.send(message);
            } else {
                Transport.send(message, username, password);
            }
            return null;
        } catch (MessagingException e) {
            // Never null: null means sent.
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /**
     * Keeps the Message-ID it is given: Jakarta Mail makes up a new one whenever a message is saved, and a message sent
     * again after a crash must carry the same one, so that mail systems can tell it is the same.
     */
    private static final class WithMessageId extends MimeMessage {

        private final String messageId;

        WithMessageId(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
