package io.closedloop.leads.lead;

import io.closedloop.events.lead.LeadStatus;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.people.Directory;
import io.closedloop.platform.api.Cursor;
import io.closedloop.platform.api.Page;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.idempotency.IdempotentCreate;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import io.closedloop.platform.export.CsvWriter;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class LeadResource {

    /** One change to a lead. */
    public record HistoryEntry(
            @NotNull @Schema(description = "Increases with each change to the lead") Long id,
            @NotNull java.time.Instant at,
            @NotNull @Schema(description = "Who made the change: a person id, or system", examples = "ann-agent") String actor,
            @NotNull @Schema(description = "What changed", examples = "ASSIGNED") String action,
            @Schema(description = "Why, when someone said", examples = "On holiday until Monday") String reason,
            @Schema(type = SchemaType.OBJECT, description = "The change's particulars, e.g. from and to for an assignment",
                    additionalProperties = Schema.True.class) java.util.Map<String, Object> details) {
    }

    private final LeadQueries queries;
    private final LeadGuard guard;
    private final Directory directory;
    private final CurrentCaller caller;
    private final Clock clock;

    LeadResource(LeadQueries queries, LeadGuard guard, Directory directory, CurrentCaller caller, Clock clock) {
        this.queries = queries;
        this.guard = guard;
        this.directory = directory;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Transactional
    @Operation(operationId = "listLeads", summary = "Leads the caller may see, filtered",
            description = "sort=created (newest first, default) or due (next deadline first, open leads only). "
                    + "overdue=true keeps leads whose next deadline has passed. Pass nextCursor back as cursor.")
    public Page<LeadRepresentation> list(@Parameter(description = "Keep leads in any of these statuses (repeat the parameter for several)") @QueryParam("status") Set<LeadStatus> status,
                         @Parameter(description = "Keep those owned by this person") @QueryParam("ownerId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String ownerId,
                         @Parameter(description = "Keep those of this team") @QueryParam("teamId") @Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String teamId,
                         @Parameter(description = "Keep leads referred by this person") @QueryParam("referrerId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String referrerId,
                         @Parameter(description = "true: keep only leads whose next deadline has passed") @QueryParam("overdue") @DefaultValue("false") boolean overdue,
                         @Parameter(description = "created: newest first (default); due: next deadline first, open leads only") @QueryParam("sort") @DefaultValue("created") @Pattern(regexp = "created|due", message = "must be created or due") String sort,
                         @QueryParam("cursor") @Size(max = 200) String cursor,
                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        LeadAccess.Viewer viewer = directory.viewer(caller.get());
        LeadQueries.Page page = queries.list(viewer, new LeadQueries.Filter(status, ownerId, teamId, referrerId, overdue,
                "due".equals(sort) ? LeadQueries.Sort.DUE : LeadQueries.Sort.CREATED, cursor, limit));
        return new Page<>(page.items(), page.nextCursor());
    }

    @GET
    @Path("/queue")
    @Transactional
    @RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
    @Operation(operationId = "listWorkQueue", summary = "The caller's work queue",
            description = "Their open leads and their team's unassigned ones, the next deadline first.")
    public Page<LeadRepresentation> queue(@QueryParam("cursor") @Size(max = 200) String cursor,
                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        LeadQueries.Page page = queries.queue(directory.viewer(caller.get()), cursor, limit);
        return new Page<>(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "getLead", summary = "One lead, in the caller's view of it")
    public LeadRepresentation get(@Parameter(description = "The lead's id") @PathParam("id") UUID id) {
        LeadGuard.Seen seen = guard.see(id, caller.get());
        String ownerName = directory.nameOf(seen.lead().ownerId);
        return seen.view() == LeadAccess.View.FULL ? LeadView.of(seen.lead(), ownerName, clock.instant())
                : ReferrerLeadView.of(seen.lead(), ownerName);
    }

    @GET
    @Path("/{id}/history")
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Transactional
    @RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
    @Operation(operationId = "listLeadHistory", summary = "Every change to the lead: who, when, what and why",
            description = "Oldest first. For staff who may see the lead; a referrer follows it through its own view.")
    public Page<HistoryEntry> history(@Parameter(description = "The lead's id") @PathParam("id") UUID id,
                                      @QueryParam("cursor") @Size(max = 200) String cursor,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        LeadGuard.Seen seen = guard.see(id, caller.get());
        if (seen.view() != LeadAccess.View.FULL) {
            throw ProblemException.forbidden("A referrer sees the lead's progress, not its history");
        }
        long after = cursor == null || cursor.isBlank() ? 0 : parseId(Cursor.decode(cursor, "history", 1)[0]);
        List<LeadHistory> rows = LeadHistory.<LeadHistory>find("leadId = ?1 and id > ?2 order by id", id, after)
                .page(0, limit + 1).list();
        boolean more = rows.size() > limit;
        List<HistoryEntry> entries = rows.stream().limit(limit)
                .map(h -> new HistoryEntry(h.id, h.at, h.actor, h.action, h.reason,
                        h.details == null ? null : io.closedloop.leads.settings.Json.read(h.details, DETAILS)))
                .toList();
        return new Page<>(entries, more ? Cursor.encode("history", Long.toString(entries.getLast().id())) : null);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>> DETAILS =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this listing returned");
        }
    }
}
