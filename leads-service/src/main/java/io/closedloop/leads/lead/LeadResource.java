package io.closedloop.leads.lead;

import java.net.URI;
import java.util.UUID;

import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class LeadResource {

    private final LeadIntake intake;
    private final CurrentCaller caller;

    LeadResource(LeadIntake intake, CurrentCaller caller) {
        this.intake = intake;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Take in a lead or referral")
    public Response create(@Valid @NotNull NewLead body) {
        Lead lead = intake.receive(body, caller.get());
        return Response.created(URI.create("/leads/" + lead.id)).entity(LeadView.of(lead)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One lead")
    public LeadView get(@PathParam("id") UUID id) {
        Caller who = caller.get();
        Lead lead = Lead.<Lead>findByIdOptional(id)
                .filter(l -> mayRead(l, who))
                .orElseThrow(() -> ProblemException.notFound("lead", id));
        return LeadView.of(lead);
    }

    private static boolean mayRead(Lead lead, Caller who) {
        return who.isAdmin() || who.isManager()
                || who.personId().equals(lead.ownerId) || who.personId().equals(lead.createdBy)
                || who.personId().equals(lead.referrerId);
    }
}
