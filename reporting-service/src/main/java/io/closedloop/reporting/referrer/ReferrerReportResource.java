package io.closedloop.reporting.referrer;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import io.closedloop.reporting.access.ReportAccess;
import io.closedloop.reporting.projection.ReadModel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import io.closedloop.platform.export.CsvWriter;
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

    private final ReferrerReports reports;
    private final ReportAccess access;
    private final ReadModel readModel;
    private final CurrentCaller caller;

    ReferrerReportResource(ReferrerReports reports, ReportAccess access, ReadModel readModel, CurrentCaller caller) {
        this.reports = reports;
        this.access = access;
        this.readModel = readModel;
        this.caller = caller;
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(operationId = "getReferrerReport", summary = "What became of a referrer's referrals",
            description = "Sent, acknowledged (and the median time it took), echoed, closed, confirmed, won; and the "
                    + "referrals left silent: open loops back to the referrer with missed echo deadlines.")
    public ReferrerReports.Report report(@Parameter(description = "The referrer's person id") @PathParam("id") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String id) {
        access.requireReferrer(caller.get(), id);
        return reports.report(readModel.live(), id);
    }
}
