package io.closedloop.leads.plan;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.lead.StepKind;
import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.lead.LeadGuard;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.people.Directory;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.closedloop.platform.api.Page;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.closedloop.platform.idempotency.IdempotentCreate;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/leads/{id}/plan")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Plan")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class PlanResource {

    /** A step to plan; the assignee defaults to the lead's owner. */
    @Schema(description = "A step to plan; the assignee defaults to the lead's owner")
    public record NewStep(@NotBlank @Size(max = 300) @Schema(examples = "Send the signed offer") String title,
                          @NotNull Instant dueAt,
                          @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
                          @Schema(examples = "ann-agent") String assigneeId,
                          @Size(max = 4000) String note) {
    }

    @Schema(name = "StepCompletion")
    public record Completion(@Size(max = 4000) @Schema(examples = "Sent by courier") String note) {
    }

    @Schema(name = "StepCancellation")
    public record Cancellation(@NotBlank @Size(max = 1000) @Schema(examples = "The customer signed in the branch") String reason) {
    }

    @Schema(name = "PlanStep", description = "One step of a lead's plan")
    public record StepView(@NotNull UUID id,
                           @NotNull @Schema(description = "Planned by someone, or made by the service (e.g. a meeting's follow-up)")
                           StepKind kind,
                           @NotNull @Schema(examples = "Send the signed offer") String title, String note,
                           @NotNull Instant dueAt, @NotNull @Schema(examples = "ann-agent") String assigneeId,
                           @NotNull PlanStep.State state,
                           @Schema(description = "Open and past its due time") boolean overdue,
                           @NotNull String createdBy, @NotNull Instant createdAt, String finishedBy,
                           Instant finishedAt, String finishNote) {

        static StepView of(PlanStep s, Instant now) {
            return new StepView(s.id, s.kind, s.title, s.note, s.dueAt, s.assigneeId, s.state,
                    s.state == PlanStep.State.OPEN && s.dueAt.isBefore(now), s.createdBy, s.createdAt, s.finishedBy,
                    s.finishedAt, s.finishNote);
        }
    }

    private final LeadGuard guard;
    private final PlanService plan;
    private final Directory directory;
    private final CurrentCaller caller;
    private final Clock clock;

    PlanResource(LeadGuard guard, PlanService plan, Directory directory, CurrentCaller caller, Clock clock) {
        this.guard = guard;
        this.plan = plan;
        this.directory = directory;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Transactional
    @Operation(operationId = "listPlanSteps", summary = "The lead's plan: every step, soonest first")
    public Page<StepView> steps(@Parameter(description = "The lead's id") @PathParam("id") UUID id,
                                @QueryParam("cursor") @Size(max = 200) String cursor,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Lead lead = seeFully(id);
        Instant now = clock.instant();
        return Page.slice(plan.steps(lead).stream().map(s -> StepView.of(s, now)).toList(), s -> s.id().toString(),
                cursor, limit);
    }

    @GET
    @Path("/steps/{stepId}")
    @Transactional
    @Operation(operationId = "getPlanStep", summary = "One step of the lead's plan")
    public StepView step(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Parameter(description = "The plan step's id") @PathParam("stepId") UUID stepId) {
        Lead lead = seeFully(id);
        Instant now = clock.instant();
        return plan.steps(lead).stream().filter(s -> s.id.equals(stepId)).findFirst().map(s -> StepView.of(s, now))
                .orElseThrow(() -> ProblemException.notFound("plan step", stepId));
    }

    private Lead seeFully(UUID id) {
        LeadGuard.Seen seen = guard.see(id, caller.get());
        if (seen.view() != LeadAccess.View.FULL) {
            throw ProblemException.forbidden("A referrer sees the lead's progress, not its plan");
        }
        return seen.lead();
    }

    @POST
    @Path("/steps")
    @Transactional
    @Operation(operationId = "addPlanStep", summary = "Plan a step with a due time")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Planned (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = StepView.class)),
            headers = @Header(name = "Location", description = "The step's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response add(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Valid @NotNull NewStep body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        String assignee = body.assigneeId() != null ? body.assigneeId()
                : lead.ownerId != null ? lead.ownerId : who.personId();
        if (body.assigneeId() != null && directory.person(body.assigneeId()).isEmpty()) {
            throw ProblemException.invalid("assigneeId", "no such person");
        }
        if (!body.dueAt().isAfter(lead.createdAt)) {
            throw ProblemException.invalid("dueAt", "must be after the lead came in");
        }
        PlanStep step = plan.add(lead, who.personId(), StepKind.PLANNED, body.title().strip(), body.dueAt(), assignee, body.note());
        return Response.created(URI.create("/leads/" + id + "/plan/steps/" + step.id))
                .entity(StepView.of(step, clock.instant())).build();
    }

    @POST
    @Path("/steps/{stepId}/completion")
    @Transactional
    @Operation(operationId = "completePlanStep", summary = "Mark a step done", description = "By its assignee, the lead's owner or their managers.")
    public StepView complete(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Parameter(description = "The plan step's id") @PathParam("stepId") UUID stepId, @Valid Completion body) {
        Caller who = caller.get();
        Lead lead = lockForStep(id, stepId, who);
        return StepView.of(plan.complete(lead, stepId, who.personId(), body == null ? null : body.note()), clock.instant());
    }

    @POST
    @Path("/steps/{stepId}/cancellation")
    @Transactional
    @Operation(operationId = "cancelPlanStep", summary = "Cancel a step, with the reason")
    public StepView cancel(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Parameter(description = "The plan step's id") @PathParam("stepId") UUID stepId, @Valid @NotNull Cancellation body) {
        Caller who = caller.get();
        Lead lead = lockForStep(id, stepId, who);
        return StepView.of(plan.cancel(lead, stepId, who.personId(), body.reason().strip()), clock.instant());
    }

    /** The step's assignee may settle it even without working the lead (the check-back after a handoff). */
    private Lead lockForStep(UUID id, UUID stepId, Caller who) {
        LeadGuard.Seen seen = guard.seeLocked(id, who);
        Lead lead = seen.lead();
        PlanStep step = plan.step(lead, stepId);
        if (!who.personId().equals(step.assigneeId) && !LeadAccess.mayWork(seen.viewer(), guard.facts(lead))) {
            throw ProblemException.forbidden("Only the step's assignee, the lead's owner or their managers settle it");
        }
        return lead;
    }
}
