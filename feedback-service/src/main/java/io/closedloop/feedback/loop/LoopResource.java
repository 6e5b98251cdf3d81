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
    public record NewLoop(
            @NotNull @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String ownerId,
            @NotBlank @Size(max = 500) String subject,
            Instant dueAt,
            @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String initiatorId) {
    }

    /** The owner's own word to the initiator. An OUTCOME closes the loop. */
    public record NewEcho(@NotNull EchoKind kind, @NotBlank @Size(max = 4000) String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EchoView(UUID id, EchoKind kind, EchoSource source, String authorId, String message,
                           Instant occurredAt, Instant dueAt, boolean late, long latencySeconds) {

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
    public record LoopView(UUID id, LoopKind kind, LoopState state, String initiatorId, String initiatorName,
                           String openedBy, String ownerId, String ownerName, String teamId, String subject, UUID leadId,
                           Instant openedAt, Instant receiptDueAt, Instant receiptAt, Instant progressDueAt,
                           Instant lastProgressAt, Instant outcomeDueAt, Instant nextDueAt, boolean overdue,
                           String outcome, Instant closedAt, Instant confirmedAt, int echoes, int lateEchoes,
                           List<EchoView> timeline) {
    }

    public record LoopPage(List<LoopView> items, String nextCursor) {
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
    @Operation(summary = "Give an instruction that must be echoed back",
            description = "Opens an INSTRUCTION loop in the caller's name: the owner must confirm receipt, report "
                    + "progress and tell the outcome, by the policy's deadlines (and by dueAt for the outcome). Only the "
                    + "admin may name another initiatorId; the loop then records the admin as openedBy.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public Response open(@Valid @NotNull NewLoop body) {
        Caller who = caller.get();
        String initiator = body.initiatorId() == null ? who.personId() : body.initiatorId();
        if (!initiator.equals(who.personId())) {
            if (!who.isAdmin()) {
                throw ProblemException.forbidden("You give instructions in your own name; only the admin opens a loop "
                        + "for someone else (and is recorded as having opened it)");
            }
            if (directory.person(initiator).isEmpty()) {
                throw ProblemException.invalid("initiatorId", "no such person");
            }
        }
        if (directory.person(body.ownerId()).isEmpty()) {
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
    @Operation(summary = "Loops the caller may see, by initiator, owner and state",
            description = "Without filters: the loops the caller initiated or owes. state: open, overdue, closed, confirmed.")
    public LoopPage list(@QueryParam("initiatorId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String initiatorId,
                         @QueryParam("ownerId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String ownerId,
                         @QueryParam("state") @Pattern(regexp = "open|overdue|closed|confirmed", message = "must be open, overdue, closed or confirmed") String state,
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
        Cursors.Position after = Cursors.decode(cursor);
        if (after != null) {
            q.append(" and (openedAt < :cAt or (openedAt = :cAt and id < :cId))");
            p.put("cAt", after.at());
            p.put("cId", after.id());
        }
        List<Loop> rows = Loop.<Loop>find(q + " order by openedAt desc, id desc", p).range(0, limit).list();
        List<LoopView> items = new ArrayList<>();
        for (Loop loop : rows.subList(0, Math.min(limit, rows.size()))) {
            items.add(view(loop, null, now));
        }
        String next = rows.size() > limit ? Cursors.encode(rows.get(limit - 1).openedAt, rows.get(limit - 1).id) : null;
        return new LoopPage(items, next);
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One loop with its whole timeline and each echo's latency")
    public LoopView get(@PathParam("id") UUID id) {
        Loop loop = visible(id, caller.get(), false);
        return view(loop, Echo.<Echo>list("loopId = ?1 order by occurredAt, recordedAt", id), clock.instant());
    }

    @POST
    @Path("/{id}/echoes")
    @Transactional
    @RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
    @Operation(summary = "The owner echoes back to the initiator", description = "An OUTCOME closes the loop.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public Response echo(@PathParam("id") UUID id, @Valid @NotNull NewEcho body) {
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
    @Operation(summary = "The initiator confirms they heard the outcome")
    public LoopView confirm(@PathParam("id") UUID id) {
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
