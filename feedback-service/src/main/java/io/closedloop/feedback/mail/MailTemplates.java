package io.closedloop.feedback.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.closedloop.feedback.notification.LeadLinks;

/**
 * The words of the e-mails: one message as it comes, or the day's digest. Each greets the person by name, says what
 * happened and when in their own time zone, links back to the lead, and says why they get it and how to stop.
 * Plain text for every client and the same in simple HTML; every value from the data is escaped in the HTML.
 */
public final class MailTemplates {

    /** A rendered e-mail. */
    public record Rendered(String subject, String text, String html) {
    }

    /** One thing the person was told, as the e-mail needs it. */
    public record Item(String title, String body, Instant at, UUID leadId, Instant dueAt, Boolean late) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm (zzz)", Locale.ENGLISH);
    private static final String FOOTER = "You receive this because you asked to hear from Closed Loop by e-mail. "
            + "To hear in your inbox only, or once a day: PUT /notification-preferences/{you} on feedback-service.";

    private final LeadLinks links;

    /** @param leadLink where a lead is opened, with {@code {leadId}} in it; empty: messages name the lead without a link */
    public MailTemplates(Optional<String> leadLink) {
        this.links = new LeadLinks(leadLink);
    }

    public Rendered echo(String recipientName, Item item, ZoneId zone) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        text.append("Hello ").append(recipientName).append(",\n\n");
        html.append("<p>Hello ").append(escape(recipientName)).append(",</p>\n");
        describe(item, zone, text, html);
        return new Rendered(item.title(), textWithFooter(text), htmlWithFooter(html));
    }

    public Rendered digest(String recipientName, List<Item> items, ZoneId zone, Instant at) {
        String subject = "Closed Loop: " + items.size() + (items.size() == 1 ? " thing" : " things") + " since your last digest";
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        text.append("Hello ").append(recipientName).append(",\n\nWhat you were told up to ").append(WHEN.format(at.atZone(zone)))
                .append(":\n\n");
        html.append("<p>Hello ").append(escape(recipientName)).append(",</p>\n<p>What you were told up to ")
                .append(escape(WHEN.format(at.atZone(zone)))).append(":</p>\n");
        for (Item item : items) {
            text.append("* ").append(item.title()).append('\n');
            html.append("<h3>").append(escape(item.title())).append("</h3>\n");
            describe(item, zone, text, html);
        }
        return new Rendered(subject, textWithFooter(text), htmlWithFooter(html));
    }

    private void describe(Item item, ZoneId zone, StringBuilder text, StringBuilder html) {
        text.append(item.body()).append("\n\n").append("When: ").append(WHEN.format(item.at().atZone(zone))).append('\n');
        html.append("<p>").append(escape(item.body())).append("</p>\n<p>When: ").append(escape(WHEN.format(item.at().atZone(zone))));
        if (item.dueAt() != null) {
            String due = WHEN.format(item.dueAt().atZone(zone)) + (Boolean.TRUE.equals(item.late()) ? ", late" : ", in time");
            text.append("Due: ").append(due).append('\n');
            html.append("<br>Due: ").append(escape(due));
        }
        if (item.leadId() != null) {
            Optional<String> link = links.to(item.leadId());
            text.append("Lead: ").append(link.orElse(item.leadId().toString())).append('\n');
            html.append("<br>Lead: ").append(link.map(l -> "<a href=\"" + escape(l) + "\">" + escape(item.leadId().toString()) + "</a>")
                    .orElse(escape(item.leadId().toString())));
        }
        text.append('\n');
        html.append("</p>\n");
    }

    private static String textWithFooter(StringBuilder text) {
        return text.append("-- \n").append(FOOTER).append('\n').toString();
    }

    private static String htmlWithFooter(StringBuilder html) {
        return html.append("<hr><p><small>").append(escape(FOOTER)).append("</small></p>\n").toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
