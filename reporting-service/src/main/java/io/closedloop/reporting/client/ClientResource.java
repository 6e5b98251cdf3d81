package io.closedloop.reporting.client;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.security.Roles;
import io.closedloop.reporting.projection.ReadModel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clients")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class ClientResource {

    private final UrgencyReports reports;
    private final ReadModel readModel;

    ClientResource(UrgencyReports reports, ReadModel readModel) {
        this.reports = reports;
        this.readModel = readModel;
    }

    @GET
    @Path("/{ref}/urgency")
    @Operation(operationId = "getClientUrgency", summary = "How reliable a client's urgency claims have been",
            description = "Each urgency the client claimed, and what followed: a meeting held, a no-show, silence.")
    public UrgencyReports.Report urgency(@Parameter(description = "The customer's reference: ref:, email: or phone: and the value") @PathParam("ref")
                                         @Pattern(regexp = Patterns.CUSTOMER_REF, message = Patterns.CUSTOMER_REF_MESSAGE)
                                         String ref) {
        return reports.report(readModel.live(), ref);
    }
}
