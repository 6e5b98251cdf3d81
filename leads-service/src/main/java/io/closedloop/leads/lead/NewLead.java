package io.closedloop.leads.lead;

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

/** The body of {@code POST /leads}. Without a priority, a lead whose client claimed urgency is HIGH, others NORMAL. */
public record NewLead(
        @NotNull @Valid Customer customer,
        @NotNull LeadSource source,
        @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String referrerId,
        @Size(max = 200) String product,
        @Valid Amount estimatedValue,
        @Size(max = 100) String territory,
        @Valid Urgency urgency,
        Priority priority) {

    /** Who the lead is. An e-mail address or a phone number is needed to reach them. */
    public record Customer(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String organisation,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = Patterns.PHONE, message = "must be a phone number") String phone,
            @Size(max = 100) @Pattern(regexp = "[\\p{Alnum}._:/-]+", message = "must be letters, digits and . _ : / -")
            String reference) {
    }

    public record Amount(
            @NotNull @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 17, fraction = 2)
            BigDecimal amount,
            @NotNull @Pattern(regexp = Patterns.CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /** What the client claimed ("tomorrow or never") and the date they demanded. */
    public record Urgency(@NotBlank @Size(max = 500) String statement, Instant demandedBy) {
    }
}
