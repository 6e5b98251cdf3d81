package io.closedloop.reporting.discrepancy;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.util.List;

import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import io.closedloop.reporting.access.ReportAccess;
import io.closedloop.reporting.scorecard.Periods;
import io.closedloop.reporting.projection.ReadModel;
import io.closedloop.reporting.query.Directory;
import io.closedloop.reporting.scorecard.Period;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import io.closedloop.platform.export.CsvWriter;
import io.closedloop.platform.export.Table;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/discrepancies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scorecards")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class DiscrepancyResource {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "DiscrepancyReport")
    public record Report(String period, List<Discrepancies.Unmatched> unmatched) implements Table.Tabular {

        @Override
        public Table table() {
            return new Table("discrepancies-" + period, List.of("personId", "day", "customerRef", "kind", "claimedAt",
                    "lookedFor"), unmatched.stream().map(u -> java.util.Arrays.<Object>asList(u.personId(), u.day(),
                    u.customerRef(), u.kind(), u.claimedAt(), u.lookedFor())).toList());
        }
    }

    private final Discrepancies discrepancies;
    private final Directory directory;
    private final ReportAccess access;
    private final ReadModel readModel;
    private final CurrentCaller caller;

    DiscrepancyResource(Discrepancies discrepancies, Directory directory, ReportAccess access, ReadModel readModel,
                        CurrentCaller caller) {
        this.discrepancies = discrepancies;
        this.directory = directory;
        this.access = access;
        this.readModel = readModel;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(operationId = "listDiscrepancies", summary = "Claimed contacts that no evidence backs, with what was looked for",
            description = "For a person (personId) or a team (teamId); without either, the caller's own.")
    public Report unmatched(@Parameter(description = "A day (2026-11-30), an ISO week (2026-W48), a month (2026-11), a quarter (2026-Q4) or a range (2026-11-01..2026-11-30)") @QueryParam("period") @NotBlank String period,
                            @Parameter(description = "Keep this person") @QueryParam("personId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId,
                            @Parameter(description = "Keep those of this team") @QueryParam("teamId") @Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String teamId) {
        Caller who = caller.get();
        Period p = Periods.parse(period);
        List<String> people;
        if (teamId != null) {
            if (personId != null) {
                throw ProblemException.invalid("teamId", "give a person or a team, not both");
            }
            access.requireTeam(who, teamId);
            people = directory.team(teamId).stream().map(Directory.Person::id).toList();
        } else {
            String person = personId == null ? who.personId() : personId;
            access.requirePerson(who, person);
            people = List.of(person);
        }
        return new Report(p.label(), discrepancies.unmatched(readModel.live(), people, p.from(), p.to()));
    }
}
