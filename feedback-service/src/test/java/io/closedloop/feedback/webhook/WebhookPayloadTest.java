package io.closedloop.feedback.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.feedback.notification.LeadLinks;
import io.closedloop.feedback.notification.Notification;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    private static final UUID LEAD = UUID.fromString("3f2b6c1e-8d4a-4c55-9f0e-1a2b3c4d5e6f");
    private static final LeadLinks LINK = new LeadLinks(Optional.of("https://crm.example/leads/{leadId}"));

    private static Notification late() {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.recipientId = "rita";
        n.type = "loop.late";
        n.title = "Late: your referral of Mr Okafor";
        n.body = "Amy has not yet confirmed receipt.";
        n.leadId = LEAD;
        n.createdAt = Instant.parse("2026-11-23T10:15:01Z");
        n.dueAt = Instant.parse("2026-11-23T10:15:00Z");
        n.late = true;
        return n;
    }

    private static JsonNode render(Subscription.Format format, LeadLinks link) throws Exception {
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        return new ObjectMapper().readTree(WebhookPayload.of(late(), delivery, format, link));
    }

    @Test
    void slack_gets_text_and_blocks_with_the_deadline_and_a_link_to_the_lead() throws Exception {
        JsonNode slack = render(Subscription.Format.SLACK, LINK);
        assertThat(slack.path("text").asText()).isEqualTo("*Late: your referral of Mr Okafor*\nAmy has not yet confirmed receipt.");
        JsonNode context = slack.path("blocks").get(1).path("elements");
        assertThat(context.get(0).path("text").asText()).isEqualTo("Due 2026-11-23T10:15:00Z · *late*");
        assertThat(context.get(1).path("text").asText()).isEqualTo("<https://crm.example/leads/" + LEAD + "|Open the lead>");
    }

    @Test
    void teams_gets_an_adaptive_card_with_a_button_to_the_lead_and_none_without_a_link() throws Exception {
        JsonNode card = render(Subscription.Format.TEAMS, LINK).path("attachments").get(0).path("content");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("body").get(2).path("facts").get(1).path("value").asText()).isEqualTo("No, late");
        assertThat(card.path("actions").get(0).path("url").asText()).isEqualTo("https://crm.example/leads/" + LEAD);
        assertThat(render(Subscription.Format.TEAMS, new LeadLinks(Optional.empty())).path("attachments").get(0).path("content")
                .has("actions")).isFalse();
    }

    @Test
    void the_standard_body_is_unchanged_by_the_chat_formats() throws Exception {
        JsonNode standard = render(Subscription.Format.STANDARD, LINK);
        assertThat(standard.path("type").asText()).isEqualTo("loop.late");
        assertThat(standard.path("leadId").asText()).isEqualTo(LEAD.toString());
        assertThat(standard.has("blocks") || standard.has("attachments")).isFalse();
    }
}
