package io.closedloop.feedback.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.closedloop.feedback.FeedbackConfig;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP exchange alone, against a real SMTP server (GreenMail) and against one that never answers. */
class SmtpTest {

    private GreenMail server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void messages_sent_one_after_another_each_arrive_once_with_their_id_subject_and_both_parts() throws Exception {
        Smtp smtp = smtp(port, Duration.ofSeconds(10));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            String failure = smtp.send(new MailSender.Leased(id, "rita-" + i + "@example.com", "Échéance dépassée : Mr Okafor " + i,
                    "Hello Rita,\nlate " + i, "<p>Hello Rita, late " + i + "</p>", 0));
            assertThat(failure).as("message " + i).isNull();
        }

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(10);
        for (int i = 0; i < 10; i++) {
            MimeMessage message = received[i];
            assertThat(message.getHeader("Message-ID")).containsExactly("<" + ids.get(i) + "@closedloop>");
            assertThat(message.getSubject()).isEqualTo("Échéance dépassée : Mr Okafor " + i);
            assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(message.getFrom()[0].toString()).isEqualTo("Closed Loop <echo@closedloop.invalid>");
            Multipart parts = (Multipart) message.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(((String) parts.getBodyPart(0).getContent()).trim()).isEqualTo("Hello Rita,\r\nlate " + i);
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        }
    }

    @Test
    void a_server_that_accepts_and_never_answers_fails_the_message_after_the_timeout_instead_of_holding_the_sender()
            throws Exception {
        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        // Filled by the acceptor's thread, closed by this one.
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            acceptor.submit(() -> {
                while (!silent.isClosed()) {
                    held.add(silent.accept());
                }
                return null;
            });
            long started = System.nanoTime();
            String failure = smtp(silent.getLocalPort(), Duration.ofMillis(500))
                    .send(new MailSender.Leased(UUID.randomUUID(), "rita@example.com", "Late", "text", null, 0));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(failure).as("why it was not sent").isNotNull();
            assertThat(took).as("time to give up on a silent server").isLessThan(Duration.ofSeconds(10));
        } finally {
            acceptor.shutdownNow();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void a_sender_address_that_is_not_one_is_refused_when_the_service_starts() {
        assertThatThrownBy(() -> new Smtp("127.0.0.1", port,
                        FeedbackConfig.Mail.StartTls.OPTIONAL, Duration.ofSeconds(1), "Closed Loop <not an address",
                        Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closedloop.feedback.mail.from");
    }

    private static Smtp smtp(int port, Duration timeout) {
        return new Smtp("127.0.0.1", port, FeedbackConfig.Mail.StartTls.OPTIONAL, timeout,
                "Closed Loop <echo@closedloop.invalid>", Optional.empty(), Optional.empty());
    }
}
