package io.closedloop.feedback.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.closedloop.events.EventJson;
import io.closedloop.feedback.notification.LeadLinks;
import io.closedloop.feedback.notification.Notification;

/**
 * The JSON a subscriber receives. {@code STANDARD}: the message, what it is about, and how it stands against its
 * deadline, for integrations. {@code SLACK} and {@code TEAMS}: the same message as the tool's incoming webhook takes
 * it — Slack's text with blocks (mrkdwn, its three special characters escaped), Teams' Adaptive Card — with a button
 * or link to the lead when the service knows where leads are opened.
 */
final class WebhookPayload {

    private WebhookPayload() {
    }

    static String of(Notification n, Delivery d, Subscription.Format format, LeadLinks links) {
        Optional<String> link = links.to(n.leadId);
        Map<String, Object> body = switch (format) {
            case STANDARD -> standard(n, d);
            case SLACK -> slack(n, link);
            case TEAMS -> teams(n, link);
        };
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> standard(Notification n, Delivery d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", n.id);
        body.put("deliveryId", d.id);
        body.put("type", n.type);
        body.put("recipientId", n.recipientId);
        body.put("title", n.title);
        body.put("body", n.body);
        if (n.loopId != null) {
            body.put("loopId", n.loopId);
        }
        if (n.leadId != null) {
            body.put("leadId", n.leadId);
        }
        if (n.complaintId != null) {
            body.put("complaintId", n.complaintId);
        }
        body.put("createdAt", n.createdAt.toString());
        if (n.dueAt != null) {
            body.put("dueAt", n.dueAt.toString());
        }
        if (n.late != null) {
            body.put("late", n.late);
        }
        if (n.latencySeconds != null) {
            body.put("latencySeconds", n.latencySeconds);
        }
        return body;
    }

    /** Slack's incoming webhook: {@code text} for notifications, {@code blocks} for the channel. */
    private static Map<String, Object> slack(Notification n, Optional<String> link) {
        String text = "*" + slackEscape(n.title) + "*\n" + slackEscape(n.body);
        List<Map<String, Object>> context = new ArrayList<>();
        if (n.dueAt != null) {
            context.add(Map.of("type", "mrkdwn", "text", "Due " + n.dueAt + (Boolean.TRUE.equals(n.late) ? " · *late*" : " · in time")));
        }
        link.ifPresent(l -> context.add(Map.of("type", "mrkdwn", "text", "<" + l + "|Open the lead>")));
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)));
        if (!context.isEmpty()) {
            blocks.add(Map.of("type", "context", "elements", context));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("blocks", blocks);
        return body;
    }

    /** Teams' incoming webhook (Workflows): a message carrying one Adaptive Card. */
    private static Map<String, Object> teams(Notification n, Optional<String> link) {
        List<Map<String, Object>> cardBody = new ArrayList<>();
        cardBody.add(Map.of("type", "TextBlock", "text", n.title, "weight", "Bolder", "size", "Medium", "wrap", true));
        cardBody.add(Map.of("type", "TextBlock", "text", n.body, "wrap", true));
        if (n.dueAt != null) {
            cardBody.add(Map.of("type", "FactSet", "facts", List.of(Map.of("title", "Due", "value", n.dueAt.toString()),
                    Map.of("title", "On time", "value", Boolean.TRUE.equals(n.late) ? "No, late" : "Yes"))));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", cardBody);
        link.ifPresent(l -> card.put("actions", List.of(Map.of("type", "Action.OpenUrl", "title", "Open the lead", "url", l))));
        return Map.of("type", "message", "attachments",
                List.of(Map.of("contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
    }

    /** Slack's mrkdwn treats &, < and > as control characters: a name with them must not become a link or a mention. */
    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
