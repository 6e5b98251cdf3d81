package io.closedloop.leads.lead;

import io.closedloop.events.lead.LeadStatus;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.events.lead.LeadSource;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a referrer sees of a lead they referred: how far it got, who has it and when things happened — not the notes,
 * the contact details, the value or anything about other customers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What a referrer may know of a lead they referred: its progress, not its details")
public record ReferrerLeadView(
        @NotNull @Schema(description = "Which view of the lead this is", enumeration = VIEW, examples = VIEW) String view,
        @NotNull UUID id,
        @NotNull LeadStatus status,
        @NotNull LeadSource source,
        @NotNull @Schema(examples = "Ann Example") String customerName,
        @Schema(examples = "Business loan") String product,
        @Schema(description = "Who has the lead now", examples = "Ann Agent") String ownerName,
        @NotNull Instant createdAt,
        Instant assignedAt,
        Instant acknowledgedAt,
        Instant firstContactedAt,
        Instant lastActivityAt,
        Instant closedAt,
        @Schema(description = "Why a lost lead was lost", examples = "price") String lossReason) implements LeadRepresentation {

    public static final String VIEW = "referrer";

    public static ReferrerLeadView of(Lead lead, String ownerName) {
        return new ReferrerLeadView(VIEW, lead.id, lead.status, lead.source, lead.customerName, lead.product, ownerName,
                lead.createdAt, lead.assignedAt, lead.acknowledgedAt, lead.firstContactedAt, lead.lastActivityAt,
                lead.closedAt, lead.lossReason);
    }
}
