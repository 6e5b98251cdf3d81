package io.closedloop.feedback.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.closedloop.events.loop.LoopKind;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import io.closedloop.platform.api.Page;
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
 * The echo policies, one per loop kind: when a receipt, progress and the outcome are due, and when the manager is told.
 * Reads carry an ETag; a write with {@code If-Match} applies only if nobody changed the policy since (412 otherwise).
 */
@Path("/echo-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Echo policies")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class EchoPolicyResource {

    /** A loop kind's policy as the API shows it; durations are ISO-8601 (PT1H, P7D). */
    @Schema(name = "EchoPolicy", description = "A loop kind's echo policy; durations are ISO-8601 (PT1H, P7D)")
    public record PolicyView(@NotNull @Schema(enumeration = {"referral", "handoff", "instruction"}) String kind,
                             @NotNull @Schema(examples = "PT4H") Duration receiptWithin,
                             @NotNull @Schema(examples = "P1D") Duration firstProgressWithin,
                             @NotNull @Schema(examples = "P7D") Duration progressEvery,
                             @Schema(examples = "P30D") Duration outcomeWithin, boolean personalProgress,
                             @NotNull @Schema(examples = "PT4H") Duration escalateAfter,
                             boolean businessTime, long version) {

        static PolicyView of(LoopKind kind, EchoPolicies.Versioned v) {
            EchoPolicy p = v.policy();
            return new PolicyView(kind.name().toLowerCase(Locale.ROOT), p.receiptWithin(), p.firstProgressWithin(),
                    p.progressEvery(), p.outcomeWithin(), p.personalProgress(), p.escalateAfter(), p.businessTime(),
                    v.version());
        }
    }

    /**
     * A new policy. {@code receiptWithin}: the receipt's deadline from the loop's opening (on a loop about a lead, only
     * until the lead has an owner: then the lead's acknowledgment deadline); {@code firstProgressWithin}, then every
     * {@code progressEvery}: progress; {@code outcomeWithin} (optional): the outcome; {@code personalProgress}: only the
     * owner's own words count as progress; {@code escalateAfter}: how long after a missed deadline the manager is told;
     * {@code businessTime}: count the owner's team's business hours, not wall-clock time.
     */
    @Schema(name = "EchoPolicyBody", description = "A new echo policy: receiptWithin from the loop's opening (for a "
            + "lead's loop, the lead's acknowledgment deadline once it has an owner); firstProgressWithin, then every "
            + "progressEvery; outcomeWithin (optional); personalProgress: only the owner's own words count as progress; "
            + "escalateAfter: how long after a missed deadline the manager is told; businessTime: count the team's "
            + "business hours. Each duration more than zero and at most 366 days.")
    public record PolicyBody(@NotNull @Schema(examples = "PT4H") Duration receiptWithin,
                             @NotNull @Schema(examples = "P1D") Duration firstProgressWithin,
                             @NotNull @Schema(examples = "P7D") Duration progressEvery,
                             @Schema(examples = "P30D") Duration outcomeWithin, boolean personalProgress,
                             @NotNull @Schema(examples = "PT4H") Duration escalateAfter, boolean businessTime) {

        EchoPolicy toPolicy() {
            return new EchoPolicy(receiptWithin, firstProgressWithin, progressEvery, outcomeWithin, personalProgress,
                    escalateAfter, businessTime);
        }
    }

    private static final String KIND = "referral|handoff|instruction";
    private static final String KIND_MESSAGE = "must be referral, handoff or instruction";

    private final EchoPolicies policies;
    private final CurrentCaller caller;

    EchoPolicyResource(EchoPolicies policies, CurrentCaller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @GET
    @Transactional
    @Operation(operationId = "listEchoPolicies", summary = "The echo policy of every loop kind")
    public Page<PolicyView> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return Page.slice(Arrays.stream(LoopKind.values()).map(kind -> PolicyView.of(kind, policies.current(kind))).toList(),
                PolicyView::kind, cursor, limit);
    }

    @GET
    @Path("/{kind}")
    @Transactional
    @Operation(operationId = "getEchoPolicy", summary = "One loop kind's echo policy, with its ETag")
    @APIResponse(responseCode = "200", description = "The policy",
            content = @Content(schema = @Schema(implementation = PolicyView.class)), headers = @Header(name = "ETag", description = "The policy's version: send it back as If-Match to replace it",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response get(@Parameter(description = "The loop kind: referral, handoff or instruction") @PathParam("kind") @Pattern(regexp = KIND, message = KIND_MESSAGE) String kind) {
        LoopKind loopKind = LoopKind.valueOf(kind.toUpperCase(Locale.ROOT));
        EchoPolicies.Versioned current = policies.current(loopKind);
        return Response.ok(PolicyView.of(loopKind, current)).header(HttpHeaders.ETAG, current.etag()).build();
    }

    @PUT
    @Path("/{kind}")
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceEchoPolicy", summary = "Replace one loop kind's echo policy",
            description = "Applies to every deadline set from now on; deadlines already running keep their time. Send "
                    + "If-Match with the ETag of your read: if someone changed the policy since, the answer is 412.")
    @APIResponse(responseCode = "200", description = "The policy as saved",
            content = @Content(schema = @Schema(implementation = PolicyView.class)), headers = @Header(name = "ETag", description = "The policy's version: send it back as If-Match to replace it",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response replace(@Parameter(description = "The loop kind: referral, handoff or instruction") @PathParam("kind") @Pattern(regexp = KIND, message = KIND_MESSAGE) String kind,
                            @Valid @NotNull PolicyBody body,
                            @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ETag of your read: "
                                    + "the write applies only if nobody changed the policy since (412 otherwise); * to "
                                    + "replace whatever is there", schema = @Schema(type = SchemaType.STRING, examples = "\"3\""))
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        LoopKind loopKind = LoopKind.valueOf(kind.toUpperCase(Locale.ROOT));
        EchoPolicy policy = body.toPolicy();
        if (!policy.problems().isEmpty()) {
            throw ProblemException.invalid(policy.problems());
        }
        EchoPolicies.Versioned saved = policies.replace(loopKind, policy, ifMatch, caller.get().personId());
        return Response.ok(PolicyView.of(loopKind, saved)).header(HttpHeaders.ETAG, saved.etag()).build();
    }
}
