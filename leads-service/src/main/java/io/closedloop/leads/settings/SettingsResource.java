package io.closedloop.leads.settings;

import java.util.ArrayList;
import java.util.List;

import io.closedloop.leads.assignment.AssignmentRule;
import io.closedloop.leads.assignment.AssignmentRules;
import io.closedloop.leads.assignment.AssignmentService;
import io.closedloop.leads.people.Directory;
import io.closedloop.leads.sla.SlaClocks;
import io.closedloop.leads.sla.SlaPolicies;
import io.closedloop.leads.sla.SlaPolicy;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The routing rules and SLA policies, each edited as a whole. Reads carry an ETag; a write with {@code If-Match}
 * applies only if nobody changed the document since (412 otherwise).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class SettingsResource {

    private final Settings settings;
    private final Directory directory;
    private final CurrentCaller caller;

    SettingsResource(Settings settings, Directory directory, CurrentCaller caller) {
        this.settings = settings;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Path("assignment-rules")
    @Transactional
    @Tag(name = "Assignment")
    @Operation(operationId = "getAssignmentRules", summary = "The ordered assignment rules")
    @APIResponse(responseCode = "200", description = "The rules",
            content = @Content(schema = @Schema(implementation = AssignmentRules.class)), headers = @Header(name = "ETag", description = "The document's version: send it back as If-Match to replace it",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response rules() {
        Settings.Versioned<AssignmentRules> rules = settings.read(AssignmentService.RULES, AssignmentRules.class,
                AssignmentRules.NONE);
        return Response.ok(rules.value()).header(HttpHeaders.ETAG, rules.etag()).build();
    }

    @PUT
    @Path("assignment-rules")
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Tag(name = "Assignment")
    @Operation(operationId = "replaceAssignmentRules", summary = "Replace the assignment rules", description = "Tried in order; the first that matches a lead routes it.")
    @APIResponse(responseCode = "200", description = "The rules as saved",
            content = @Content(schema = @Schema(implementation = AssignmentRules.class)), headers = @Header(name = "ETag", description = "The document's version: send it back as If-Match to replace it",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response replaceRules(@Valid @NotNull AssignmentRules body,
                                 @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ETag of your read: the write applies "
            + "only if nobody changed the document since (412 otherwise); * to replace whatever is there",
            schema = @Schema(type = SchemaType.STRING, examples = "\"7\"")) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        List<FieldViolation> problems = new ArrayList<>(body.problems());
        for (int i = 0; i < body.rules().size(); i++) {
            AssignmentRule.Target target = body.rules().get(i).target();
            if (target.teamId() != null && directory.team(target.teamId()).isEmpty()) {
                problems.add(new FieldViolation("rules[" + i + "].target.teamId", "no such team"));
            }
            if (target.personId() != null && directory.person(target.personId()).isEmpty()) {
                problems.add(new FieldViolation("rules[" + i + "].target.personId", "no such person"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        Settings.Versioned<AssignmentRules> saved = settings.replace(AssignmentService.RULES, body, ifMatch,
                caller.get().personId());
        return Response.ok(saved.value()).header(HttpHeaders.ETAG, saved.etag()).build();
    }

    /** The SLA policy set; until edited, {@link SlaPolicies#DEFAULTS}. */
    @Schema(name = "SlaPolicies", description = "The SLA policy set; until edited, the defaults")
    public record PolicyList(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid SlaPolicy> policies) {
    }

    @GET
    @Path("sla-policies")
    @Transactional
    @Tag(name = "SLA")
    @Operation(operationId = "getSlaPolicies", summary = "The SLA policies per source and priority")
    @APIResponse(responseCode = "200", description = "The policies",
            content = @Content(schema = @Schema(implementation = PolicyList.class)), headers = @Header(name = "ETag", description = "The document's version: send it back as If-Match to replace it",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response policies() {
        Settings.Versioned<SlaPolicies> policies = settings.read(SlaClocks.POLICIES, SlaPolicies.class, SlaPolicies.DEFAULTS);
        return Response.ok(new PolicyList(policies.value().policies())).header(HttpHeaders.ETAG, policies.etag()).build();
    }

    @PUT
    @Path("sla-policies")
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Tag(name = "SLA")
    @Operation(operationId = "replaceSlaPolicies", summary = "Replace the SLA policies",
            description = "The most specific policy applies to a lead (source and priority, then source, then "
                    + "priority); a catch-all is required. New deadlines apply from each lead's next clock start.")
    @APIResponse(responseCode = "200", description = "The policies as saved",
            content = @Content(schema = @Schema(implementation = PolicyList.class)), headers = @Header(name = "ETag", description = "The document's version: send it back as If-Match to replace it",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response replacePolicies(@Valid @NotNull PolicyList body,
                                    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ETag of your read: the write applies "
            + "only if nobody changed the document since (412 otherwise); * to replace whatever is there",
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
