package io.closedloop.reporting.scorecard;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.export.CsvWriter;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import io.closedloop.reporting.access.ReportAccess;
import io.closedloop.reporting.projection.ReadModel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/scorecards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scorecards")
public class ScorecardResource {

    private final Scorecards scorecards;
    private final ReportAccess access;
    private final ReadModel readModel;
    private final CurrentCaller caller;

    ScorecardResource(Scorecards scorecards, ReportAccess access, ReadModel readModel, CurrentCaller caller) {
        this.scorecards = scorecards;
        this.access = access;
        this.readModel = readModel;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    @Operation(operationId = "listScorecards", summary = "A team's scorecard, ranked by outcome score",
            description = "period: a day (2026-11-23), ISO week (2026-W48), month (2026-11), quarter (2026-Q4) or range "
                    + "(2026-11-01..2026-11-30). For each member: claimed effort beside verified effort per activity with "
                    + "the verification ratio, outcomes, the score and the flags, each with its numbers.")
    public Scorecards.TeamCard team(@Parameter(description = "A day (2026-11-30), an ISO week (2026-W48), a month (2026-11), a quarter (2026-Q4) or a range (2026-11-01..2026-11-30)") @QueryParam("period") @NotBlank String period,
                                    @Parameter(description = "Keep those of this team") @QueryParam("teamId") @NotNull @Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String teamId) {
        Caller who = caller.get();
        access.requireTeam(who, teamId);
        return scorecards.team(readModel.live(), teamId, Periods.parse(period));
    }

    @GET
    @Path("/{personId}")
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
    @Operation(operationId = "getScorecard", summary = "One person's scorecard, ranked and flagged within their team")
    public Scorecards.PersonCard person(@Parameter(description = "The person's id") @PathParam("personId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId,
                                        @Parameter(description = "A day (2026-11-30), an ISO week (2026-W48), a month (2026-11), a quarter (2026-Q4) or a range (2026-11-01..2026-11-30)") @QueryParam("period") @NotBlank String period) {
        access.requirePerson(caller.get(), personId);
        return scorecards.person(readModel.live(), personId, Periods.parse(period));
    }
}
