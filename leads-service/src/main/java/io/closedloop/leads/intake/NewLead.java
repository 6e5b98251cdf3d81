package io.closedloop.leads.intake;

import java.math.BigDecimal;
import java.time.Instant;

import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.Priority;
import io.closedloop.platform.api.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /leads}. Without a priority, a lead whose client claimed urgency is HIGH, others NORMAL. */
@Schema(description = "A lead or referral to take in. Without a priority, a lead whose client claimed urgency is HIGH, "
        + "others NORMAL.")
public record NewLead(
        @NotNull @Valid Customer customer,
        @NotNull LeadSource source,
        @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
        @Schema(description = "Who referred it; a referrer's own token sets it to themselves", examples = "rita-referrer")
        String referrerId,
        @Size(max = 200) @Schema(description = "Matched by the assignment rules", examples = "Business loan") String product,
        @Valid Amount estimatedValue,
        @Size(max = 100) @Schema(description = "Matched by the assignment rules", examples = "north") String territory,
        @Valid Urgency urgency,
        Priority priority) {

    /** Who the lead is. An e-mail address or a phone number is needed to reach them. */
    @Schema(name = "NewCustomer", description = "Who the lead is; an e-mail address or a phone number is needed")
    public record Customer(
            @NotBlank @Size(max = 200) @Schema(examples = "Ann Example") String name,
            @Size(max = 200) @Schema(examples = "Example Bakery Ltd") String organisation,
            @Email @Size(max = 254) @Schema(examples = "ann.example@example.com") String email,
            @Pattern(regexp = Patterns.PHONE, message = "must be a phone number") @Schema(examples = "+33 6 12 34 56 78")
            String phone,
            @Size(max = 100) @Pattern(regexp = "[\\p{Alnum}._:/-]+", message = "must be letters, digits and . _ : / -")
            @Schema(description = "The customer's number in your own systems", examples = "CRM-10442")
            String reference) {
    }

    public record Amount(
            @NotNull @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 17, fraction = 2)
            @Schema(examples = "25000.00") BigDecimal amount,
            @NotNull @Pattern(regexp = Patterns.CURRENCY, message = "must be an ISO 4217 code such as EUR")
            @Schema(description = "ISO 4217", examples = "EUR") String currency) {
    }

    /** What the client claimed ("tomorrow or never") and the date they demanded. */
    public record Urgency(@NotBlank @Size(max = 500)
                          @Schema(description = "What the customer said about their timing",
                                  examples = "Needs the money before the March stock order") String statement,
                          @Schema(description = "The date they named, if any") Instant demandedBy) {
    }
}
