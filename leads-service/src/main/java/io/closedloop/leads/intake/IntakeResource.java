package io.closedloop.leads.intake;

import java.net.URI;
import java.time.Clock;

import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.lead.LeadGuard;
import io.closedloop.leads.lead.LeadRepresentation;
import io.closedloop.leads.lead.LeadView;
import io.closedloop.leads.lead.ReferrerLeadView;
import io.closedloop.leads.people.Directory;
import io.closedloop.platform.idempotency.IdempotentCreate;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /leads}: the front door. Above assignment, which routes what comes in; reading leads is below it. */
@Path("/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class IntakeResource {

    private final LeadIntake intake;
    private final LeadGuard guard;
    private final Directory directory;
    private final CurrentCaller caller;
    private final Clock clock;

    IntakeResource(LeadIntake intake, LeadGuard guard, Directory directory, CurrentCaller caller, Clock clock) {
        this.intake = intake;
        this.guard = guard;
        this.directory = directory;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Transactional
    @IdempotentCreate
    @Operation(operationId = "createLead", summary = "Take in a lead or referral",
            description = "Routed at once by the assignment rules. A likely duplicate (same e-mail or phone on an open "
                    + "lead) answers 409 with a link to the existing lead unless allowDuplicate=true. The answer is "
                    + "the caller's view of the lead: a referrer gets the referrer's view (status, owner, dates; never "
                    + "contact details, value or notes), staff the lead as taken in.")
    @APIResponse(responseCode = "201", description = "Taken in (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = LeadRepresentation.class)),
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Location",
                    description = "The lead's address", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public Response create(@Valid @NotNull NewLead body,
                           @Parameter(description = "true: take the lead in even when an open lead has the same e-mail or phone (otherwise 409 with a link to it)") @QueryParam("allowDuplicate") @DefaultValue("false") boolean allowDuplicate) {
        Caller who = caller.get();
        Lead lead = intake.receive(body, who, allowDuplicate);
        String ownerName = directory.nameOf(lead.ownerId);
        // A referrer gets the referrer's view, whoever the lead went to; whoever works leads gets what they typed in.
        LeadAccess.View seen = guard.viewOf(lead, who);
        Object view = seen == LeadAccess.View.REFERRER || (seen != LeadAccess.View.FULL && who.isOnlyReferrer())
                ? ReferrerLeadView.of(lead, ownerName) : LeadView.of(lead, ownerName, clock.instant());
        return Response.created(URI.create("/leads/" + lead.id)).entity(view).build();
    }
}
