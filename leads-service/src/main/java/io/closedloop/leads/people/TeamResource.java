package io.closedloop.leads.people;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.team.TeamChanged;
import io.closedloop.leads.settings.Json;
import io.closedloop.platform.time.BusinessCalendar;
import io.closedloop.platform.time.OpeningHours;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.closedloop.platform.api.Cursor;
import io.closedloop.platform.api.Page;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "People")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class TeamResource {

    /** A team, its manager and its business hours: SLA clocks pause outside them and on closed dates. */
    @Schema(description = "A team, its manager and its business hours: SLA clocks pause outside them and on closed dates")
    public record TeamBody(
            @NotBlank @Size(max = 200) @Schema(examples = "Lending") String name,
            @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) @Schema(examples = "lea-manager") String managerId,
            @NotBlank @Size(max = 60) @Schema(examples = "Europe/Paris") String timeZone,
            @NotEmpty Map<@NotNull DayOfWeek, @Size(max = 6) List<@NotNull @Valid OpeningHours>> businessHours,
            @Size(max = 400) List<@NotNull LocalDate> closedDates) {
    }

    @Schema(name = "Team")
    public record TeamView(@NotNull @Schema(examples = "lending") String id, @NotNull @Schema(examples = "Lending") String name,
                           @Schema(examples = "lea-manager") String managerId,
                           @NotNull @Schema(examples = "Europe/Paris") String timeZone,
                           @NotNull Map<DayOfWeek, List<OpeningHours>> businessHours,
                           @NotNull List<LocalDate> closedDates, @NotNull Instant updatedAt, long version) {

        static TeamView of(Team t) {
            return new TeamView(t.id, t.name, t.managerId, t.timeZone, t.week(), t.closed(), t.updatedAt, t.version);
        }
    }

    private final Outbox outbox;
    private final Directory directory;
    private final Clock clock;

    TeamResource(Outbox outbox, Directory directory, Clock clock) {
        this.outbox = outbox;
        this.directory = directory;
        this.clock = clock;
    }

    @PUT
    @Path("/{id}")
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "saveTeam", summary = "Create or update a team")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = TeamView.class)))
    public Response put(@Parameter(description = "The team's id") @PathParam("id") @Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String id,
                        @Valid @NotNull TeamBody body) {
        if (!ZoneId.getAvailableZoneIds().contains(body.timeZone())) {
            throw ProblemException.invalid("timeZone", "must be a time-zone id, e.g. Europe/Paris");
        }
        try {
            BusinessCalendar.of(ZoneId.of(body.timeZone()), body.businessHours(), Set.of());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("businessHours", e.getMessage());
        }
        Team team = Team.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        boolean created = team == null;
        if (created) {
            team = new Team();
            team.id = id;
        }
        team.name = body.name().strip();
        team.managerId = body.managerId();
        team.timeZone = body.timeZone();
        team.businessHours = Json.write(body.businessHours());
        team.closedDates = Json.write(body.closedDates() == null ? List.of() : body.closedDates().stream().sorted().toList());
        team.updatedAt = clock.instant();
        team.persist();
        directory.changed();
        outbox.publish(EventCatalog.TEAM_CHANGED, team.id, new TeamChanged(team.id, team.name, team.managerId,
                team.timeZone, team.updatedAt, hoursForEvent(team.week()), team.closed()));
        Team.getEntityManager().flush();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(TeamView.of(team)).build();
    }

    private static Map<String, List<io.closedloop.events.team.OpeningHours>> hoursForEvent(
            Map<DayOfWeek, List<OpeningHours>> week) {
        Map<String, List<io.closedloop.events.team.OpeningHours>> hours = new java.util.TreeMap<>();
        week.forEach((day, ranges) -> hours.put(day.name(), ranges.stream()
                .map(r -> new io.closedloop.events.team.OpeningHours(r.from().toString(), r.to().toString())).toList()));
        return hours;
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "getTeam", summary = "One team")
    public TeamView get(@Parameter(description = "The team's id") @PathParam("id") @Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String id) {
        return Team.<Team>findByIdOptional(id).map(TeamView::of).orElseThrow(() -> ProblemException.notFound("team", id));
    }

    @GET
    @Transactional
    @Operation(operationId = "listTeams", summary = "Every team, by id")
    public Page<TeamView> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                               @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        String after = cursor == null || cursor.isBlank() ? "" : Cursor.decode(cursor, "team", 1)[0];
        List<Team> teams = Team.<Team>find("id > ?1 order by id", after).page(0, limit + 1).list();
        List<TeamView> items = teams.stream().limit(limit).map(TeamView::of).toList();
        return new Page<>(items, teams.size() > limit ? Cursor.encode("team", items.getLast().id()) : null);
    }
}
