package io.closedloop.feedback.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private static final UUID LEAD = UUID.fromString("3f2b6c1e-8d4a-4c55-9f0e-1a2b3c4d5e6f");
    private final MailTemplates templates = new MailTemplates(Optional.of("https://crm.example/leads/{leadId}"));

    @Test
    void an_echo_greets_by_name_shows_times_in_the_recipients_zone_and_links_to_the_lead() {
        MailTemplates.Rendered mail = templates.echo("Léa", new MailTemplates.Item("Late: your referral", "Amy has not yet confirmed.",
                Instant.parse("2026-07-01T08:00:00Z"), LEAD, Instant.parse("2026-07-01T07:45:00Z"), true), ZoneId.of("Europe/Paris"));
        assertThat(mail.subject()).isEqualTo("Late: your referral");
        assertThat(mail.text()).startsWith("Hello Léa,\n\nAmy has not yet confirmed.")
                .contains("When: Wednesday 1 July 2026, 10:00 (CEST)", "Due: Wednesday 1 July 2026, 09:45 (CEST), late",
                        "Lead: https://crm.example/leads/" + LEAD, "PUT /notification-preferences/");
        assertThat(mail.html()).contains("<a href=\"https://crm.example/leads/" + LEAD + "\">");
    }

    @Test
    void what_comes_from_the_data_is_escaped_in_the_html() {
        MailTemplates.Rendered mail = templates.echo("<b>Eve</b>", new MailTemplates.Item("t", "Call <script>x()</script> & \"go\"",
                Instant.EPOCH, null, null, null), ZoneId.of("UTC"));
        assertThat(mail.html()).contains("&lt;b&gt;Eve&lt;/b&gt;", "Call &lt;script&gt;x()&lt;/script&gt; &amp; &quot;go&quot;")
                .doesNotContain("<script>", "Lead:");
    }

    @Test
    void without_a_link_the_lead_is_named_by_its_id_and_a_digest_counts_its_items() {
        MailTemplates plain = new MailTemplates(Optional.empty());
        MailTemplates.Item one = new MailTemplates.Item("First", "a", Instant.EPOCH, LEAD, null, null);
        MailTemplates.Item two = new MailTemplates.Item("Second", "b", Instant.EPOCH, null, null, null);
        MailTemplates.Rendered digest = plain.digest("Bea", List.of(one, two), ZoneId.of("UTC"), Instant.EPOCH);
        assertThat(digest.subject()).isEqualTo("Closed Loop: 2 things since your last digest");
        assertThat(digest.text()).contains("* First", "* Second", "Lead: " + LEAD).doesNotContain("http");
    }

    @Test
    void the_digest_hour_is_todays_once_struck_and_yesterdays_before() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(Digests.lastDigestMoment(Instant.parse("2026-11-23T16:00:00Z"), paris, 17))
                .isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
        assertThat(Digests.lastDigestMoment(Instant.parse("2026-11-23T15:59:00Z"), paris, 17))
                .isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
    }
}
