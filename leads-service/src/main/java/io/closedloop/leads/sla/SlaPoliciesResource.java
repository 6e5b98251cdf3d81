package io.closedloop.leads.sla;

import java.util.List;

import jakarta.validation.constraints.Size;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.closedloop.leads.settings.Settings;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The SLA policies, edited as a whole. A read carries an ETag; a write with {@code If-Match} applies only if nobody
 * changed them since (412 otherwise).
 */
@Path("/sla-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class SlaPoliciesResource {

    private final Settings settings;
    private final CurrentCaller caller;

    SlaPoliciesResource(Settings settings, CurrentCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    /** The SLA policy set; until edited, {@link SlaPolicies#DEFAULTS}. */
    @Schema(name = "SlaPolicies", description = "The SLA policy set; until edited, the defaults")
    public record PolicyList(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid SlaPolicy> policies) {
    }

    @GET
    @Transactional
    @Tag(name = "SLA")
    @Operation(operationId = "getSlaPolicies", summary = "The SLA policies per source and priority")
    @APIResponse(responseCode = "200", description = "The policies",
            content = @Content(schema = @Schema(implementation = PolicyList.class)), headers = @Header(name = "ETag", description = Settings.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Response policies() {
        Settings.Versioned<SlaPolicies> policies = settings.read(SlaClocks.POLICIES, SlaPolicies.class, SlaPolicies.DEFAULTS);
        return Response.ok(new PolicyList(policies.value().policies())).header(HttpHeaders.ETAG, policies.etag()).build();
    }

    @PUT
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Tag(name = "SLA")
    @Operation(operationId = "replaceSlaPolicies", summary = "Replace the SLA policies",
            description = "The most specific policy applies to a lead (source and priority, then source, then "
                    + "priority); a catch-all is required. New deadlines apply from each lead's next clock start.")
    @APIResponse(responseCode = "200", description = "The policies as saved",
            content = @Content(schema = @Schema(implementation = PolicyList.class)), headers = @Header(name = "ETag", description = Settings.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Response replacePolicies(@Valid @NotNull PolicyList body,
                                    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = Settings.IF_MATCH,
            schema = @Schema(type = SchemaType.STRING, examples = "\"7\"")) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        SlaPolicies policies = new SlaPolicies(body.policies());
        List<FieldViolation> problems = policies.problems().stream()
                .map(v -> new FieldViolation(v.field().startsWith("[") ? "policies" + v.field() : v.field(), v.message()))
                .toList();
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        Settings.Versioned<SlaPolicies> saved = settings.replace(SlaClocks.POLICIES, policies, ifMatch, caller.get().personId());
        return Response.ok(new PolicyList(saved.value().policies())).header(HttpHeaders.ETAG, saved.etag()).build();
    }
}
