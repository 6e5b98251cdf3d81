package io.closedloop.feedback.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import io.closedloop.events.EventJson;
import io.closedloop.feedback.notification.Notification;

/** The JSON a subscriber receives: the message, what it is about, and how it stands against its deadline. */
final class WebhookPayload {

    private WebhookPayload() {
    }

    static String of(Notification n, Delivery d) {
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
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
