package io.closedloop.feedback.mail;

import static io.closedloop.feedback.support.Api.as;
import static io.closedloop.feedback.support.Api.hasType;
import static io.closedloop.feedback.support.Api.inboxUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.feedback.support.Api;
import io.closedloop.feedback.support.LeadStory;
import io.closedloop.feedback.support.SmtpServer;
import io.closedloop.platform.timer.Timers;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The echo where the referrer is: a referral dropped by its owner reaches its referrer by e-mail at every step, in her
 * own time zone, with a link back to the lead — sent over SMTP to a real server from the mail outbox. Those who did
 * not ask for e-mail get none; an SMTP outage delays e-mail and loses none; a digest gathers a day in one message.
 */
@QuarkusTest
class EmailEchoTest {

    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    Timers timers;

    @Inject
    Directory directory;

    @Inject
    MailSender sender;

    @Inject
    Digests digests;

    @Inject
    AgroalDataSource dataSource;

    private final TestClock clock = TestClock.INSTANCE;
    private String rita;
    private String bea;
    private String lea;
    private String amy;
    private String bob;
    private String team;

    @BeforeEach
    void setUp() {
        clock.freezeAt(MONDAY_10.minusSeconds(60));
        rita = Api.unique("referrer-rita");
        bea = Api.unique("referrer-bea");
        lea = Api.unique("manager-lea");
        amy = Api.unique("agent-amy");
        bob = Api.unique("agent-bob");
        team = Api.unique("loans");
    }

    @AfterEach
    void tearDown() {
        SmtpServer.up();
        clock.reset();
    }

    @Test
    void a_dropped_referral_reaches_its_referrer_by_email_at_every_step_in_her_time_zone() throws Exception {
        UUID lead = UUID.randomUUID();
        UUID beasLead = UUID.randomUUID();
        Instant due = MONDAY_10.plus(Duration.ofMinutes(15));
        try (LeadStory story = new LeadStory()) {
            people(story);
            as(rita, "referrer").body(Map.of("delivery", "EMAIL")).put("/notification-preferences/" + rita)
                    .then().statusCode(200).body("delivery", equalTo("EMAIL")).body("email", equalTo(address(rita)));
            clock.freezeAt(MONDAY_10);
            story.referral(lead, rita, "Mr Okafor", MONDAY_10);
            story.assigned(lead, team, null, amy, "system", "Rule loans", MONDAY_10, due);
            story.referral(beasLead, bea, "Ms Ito", MONDAY_10);
            story.assigned(beasLead, team, null, amy, "system", "Rule loans", MONDAY_10, due);
            ownedByAmy(rita, lead);
            ownedByAmy(bea, beasLead);

            // The deadline passes: both referrers are told in their inboxes; only Rita asked for e-mail.
            at(due.plusSeconds(1));
            List<Map<String, Object>> told = inboxUntil(rita, hasType("loop.late"));
            inboxUntil(bea, hasType("loop.late"));
            sender.sendDue();
            assertThat(subjects(arrived(rita, told.size()))).as("one e-mail per message of her inbox, with its title")
                    .containsExactlyInAnyOrderElementsOf(titles(told));
            MimeMessage late = mailTo(rita).stream().filter(m -> subject(m).startsWith("Late: ")).findFirst().orElseThrow();
            String text = part(late, "text/plain");
            assertThat(text).startsWith("Hello Rita,").contains("Amy has not yet confirmed receipt of your referral of Mr Okafor")
                    // 10:15 UTC is 11:15 in Paris, her team's zone; the link opens her lead.
                    .contains("Due: Monday 23 November 2026, 11:15 (CET), late")
                    .contains("Lead: https://leads.example/leads/" + lead);
            assertThat(part(late, "text/html")).contains("<a href=\"https://leads.example/leads/" + lead + "\">");
            assertThat(late.getHeader("Message-ID")[0]).endsWith("@closedloop>");
            assertThat(mailTo(bea)).as("e-mail to a referrer who asked for none").isEmpty();
            assertThat(queuedFor(bea)).isZero();

            // Escalated, then bounced to Bob, who acknowledges: each step reaches her by e-mail too.
            clock.freezeAt(due.plus(Duration.ofMinutes(10)));
            story.slaEscalated(lead, amy, lea, due, due.plus(Duration.ofMinutes(10)));
            inboxUntil(rita, hasType("loop.lead-escalated"));
            Instant bounced = due.plus(Duration.ofMinutes(20));
            clock.freezeAt(bounced);
            story.slaReassigned(lead, team, amy, bob, due, bounced);
            inboxUntil(rita, hasType("loop.lead-reassigned"));
            clock.freezeAt(bounced.plus(Duration.ofMinutes(1)));
            story.acknowledged(lead, bob, team, bounced, bounced.plus(Duration.ofMinutes(1)));
            List<Map<String, Object>> inbox = inboxUntil(rita, hasType("loop.receipt"));
            sender.sendDue();
            List<String> subjects = subjects(arrived(rita, inbox.size()));
            assertThat(subjects).as("one e-mail per message of her inbox, with its title")
                    .containsExactlyInAnyOrderElementsOf(titles(inbox));
            assertThat(subjects).anyMatch(s -> s.startsWith("Escalated: ")).anyMatch(s -> s.startsWith("Reassigned: "));
        }
    }

    @Test
    void an_smtp_outage_delays_the_email_and_loses_none() throws Exception {
        UUID lead = UUID.randomUUID();
        Instant due = MONDAY_10.plus(Duration.ofMinutes(15));
        try (LeadStory story = new LeadStory()) {
            people(story);
            as(rita, "referrer").body(Map.of("delivery", "EMAIL")).put("/notification-preferences/" + rita).then().statusCode(200);
            clock.freezeAt(MONDAY_10);
            story.referral(lead, rita, "Mr Okafor", MONDAY_10);
            story.assigned(lead, team, null, amy, "system", "Rule loans", MONDAY_10, due);
            ownedByAmy(rita, lead);
            SmtpServer.down();
            at(due.plusSeconds(1));
            inboxUntil(rita, hasType("loop.late"));
        }
        assertThat(sender.sendDue()).isGreaterThanOrEqualTo(1);
        assertThat(state(rita)).containsExactly("PENDING:1");
        SmtpServer.up();
        // Not before its retry is due: the backoff holds.
        assertThat(sender.sendDue()).isZero();
        clock.freezeAt(due.plus(Duration.ofHours(2)));
        sender.sendDue();
        assertThat(arrived(rita, 1)).hasSize(1);
        assertThat(state(rita)).containsExactly("SENT:2");
    }

    @Test
    void a_digest_gathers_what_came_since_the_last_once_its_hour_has_struck_in_the_persons_zone() throws Exception {
        UUID lead = UUID.randomUUID();
        Instant due = MONDAY_10.plus(Duration.ofMinutes(15));
        try (LeadStory story = new LeadStory()) {
            people(story);
            as(rita, "referrer").body(Map.of("delivery", "DIGEST", "timeZone", "America/New_York", "digestHour", 17))
                    .put("/notification-preferences/" + rita).then().statusCode(200).body("timeZone", equalTo("America/New_York"));
            clock.freezeAt(MONDAY_10);
            story.referral(lead, rita, "Mr Okafor", MONDAY_10);
            story.assigned(lead, team, null, amy, "system", "Rule loans", MONDAY_10, due);
            ownedByAmy(rita, lead);
            at(due.plusSeconds(1));
            inboxUntil(rita, hasType("loop.late"));
            clock.freezeAt(due.plus(Duration.ofMinutes(10)));
            story.slaEscalated(lead, amy, lea, due, due.plus(Duration.ofMinutes(10)));
            inboxUntil(rita, hasType("loop.lead-escalated"));
        }
        sender.sendDue();
        assertThat(queuedFor(rita)).as("a digest person gets nothing as it comes").isZero();
        assertThat(mailTo(rita)).isEmpty();
        // 17:00 in New York is 22:00 UTC: not at 21:59, once at 22:00, not again the same day.
        assertThat(gatherAt("2026-11-23T21:59:00Z")).isZero();
        assertThat(gatherAt("2026-11-23T22:00:00Z")).isEqualTo(1);
        assertThat(gatherAt("2026-11-23T23:30:00Z")).isZero();
        sender.sendDue();
        List<MimeMessage> mail = arrived(rita, 1);
        assertThat(mail).hasSize(1);
        int told = Api.inbox(rita).size();
        assertThat(mail.getFirst().getSubject()).isEqualTo("Closed Loop: " + told + " things since your last digest");
        assertThat(part(mail.getFirst(), "text/plain")).contains("Late: ", "Escalated: ", "(EST)");
    }

    @Test
    void a_preference_is_the_persons_own_or_an_admins_and_a_bad_one_is_refused_naming_the_field() {
        String person = Api.unique("person");
        as(Api.unique("other"), "agent").body(Map.of("delivery", "EMAIL")).put("/notification-preferences/" + person)
                .then().statusCode(403).contentType("application/problem+json");
        as(Api.unique("manager"), "manager").get("/notification-preferences/" + person).then().statusCode(403);
        as(Api.unique("admin"), "admin").get("/notification-preferences/" + person).then().statusCode(200)
                .body("delivery", equalTo("INBOX")).body("mailEnabled", equalTo(true));
        as(person, "agent").body(Map.of("delivery", "EMAIL", "timeZone", "Mars/Olympus"))
                .put("/notification-preferences/" + person).then().statusCode(400)
                .body("errors[0].field", equalTo("timeZone"));
        as(person, "agent").body(Map.of("delivery", "SMS")).put("/notification-preferences/" + person)
                .then().statusCode(400).contentType("application/problem+json");
        as(person, "agent").body(Map.of("delivery", "DIGEST", "digestHour", 24)).put("/notification-preferences/" + person)
                .then().statusCode(400);
        as(person, "agent").body(Map.of("delivery", "DIGEST", "digestHour", 7)).put("/notification-preferences/" + person)
                .then().statusCode(200).body("digestHour", equalTo(7));
    }

    private void people(LeadStory story) {
        story.team(team, lea, "Europe/Paris", MONDAY_10.minusSeconds(120));
        story.person(amy, "Amy", null, team, lea, List.of("agent"), MONDAY_10.minusSeconds(120));
        story.person(bob, "Bob", null, team, lea, List.of("agent"), MONDAY_10.minusSeconds(120));
        story.person(lea, "Léa", null, team, null, List.of("manager"), MONDAY_10.minusSeconds(120));
        story.person(rita, "Rita", address(rita), team, null, List.of("referrer"), MONDAY_10.minusSeconds(120));
        story.person(bea, "Bea", address(bea), team, null, List.of("referrer"), MONDAY_10.minusSeconds(120));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> directory.knowsTeam(team)
                        && Arrays.stream(new String[] {amy, bob, lea, rita, bea}).allMatch(directory::knows)
                        && directory.emailOf(rita).isPresent()));
    }

    private int gatherAt(String instant) {
        clock.freezeAt(Instant.parse(instant));
        return digests.gather(clock.instant());
    }

    /** The referral's loop exists and Amy owns it: its deadlines are set, and firing them now has something to fire. */
    private void ownedByAmy(String referrer, UUID lead) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> loops = as(referrer, "referrer").get("/loops?initiatorId=" + referrer).then()
                    .statusCode(200).extract().jsonPath().getList("items");
            return loops.stream().anyMatch(l -> lead.toString().equals(l.get("leadId")) && amy.equals(l.get("ownerId")));
        });
    }

    private void at(Instant instant) {
        clock.freezeAt(instant);
        timers.fireDue(10_000);
    }

    private static String address(String person) {
        return person + "@example.com";
    }

    /**
     * What the SMTP server holds for the person once it holds {@code expected} messages (it files a message into its
     * mailbox just after accepting it): more than expected is a failure too.
     */
    private static List<MimeMessage> arrived(String person, int expected) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> mailTo(person), mail -> mail.size() >= expected);
    }

    private static List<MimeMessage> mailTo(String person) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SmtpServer.server().getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address(person)))) {
                found.add(message);
            }
        }
        return found;
    }

    private static List<String> titles(List<Map<String, Object>> inbox) {
        return inbox.stream().map(m -> (String) m.get("title")).toList();
    }

    private static List<String> subjects(List<MimeMessage> mail) {
        return mail.stream().map(EmailEchoTest::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString().replace("\r\n", "\n");
            }
        }
        throw new AssertionError("No " + type + " part in " + message.getSubject());
    }

    private long queuedFor(String person) throws Exception {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT count(*) FROM mail_message WHERE recipient_id = ?")) {
            s.setString(1, person);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> state(String person) throws Exception {
        List<String> states = new ArrayList<>();
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT state || ':' || attempts FROM mail_message WHERE recipient_id = ?")) {
            s.setString(1, person);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    states.add(rs.getString(1));
                }
            }
        }
        return states;
    }
}
