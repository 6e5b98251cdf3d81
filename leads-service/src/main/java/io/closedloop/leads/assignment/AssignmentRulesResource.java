package io.closedloop.leads.assignment;

import java.util.ArrayList;
import java.util.List;

import io.closedloop.leads.people.Directory;
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
 * The routing rules, edited as a whole. A read carries an ETag; a write with {@code If-Match} applies only if nobody
 * changed them since (412 otherwise).
 */
@Path("/assignment-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class AssignmentRulesResource {

    private final Settings settings;
    private final Directory directory;
    private final CurrentCaller caller;

    AssignmentRulesResource(Settings settings, Directory directory, CurrentCaller caller) {
        this.settings = settings;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Transactional
    @Tag(name = "Assignment")
    @Operation(operationId = "getAssignmentRules", summary = "The ordered assignment rules")
    @APIResponse(responseCode = "200", description = "The rules",
            content = @Content(schema = @Schema(implementation = AssignmentRules.class)), headers = @Header(name = "ETag", description = Settings.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Response rules() {
        Settings.Versioned<AssignmentRules> rules = settings.read(AssignmentService.RULES, AssignmentRules.class,
                AssignmentRules.NONE);
        return Response.ok(rules.value()).header(HttpHeaders.ETAG, rules.etag()).build();
    }

    @PUT
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Tag(name = "Assignment")
    @Operation(operationId = "replaceAssignmentRules", summary = "Replace the assignment rules", description = "Tried in order; the first that matches a lead routes it.")
    @APIResponse(responseCode = "200", description = "The rules as saved",
            content = @Content(schema = @Schema(implementation = AssignmentRules.class)), headers = @Header(name = "ETag", description = Settings.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Response replaceRules(@Valid @NotNull AssignmentRules body,
                                 @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = Settings.IF_MATCH,
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
}
