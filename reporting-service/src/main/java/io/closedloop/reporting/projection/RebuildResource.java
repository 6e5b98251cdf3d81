package io.closedloop.reporting.projection;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.closedloop.platform.api.Cursor;
import io.closedloop.platform.api.Page;
import io.closedloop.platform.problem.ProblemException;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/read-models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@RolesAllowed(Roles.ADMIN)
public class RebuildResource {

    /** Rebuild into {@code schema} (rm_…); with {@code live}, then serve from it. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RebuildRequest")
    public record Rebuild(@NotNull @Pattern(regexp = "rm_[a-z0-9_]{1,40}", message = "must be rm_ followed by lower-case letters, digits or _") String schema,
                          boolean live) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ReadModelState", description = "The schema the read models are served from")
    public record State(String live) {
    }

    private final RebuildJobs jobs;
    private final ReadModel readModel;
    private final CurrentCaller caller;
    private final Clock clock;

    RebuildResource(RebuildJobs jobs, ReadModel readModel, CurrentCaller caller, Clock clock) {
        this.jobs = jobs;
        this.readModel = readModel;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "getReadModels", summary = "Which schema the read models are served from")
    public State state() {
        return new State(readModel.live());
    }

    @POST
    @Path("/rebuilds")
    @Operation(operationId = "startRebuild", summary = "Start rebuilding the read models from every topic, from the beginning",
            description = "Answers at once with the job (202, Location: the job); follow it with GET until SUCCEEDED or "
                    + "FAILED. The rebuild fills a fresh schema through the same projection as the live path, which keeps "
                    + "serving meanwhile; with live=true the rebuilt schema then serves queries and takes the live "
                    + "consumers (held back while it catches up). One rebuild runs at a time: 409 names the running one.")
    @APIResponse(responseCode = "202", description = "Started",
            content = @Content(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RebuildView.class)))
    public Response start(@Valid @NotNull Rebuild body) {
        RebuildJob job;
        try {
            job = jobs.start(body.schema(), body.live(), caller.get().personId());
        } catch (IllegalArgumentException e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("Rebuild " + e.getMessage() + " is running; follow it at /admin/read-models/rebuilds/"
                    + e.getMessage() + " and start another once it is finished");
        }
        return Response.accepted(RebuildView.of(job, clock.instant()))
                .location(URI.create("/admin/read-models/rebuilds/" + job.id)).build();
    }

    @GET
    @Path("/rebuilds/{id}")
    @Transactional
    @Operation(operationId = "getRebuild", summary = "A rebuild job: its state, progress per topic, rate and time left")
    public RebuildView get(@Parameter(description = "The job's id") @PathParam("id") UUID id) {
        RebuildJob job = RebuildJob.findById(id);
        if (job == null) {
            throw ProblemException.notFound("rebuild", id);
        }
        return RebuildView.of(job, clock.instant());
    }

    @GET
    @Path("/rebuilds")
    @Transactional
    @Operation(operationId = "listRebuilds", summary = "Rebuild jobs, newest first")
    public Page<RebuildView> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                  @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        Cursor.appendAfter(query, parameters, cursor, "rebuild", "startedAt", true);
        List<RebuildJob> rows = RebuildJob.<RebuildJob>find(query + " order by startedAt desc, id desc", parameters)
                .range(0, limit).list();
        RebuildJob last = rows.size() > limit ? rows.get(limit - 1) : null;
        Instant now = clock.instant();
        return new Page<>(rows.stream().limit(limit).map(j -> RebuildView.of(j, now)).toList(),
                last == null ? null : Cursor.encode("rebuild", last.startedAt.toString(), last.id.toString()));
    }
}
