package io.closedloop.feedback.loop;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import io.closedloop.platform.api.Cursor;
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

@Path("/loops")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Loops")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class LoopResource {

    /** An instruction: the owner must confirm receipt, report progress, and tell the outcome (by {@code dueAt}). */
    @Schema(description = "An instruction: the owner must confirm receipt, report progress, and tell the outcome")
    public record NewLoop(
            @NotNull @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
            @Schema(description = "Who must echo back", examples = "ann-agent") String ownerId,
            @NotBlank @Size(max = 500) @Schema(examples = "Call the bakery back about the overdraft") String subject,
            @Schema(description = "When the outcome is due, if sooner than the policy says") Instant dueAt,
            @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
            @Schema(description = "The admin only: open it in someone else's name") String initiatorId) {
    }

    /** The owner's own word to the initiator. An OUTCOME closes the loop. */
    @Schema(description = "The owner's own word to the initiator; an OUTCOME closes the loop")
    public record NewEcho(@NotNull EchoKind kind,
                          @NotBlank @Size(max = 4000) @Schema(examples = "Called them; they sign on Thursday") String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Echo", description = "One echo back to the initiator, with how long after its clock started it came")
    public record EchoView(@NotNull UUID id, @NotNull EchoKind kind, @NotNull EchoSource source,
                           @Schema(examples = "ann-agent") String authorId,
                           @Schema(examples = "Called them; they sign on Thursday") String message,
                           @NotNull Instant occurredAt, Instant dueAt, boolean late,
                           @Schema(description = "Seconds from the start of its clock to the echo") long latencySeconds) {

        static EchoView of(Echo e) {
            return new EchoView(e.id, e.kind, e.source, e.authorId, e.message, e.occurredAt, e.dueAt, e.late,
                    e.latencySeconds);
        }
    }

    /**
     * A loop, the deadlines still pending ({@code overdue} when the next has passed) and, in detail, every echo with
     * its latency: how long after the start of its clock it came, and whether it was late.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Loop", description = "A loop back to its initiator: its deadlines, its state, and (read one by one) "
            + "its timeline of echoes")
    public record LoopView(@NotNull UUID id, @NotNull LoopKind kind, @NotNull LoopState state,
                           @NotNull @Schema(description = "Who handed the work over and must hear back", examples = "rita-referrer")
                           String initiatorId, String initiatorName,
                           @Schema(description = "Who opened it, when not the initiator (the admin, or the service)")
                           String openedBy,
                           @Schema(description = "Who owes the echoes", examples = "ann-agent") String ownerId,
                           String ownerName, String teamId,
                           @NotNull @Schema(examples = "Referral: Ann Example, business loan") String subject, UUID leadId,
                           @NotNull Instant openedAt, Instant receiptDueAt, Instant receiptAt, Instant progressDueAt,
                           Instant lastProgressAt, Instant outcomeDueAt,
                           @Schema(description = "The next deadline of the open loop") Instant nextDueAt,
                           @Schema(description = "Open and past its next deadline") boolean overdue,
                           String outcome, Instant closedAt, Instant confirmedAt, int echoes, int lateEchoes,
                           @Schema(description = "Every echo in order; only when one loop is read") List<EchoView> timeline) {
    }

    private final LoopService loops;
    private final Directory directory;
    private final CurrentCaller caller;
    private final Clock clock;

    LoopResource(LoopService loops, Directory directory, CurrentCaller caller, Clock clock) {
        this.loops = loops;
        this.directory = directory;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Transactional
    @RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
    @Operation(operationId = "openLoop", summary = "Give an instruction that must be echoed back",
            description = "Opens an INSTRUCTION loop in the caller's name: the owner must confirm receipt, report "
                    + "progress and tell the outcome, by the policy's deadlines (and by dueAt for the outcome). Only the "
                    + "admin may name another initiatorId; the loop then records the admin as openedBy.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Opened (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = LoopView.class)), headers = @Header(name = "Location", description = "The loop's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response open(@Valid @NotNull NewLoop body) {
        Caller who = caller.get();
        String initiator = body.initiatorId() == null ? who.personId() : body.initiatorId();
        if (!initiator.equals(who.personId())) {
            if (!who.isAdmin()) {
                throw ProblemException.forbidden("You give instructions in your own name; only the admin opens a loop "
                        + "for someone else (and is recorded as having opened it)");
            }
            if (!directory.knows(initiator)) {
                throw ProblemException.invalid("initiatorId", "no such person");
            }
        }
        if (!directory.knows(body.ownerId())) {
            throw ProblemException.invalid("ownerId", "no such person");
        }
        if (body.ownerId().equals(initiator)) {
            throw ProblemException.invalid("ownerId", "an instruction goes to someone else");
        }
        Instant now = clock.instant();
        if (body.dueAt() != null && !body.dueAt().isAfter(now)) {
            throw ProblemException.invalid("dueAt", "must be in the future");
        }
        Loop loop = loops.open(LoopKind.INSTRUCTION, initiator, body.ownerId(), null, body.subject().strip(), null,
                null, now, null, body.dueAt(), who.personId());
        return Response.created(URI.create("/loops/" + loop.id)).entity(view(loop, List.of(), now)).build();
    }

    @GET
    @Transactional
    @Operation(operationId = "listLoops", summary = "Loops the caller may see, by initiator, owner and state",
            description = "Without filters: the loops the caller initiated or owes. state: open, overdue, closed, confirmed.")
    public Page<LoopView> list(@Parameter(description = "Keep loops this person initiated") @QueryParam("initiatorId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String initiatorId,
                         @Parameter(description = "Keep those owned by this person") @QueryParam("ownerId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String ownerId,
                         @Parameter(description = "Keep those in this state") @QueryParam("state") @Pattern(regexp = "open|overdue|closed|confirmed", message = "must be open, overdue, closed or confirmed") String state,
                         @QueryParam("cursor") @Size(max = 200) String cursor,
                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Caller who = caller.get();
        Set<String> managed = directory.teamsManagedBy(who.personId());
        Instant now = clock.instant();
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (!who.isAdmin()) {
            q.append(" and (initiatorId = :me or ownerId = :me");
            if (who.isManager() && !managed.isEmpty()) {
                q.append(" or teamId in :managed");
                p.put("managed", managed);
            }
            q.append(")");
            p.put("me", who.personId());
        }
        if (initiatorId != null) {
            q.append(" and initiatorId = :initiator");
            p.put("initiator", initiatorId);
        }
        if (ownerId != null) {
            q.append(" and ownerId = :owner");
            p.put("owner", ownerId);
        }
        if (state != null) {
            switch (state) {
                case "open" -> q.append(" and state = io.closedloop.feedback.loop.LoopState.OPEN");
                case "overdue" -> {
                    q.append(" and state = io.closedloop.feedback.loop.LoopState.OPEN and nextDueAt < :now");
                    p.put("now", now);
                }
                case "closed" -> q.append(" and state = io.closedloop.feedback.loop.LoopState.CLOSED");
                default -> q.append(" and state = io.closedloop.feedback.loop.LoopState.CONFIRMED");
            }
        }
        Cursor.appendAfter(q, p, cursor, "loop", "openedAt", true);
        List<Loop> rows = Loop.<Loop>find(q + " order by openedAt desc, id desc", p).range(0, limit).list();
        List<LoopView> items = new ArrayList<>();
        for (Loop loop : rows.subList(0, Math.min(limit, rows.size()))) {
            items.add(view(loop, null, now));
        }
        Loop last = rows.size() > limit ? rows.get(limit - 1) : null;
        return new Page<>(items, last == null ? null : Cursor.encode("loop", last.openedAt.toString(), last.id.toString()));
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "getLoop", summary = "One loop with its whole timeline and each echo's latency")
    public LoopView get(@Parameter(description = "The loop's id") @PathParam("id") UUID id) {
        Loop loop = visible(id, caller.get(), false);
        return view(loop, Echo.<Echo>list("loopId = ?1 order by occurredAt, recordedAt", id), clock.instant());
    }

    @POST
    @Path("/{id}/echoes")
    @Transactional
    @RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
    @Operation(operationId = "sendEcho", summary = "The owner echoes back to the initiator", description = "An OUTCOME closes the loop.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Echoed (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = EchoView.class)), headers = @Header(name = "Location", description = "The loop's address, where the echo is in the timeline",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response echo(@Parameter(description = "The loop's id") @PathParam("id") UUID id, @Valid @NotNull NewEcho body) {
        Caller who = caller.get();
        Loop loop = visible(id, who, true);
        if (!who.personId().equals(loop.ownerId)) {
            throw ProblemException.forbidden("Only the loop's owner echoes back to its initiator");
        }
        Echo echo = loops.echo(loop, body.kind(), EchoSource.PERSONAL, who.personId(), body.message().strip(),
                clock.instant());
        return Response.created(URI.create("/loops/" + id)).entity(EchoView.of(echo)).build();
    }

    @POST
    @Path("/{id}/confirmation")
    @Transactional
    @Operation(operationId = "confirmLoop", summary = "The initiator confirms they heard the outcome")
    public LoopView confirm(@Parameter(description = "The loop's id") @PathParam("id") UUID id) {
        Caller who = caller.get();
        Loop loop = visible(id, who, true);
        if (!who.personId().equals(loop.initiatorId)) {
            throw ProblemException.forbidden("Only the loop's initiator confirms its outcome");
        }
        return view(loops.confirm(loop, who.personId()), null, clock.instant());
    }

    private Loop visible(UUID id, Caller who, boolean lock) {
        Loop loop = lock ? Loop.findById(id, LockModeType.PESSIMISTIC_WRITE) : Loop.findById(id);
        if (loop == null || !LoopAccess.maySee(who, directory.teamsManagedBy(who.personId()), loop.initiatorId,
                loop.ownerId, loop.teamId)) {
            throw ProblemException.notFound("loop", id);
        }
        return loop;
    }

    private LoopView view(Loop l, List<Echo> echoes, Instant now) {
        return new LoopView(l.id, l.kind, l.state, l.initiatorId, directory.nameOf(l.initiatorId), l.openedBy, l.ownerId,
                l.ownerId == null ? null : directory.nameOf(l.ownerId), l.teamId, l.subject, l.leadId, l.openedAt,
                l.receiptDueAt, l.receiptAt, l.progressDueAt, l.lastProgressAt, l.outcomeDueAt, l.nextDueAt,
                l.isOpen() && l.nextDueAt != null && l.nextDueAt.isBefore(now), l.outcome, l.closedAt, l.confirmedAt,
                l.echoes, l.lateEchoes, echoes == null ? null : echoes.stream().map(EchoView::of).toList());
    }
}
