package io.closedloop.leads.activity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.lead.ContactChannel;
import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.lead.LeadGuard;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.lead.LeadView;
import io.closedloop.leads.people.Directory;
import io.closedloop.platform.api.Page;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.closedloop.platform.idempotency.IdempotentCreate;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/leads/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Working a lead")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class LeadWorkResource {

    @Schema(description = "An attempt to reach the customer")
    public record NewContactAttempt(@NotNull ContactChannel channel,
                                    @Schema(description = "When it was made; now when absent") Instant at,
                                    @Schema(description = "Whether the customer was reached") boolean reached,
                                    @Size(max = 4000) @Schema(examples = "Left a voicemail; calling back at 4") String note) {
    }

    @Schema(name = "ContactAttempt", description = "One attempt to reach the customer")
    public record ContactAttemptView(@NotNull UUID id, @NotNull ContactChannel channel,
                                     @NotNull @Schema(description = "When the attempt was made") Instant at,
                                     @Schema(description = "Whether the customer was reached") boolean reached,
                                     @Schema(examples = "Left a voicemail; calling back at 4") String note,
                                     @NotNull @Schema(description = "Who owned the lead then", examples = "ann-agent") String ownerId,
                                     @NotNull @Schema(description = "Who recorded it: the owner, or their manager for them",
                                             examples = "ann-agent") String recordedBy,
                                     @NotNull Instant recordedAt) {

        static ContactAttemptView of(ContactAttempt a) {
            return new ContactAttemptView(a.id, a.channel, a.attemptedAt, a.reached, a.note, a.ownerId, a.recordedBy,
                    a.recordedAt);
        }
    }

    public record Qualification(@Size(max = 4000) String note) {
    }

    /** WON with its value, or LOST with a reason from the configured list. */
    public record Outcome(@NotNull LeadWork.Result result, @Valid Value value,
                          @Size(max = 100) String lossReason, @Size(max = 4000) String note) {
    }

    public record Value(@NotNull @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 17, fraction = 2) BigDecimal amount,
                        @NotNull @Pattern(regexp = Patterns.CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    private final LeadGuard guard;
    private final LeadWork work;
    private final Directory directory;
    private final CurrentCaller caller;
    private final Clock clock;

    LeadWorkResource(LeadGuard guard, LeadWork work, Directory directory, CurrentCaller caller, Clock clock) {
        this.guard = guard;
        this.work = work;
        this.directory = directory;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("/acknowledgment")
    @Transactional
    @Operation(operationId = "acknowledgeLead", summary = "The owner acknowledges the lead", description = "Stamped against the acknowledgment deadline.")
    public LeadView acknowledge(@Parameter(description = "The lead's id") @PathParam("id") UUID id) {
        Caller who = caller.get();
        Lead lead = guard.seeRowLocked(id, who).lead();
        return view(work.acknowledge(lead, who.personId()));
    }

    @POST
    @Path("/contact-attempts")
    @Transactional
    @Operation(operationId = "recordContactAttempt", summary = "Record an attempt to reach the customer",
            description = "Channel, time (default now), reached or not. The first attempt is the lead's first contact; "
                    + "every attempt restarts the follow-up clock.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Recorded (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = ContactAttemptView.class)),
            headers = @Header(name = "Location", description = "The attempt's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response attemptContact(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Valid @NotNull NewContactAttempt body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        ContactAttempt attempt = work.attemptContact(lead, who.personId(), body.channel(), body.at(), body.reached(), body.note());
        return Response.created(java.net.URI.create("/leads/" + id + "/contact-attempts/" + attempt.id))
                .entity(ContactAttemptView.of(attempt)).build();
    }

    @GET
    @Path("/contact-attempts")
    @Transactional
    @Operation(operationId = "listContactAttempts", summary = "The contact attempts, oldest first")
    public Page<ContactAttemptView> contactAttempts(@Parameter(description = "The lead's id") @PathParam("id") UUID id,
                                                    @QueryParam("cursor") @Size(max = 200) String cursor,
                                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        seeAll(id);
        List<ContactAttemptView> all = ContactAttempt.<ContactAttempt>list("leadId = ?1 order by attemptedAt, id", id)
                .stream().map(ContactAttemptView::of).toList();
        return Page.slice(all, a -> a.id().toString(), cursor, limit);
    }

    @GET
    @Path("/contact-attempts/{attemptId}")
    @Transactional
    @Operation(operationId = "getContactAttempt", summary = "One contact attempt")
    public ContactAttemptView contactAttempt(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Parameter(description = "The contact attempt's id") @PathParam("attemptId") UUID attemptId) {
        seeAll(id);
        ContactAttempt attempt = ContactAttempt.findById(attemptId);
        if (attempt == null || !attempt.leadId.equals(id)) {
            throw ProblemException.notFound("contact attempt", attemptId);
        }
        return ContactAttemptView.of(attempt);
    }

    private void seeAll(UUID id) {
        LeadGuard.Seen seen = guard.see(id, caller.get());
        if (seen.view() != LeadAccess.View.FULL) {
            throw ProblemException.forbidden("A referrer sees the lead's progress, not its contact log");
        }
    }

    @POST
    @Path("/qualification")
    @Transactional
    @Operation(operationId = "qualifyLead", summary = "Mark the lead qualified: a real opportunity")
    public LeadView qualify(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Valid Qualification body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        return view(work.qualify(lead, who.personId(), body == null ? null : body.note()));
    }

    @POST
    @Path("/outcome")
    @Transactional
    @Operation(operationId = "closeLead", summary = "End the lead won or lost",
            description = "Won with its value, or lost with a reason from the configured list. Every plan step must be "
                    + "done or cancelled and every meeting's result recorded first (409 lists what is open).")
    public LeadView close(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Valid @NotNull Outcome body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        return view(work.close(lead, who.personId(), body.result(),
                body.value() == null ? null : body.value().amount(), body.value() == null ? null : body.value().currency(),
                body.lossReason(), body.note()));
    }

    private LeadView view(Lead lead) {
        return LeadView.of(lead, directory.nameOf(lead.ownerId), clock.instant());
    }
}
