package io.closedloop.reporting.referrer;

import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/referrers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Referrers")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class ReferrerReportResource {

    private final CurrentCaller caller;

    ReferrerReportResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @Path("/{id}/report")
    @Operation(summary = "What became of a referrer's referrals")
    public ReferrerReportView report(@PathParam("id")
                                     @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
                                     String id) {
        Caller who = caller.get();
        if (!who.personId().equals(id) && !who.isAdmin() && !who.isManager()) {
            throw ProblemException.notFound("referrer report", id);
        }
        return ReferrerReport.<ReferrerReport>findByIdOptional(id).map(ReferrerReportView::of)
                .orElseGet(() -> ReferrerReportView.empty(id));
    }
}
