package io.closedloop.e2e.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.closedloop.e2e.PrivateSuite;
import io.closedloop.stack.DemoData;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.LocalStack;
import io.closedloop.stack.Suite;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer's {@code ./closedloop run} gives, on the packaged services: the demo's stories load through the
 * APIs; Carla, the consultant who referred Victor Hale, hears by e-mail over SMTP as she asked; her manager's
 * scorecard and her own referrer report come as CSV; the demo's dropped ball (here with a 10-second deadline) reaches
 * Carla by e-mail and the dashboards' table of leads past a deadline; Béatrice's branch channel receives her messages
 * signed, in Slack's format, at the local run's webhook receiver; the API's address in a browser leads to its
 * documentation.
 */
class FirstRunIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void the_demo_loads_carla_hears_by_email_and_every_export_shows_the_story() throws Exception {
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        java.util.Map<String, String> asTheLocalRun = new java.util.HashMap<>(LocalStack.localEnvironment("127.0.0.1"));
        asTheLocalRun.putAll(LocalStack.mailEnvironment(smtpPort, 8081));
        asTheLocalRun.putAll(io.closedloop.stack.LocalWebhooks.environment());
        java.nio.file.Path deliveries = java.nio.file.Files.createTempDirectory("first-run-webhooks-");
        int webhookPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            webhookPort = socket.getLocalPort();
        }
        try (PrivateSuite own = PrivateSuite.start("first-run", asTheLocalRun);
             io.closedloop.stack.LocalWebhooks webhooks = io.closedloop.stack.LocalWebhooks.start(webhookPort, deliveries)) {
            Suite suite = own.suite();
            int steps = new DemoData(suite.service("leads-service").url(), suite.service("feedback-service").url(),
                    suite.service("reporting-service").url(), Duration.ofSeconds(10))
                    .withBranchChannel(webhooks.url("branch-channel")).load();
            assertThat(steps).isGreaterThan(20);

            // Carla asked for e-mail: the receipt of her referral reaches her over SMTP, greeting her, linking the lead.
            MimeMessage toCarla = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Arrays.stream(mail.getReceivedMessages()).filter(m -> to(m, "consultant-carla")).findFirst()
                            .orElse(null), m -> m != null);
            String text = plain(toCarla);
            assertThat(text).startsWith("Hello Carla Diaz,").contains("Lead: http://127.0.0.1:8081/leads/");
            assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> to(m, "branch-president-bea")).toList())
                    .as("Béatrice asked for a digest, not each message").isEmpty();

            // Béatrice's branch channel: her messages, signed, in Slack's incoming-webhook format.
            String delivery = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> firstDelivery(deliveries), d -> d != null);
            assertThat(delivery).startsWith("POST /webhooks/branch-channel\n").containsIgnoringCase("Closedloop-Signature: t=")
                    .contains("\"blocks\":").contains("\"text\":");

            // Léa hands her team's last week on as a spreadsheet: Amy and Omar, with their claims beside the evidence.
            String week = DemoData.lastWeek(LocalDate.now(ZoneOffset.UTC));
            String scorecard = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> csv(suite, "reporting-service", "lending-manager-lea", "manager",
                            "/scorecards?period=" + week + "&teamId=lending"), c -> c.contains("account-manager-amy")
                            && c.contains("account-manager-omar") && c.contains("INFLATED_CLAIMS"));
            assertThat(scorecard.lines().findFirst().orElseThrow()).startsWith("\uFEFFrank,personId,name,teamId,score");
            String report = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> csv(suite, "reporting-service", "consultant-carla", "referrer",
                            "/referrers/consultant-carla/report"), c -> c.lines().skip(1).anyMatch(l -> l.startsWith("consultant-carla,2,")));
            assertThat(report).isNotBlank();

            // The dropped ball: nobody acknowledges Carla's urgent referral, so she hears it by e-mail when its deadline
            // passes, and the dashboards' table of leads past a deadline names it, its owner and its referrer.
            MimeMessage escalated = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Arrays.stream(mail.getReceivedMessages()).filter(m -> to(m, "consultant-carla"))
                            .filter(m -> subject(m).startsWith("Escalated:")).findFirst().orElse(null), m -> m != null);
            assertThat(subject(escalated)).contains("Sofia Marquez");
            assertThat(plain(escalated)).contains("missed the acknowledgment deadline");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(suite.postgres().jdbcUrl("reporting"),
                    io.closedloop.stack.PostgresServer.SUPERUSER, "")) {
                String pastDeadline = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> pastDeadline(c), r -> r.contains("consultant-carla"));
                assertThat(pastDeadline).contains("email:sofia@marquez.example").contains("Carla Diaz").contains("ACKNOWLEDGE");
                // Last week's story, on the dashboards whatever the day of the month: Amy's claims the evidence does not back.
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> flagged(c), flags -> flags.contains("account-manager-amy INFLATED_CLAIMS"));
                // Her loop went silent too: its receipt was due by the lead's acknowledgment deadline.
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> silentLoopsOf(c), initiators -> initiators.contains("consultant-carla"));
            }

            // The API's address in a browser: its documentation.
            HttpResponse<String> root = HTTP.send(HttpRequest.newBuilder(URI.create(suite.service("leads-service").url() + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(root.statusCode()).isEqualTo(302);
            String docs = root.headers().firstValue("Location").orElseThrow();
            assertThat(docs).endsWith("/q/swagger-ui");
            assertThat(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(docs)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        } finally {
            mail.stop();
        }
    }

    /** The dashboards' leads past a deadline, one line each: customer, deadline, owner, referrer id, referrer. */
    private static String pastDeadline(java.sql.Connection c) throws java.sql.SQLException {
        StringBuilder rows = new StringBuilder();
        try (var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT customer, deadline, owner, referrer_id, referrer FROM dashboards.leads_past_deadline")) {
            while (rs.next()) {
                rows.append(String.join(" | ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).append('\n');
            }
        }
        return rows.toString();
    }

    private static String firstDelivery(java.nio.file.Path folder) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(folder)) {
            var first = files.sorted().findFirst();
            return first.isPresent() ? java.nio.file.Files.readString(first.get()) : null;
        }
    }

    private static java.util.List<String> flagged(java.sql.Connection c) throws java.sql.SQLException {
        java.util.List<String> flags = new java.util.ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT person_id, flag FROM dashboards.people_with_flags")) {
            while (rs.next()) {
                flags.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return flags;
    }

    private static java.util.List<String> silentLoopsOf(java.sql.Connection c) throws java.sql.SQLException {
        java.util.List<String> initiators = new java.util.ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT initiator_id FROM dashboards.silent_loops")) {
            while (rs.next()) {
                initiators.add(rs.getString(1));
            }
        }
        return initiators;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean to(MimeMessage message, String person) {
        try {
            return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().startsWith(person + "@"));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(MimeMessage message) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                return parts.getBodyPart(i).getContent().toString().replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no text part");
    }

    private static String csv(Suite suite, String service, String person, String role, String path) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(suite.service(service).url() + path))
                .header("Authorization", "Bearer " + DevTokens.mint(person, role)).header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

}
