package io.closedloop.reporting.projection;

import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    private final ReadModelRebuild rebuild;
    private final ReadModel readModel;

    RebuildResource(ReadModelRebuild rebuild, ReadModel readModel) {
        this.rebuild = rebuild;
        this.readModel = readModel;
    }

    @GET
    @Operation(operationId = "getReadModels", summary = "Which schema the read models are served from")
    public State state() {
        return new State(readModel.live());
    }

    @POST
    @Path("/rebuild")
    @Operation(operationId = "rebuildReadModels", summary = "Rebuild the read models from every topic, from the beginning",
            description = "Into a fresh schema, through the same projection as the live path; with live=true the "
                    + "rebuilt schema then serves queries and takes the live consumers (held back while it catches up).")
    public ReadModelRebuild.Result rebuild(@Valid @NotNull Rebuild body) {
        try {
            return rebuild.rebuild(body.schema(), body.live());
        } catch (IllegalArgumentException e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }
}
