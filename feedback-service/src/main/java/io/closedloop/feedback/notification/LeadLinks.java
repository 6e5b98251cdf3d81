package io.closedloop.feedback.notification;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a message links to its lead, in every form a message leaves in (e-mail, chat): the configured address with
 * {@code {leadId}} in it ({@code closedloop.feedback.lead-link}). Without one, or one that names no lead, no link.
 */
public record LeadLinks(Optional<String> template) {

    public LeadLinks {
        template = template.filter(link -> link.contains("{leadId}"));
    }

    public Optional<String> to(UUID leadId) {
        return leadId == null ? Optional.empty() : template.map(link -> link.replace("{leadId}", leadId.toString()));
    }
}
