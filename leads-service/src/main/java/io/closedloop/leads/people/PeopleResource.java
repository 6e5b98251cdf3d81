package io.closedloop.leads.people;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.person.PersonChanged;
import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.settings.Json;
import io.closedloop.platform.time.BusinessCalendar;
import io.closedloop.platform.time.OpeningHours;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.validation.constraints.Max;
import io.closedloop.platform.api.Cursor;
import io.closedloop.platform.api.Page;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/people")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "People")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class PeopleResource {

    @Schema(name = "PersonRole")
    public enum Kind { AGENT, MANAGER, REFERRER }

    /**
     * A directory entry. {@code capacity} is the most open leads the person may own (none: no limit);
     * {@code managerId} defaults to the team's manager; working hours are per weekday in {@code timeZone}.
     */
    @Schema(name = "PersonBody", description = "A directory entry: capacity is the most open leads the person may own "
            + "(absent: no limit); managerId defaults to the team's manager; working hours are per weekday in timeZone")
    public record PersonBody(
            @NotBlank @Size(max = 200) @Schema(examples = "Ann Agent") String name,
            @Email @Size(max = 254) @Schema(examples = "ann.agent@example.com") String email,
            @NotNull @Size(min = 1, max = 3) Set<@NotNull Kind> roles,
            @Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String teamId,
            @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String managerId,
            @Min(0) Integer capacity,
            boolean active,
            Instant outOfOfficeUntil,
            @Size(max = 50) Set<@NotBlank @Size(max = 100) String> territories,
            Map<DayOfWeek, @Size(max = 6) List<@NotNull @Valid OpeningHours>> workingHours,
            @Size(max = 60) @Schema(examples = "Europe/Paris") String timeZone) {
    }

    @Schema(name = "Person")
    public record PersonView(@NotNull @Schema(examples = "ann-agent") String id,
                             @NotNull @Schema(examples = "Ann Agent") String name,
                             @Schema(examples = "ann.agent@example.com") String email,
                             @NotNull @Schema(description = "agent, manager, referrer") List<String> roles,
                             @Schema(examples = "lending") String teamId,
                             @Schema(description = "Their manager of record; the team's manager when absent") String managerId,
                             @Schema(description = "The most open leads they may own; no limit when absent") Integer capacity,
                             boolean active, Instant outOfOfficeUntil, @NotNull List<String> territories,
                             Map<DayOfWeek, List<OpeningHours>> workingHours,
                             @Schema(examples = "Europe/Paris") String timeZone, @NotNull Instant updatedAt,
                             long version) {

        static PersonView of(Person p) {
            return new PersonView(p.id, p.name, p.email, p.roleList(), p.teamId, p.managerId, p.capacity, p.active,
                    p.outOfOfficeUntil, p.territoryList(), p.week(), p.timeZone, p.updatedAt, p.version);
        }
    }

    private final Directory directory;
    private final Outbox outbox;
    private final CurrentCaller caller;
    private final Clock clock;

    PeopleResource(Directory directory, Outbox outbox, CurrentCaller caller, Clock clock) {
        this.directory = directory;
        this.outbox = outbox;
        this.caller = caller;
        this.clock = clock;
    }

    @PUT
    @Path("/{id}")
    @Transactional
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    @Operation(operationId = "savePerson", summary = "Create or update a person",
            description = "The admin edits anyone. A manager creates and edits the agents of the teams they manage and "
                    + "keeps them there: not people without a team, not other managers or themselves, not the MANAGER "
                    + "role, and no manager of record but themselves (403 says which).")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    public Response put(@Parameter(description = "The person's id") @PathParam("id") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String id,
                        @Valid @NotNull PersonBody body) {
        Caller who = caller.get();
        LeadAccess.Viewer viewer = directory.viewer(who);
        Person person = Person.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        boolean created = person == null;
        DirectoryAuthority.refusal(who, viewer.managedTeams(),
                        person == null ? null : new DirectoryAuthority.Entry(person.id, person.teamId, person.roleList()),
                        new DirectoryAuthority.Change(body.teamId(),
                                body.roles().stream().map(k -> k.name().toLowerCase()).collect(java.util.stream.Collectors.toSet()),
                                body.managerId()))
                .ifPresent(reason -> {
                    throw ProblemException.forbidden(reason);
                });
        validate(body);
        if (created) {
            person = new Person();
            person.id = id;
        }
        person.name = body.name().strip();
        person.email = body.email();
        person.roles = Json.write(body.roles().stream().map(k -> k.name().toLowerCase()).sorted().toList());
        person.teamId = body.teamId();
        person.managerId = body.managerId();
        person.capacity = body.capacity();
        person.active = body.active();
        person.outOfOfficeUntil = body.outOfOfficeUntil();
        person.territories = Json.write(body.territories() == null ? List.of() : body.territories().stream().sorted().toList());
        person.workingHours = body.workingHours() == null ? null : Json.write(body.workingHours());
        person.timeZone = body.timeZone();
        person.updatedAt = clock.instant();
        person.persist();
        directory.changed();
        String manager = person.managerId != null ? person.managerId
                : directory.team(person.teamId).map(t -> t.managerId).orElse(null);
        outbox.publish(EventCatalog.PERSON_CHANGED, person.id, new PersonChanged(person.id, person.name, person.email,
                person.teamId, manager, person.roleList(), person.active, person.capacity, person.outOfOfficeUntil,
                person.updatedAt));
        Person.getEntityManager().flush();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(PersonView.of(person)).build();
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "getPerson", summary = "One person", description = "A referrer sees only their own entry.")
    public PersonView get(@Parameter(description = "The person's id") @PathParam("id") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String id) {
        Caller who = caller.get();
        if (who.isOnlyReferrer() && !who.personId().equals(id)) {
            throw ProblemException.notFound("person", id);
        }
        return directory.person(id).map(PersonView::of).orElseThrow(() -> ProblemException.notFound("person", id));
    }

    @GET
    @Transactional
    @Operation(operationId = "listPeople", summary = "People, by id, optionally of one team",
            description = "A referrer sees only their own entry.")
    public Page<PersonView> list(@Parameter(description = "Keep those of this team") @QueryParam("teamId") @Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String teamId,
                                 @QueryParam("cursor") @Size(max = 200) String cursor,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Caller who = caller.get();
        String after = cursor == null || cursor.isBlank() ? "" : Cursor.decode(cursor, "person", 1)[0];
        StringBuilder query = new StringBuilder("id > ?1");
        List<Object> parameters = new ArrayList<>(List.of(after));
        if (teamId != null) {
            query.append(" and teamId = ?2");
            parameters.add(teamId);
        }
        if (who.isOnlyReferrer()) {
            query.append(" and id = ?").append(parameters.size() + 1);
            parameters.add(who.personId());
        }
        List<Person> people = Person.<Person>find(query + " order by id", parameters.toArray()).page(0, limit + 1).list();
        List<PersonView> items = people.stream().limit(limit).map(PersonView::of).toList();
        return new Page<>(items, people.size() > limit ? Cursor.encode("person", items.getLast().id()) : null);
    }

    private void validate(PersonBody body) {
        List<FieldViolation> problems = new ArrayList<>();
        if (body.teamId() != null && directory.team(body.teamId()).isEmpty()) {
            problems.add(new FieldViolation("teamId", "no such team"));
        }
        if (body.timeZone() != null && !ZoneId.getAvailableZoneIds().contains(body.timeZone())) {
            problems.add(new FieldViolation("timeZone", "must be a time-zone id, e.g. Europe/Paris"));
        }
        if (body.workingHours() != null && !body.workingHours().isEmpty()) {
            try {
                BusinessCalendar.of(ZoneId.of("UTC"), body.workingHours(), Set.of());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation("workingHours", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }
}
