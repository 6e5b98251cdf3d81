package io.closedloop.reporting.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.problem.Problem;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.problem.ProblemType;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

@Path("/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence")
@RolesAllowed({Roles.INTEGRATOR, Roles.ADMIN})
public class EvidenceResource {

    /** A batch of evidence from a system of record: telephony, calendar, geo check-ins, customer confirmations. */
    @Schema(name = "EvidenceBatch",
            description = "A batch of evidence from a system of record: telephony, calendar, geo check-ins, confirmations")
    public record Batch(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid Item> items) {
    }

    @Schema(name = "Evidence", description = "One record of an activity, as the system of record saw it")
    public record Item(
            @NotNull @Size(min = 1, max = 100)
            @Schema(description = "The system of record; one of the names bound to the caller", examples = "telephony")
            String source,
            @NotNull @Size(min = 1, max = 200)
            @Schema(description = "The record's id in that system: the same source and id twice count once",
                    examples = "call-2026-11-30-000123") String externalId,
            @NotNull @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
            @Schema(description = "Whose activity it was", examples = "ann-agent") String personId,
            @NotNull @Pattern(regexp = Patterns.CUSTOMER_REF, message = Patterns.CUSTOMER_REF_MESSAGE)
            @Schema(examples = "phone:+33612345678") String customerRef,
            @NotNull io.closedloop.events.evidence.ActivityKind kind,
            @NotNull io.closedloop.events.evidence.EvidenceMethod method,
            @NotNull java.time.Instant occurredAt,
            @Schema(description = "A call's length; needed for calls", examples = "312") Integer durationSeconds,
            @Schema(description = "A geo check-in's distance to the customer's place", examples = "40") Integer distanceMeters,
            @Size(max = 1000) String note) {

        EvidenceRecorded toEvent(String canonicalSource, String integrator) {
            return new EvidenceRecorded(canonicalSource, externalId, personId, customerRef, kind, method, occurredAt,
                    durationSeconds, distanceMeters, note, integrator);
        }
    }

    @Schema(name = "EvidenceAccepted")
    public record Accepted(@Schema(description = "Items taken onto the evidence topic", examples = "2") int accepted) {
    }

    private final Outbox outbox;
    private final EvidenceSources sources;
    private final CurrentCaller caller;

    EvidenceResource(Outbox outbox, EvidenceSources sources, CurrentCaller caller) {
        this.outbox = outbox;
        this.sources = sources;
        this.caller = caller;
    }

    @POST
    @Transactional
    @Operation(operationId = "recordEvidence", summary = "Send evidence in batches",
            description = "Each item goes onto the evidence topic, as integrators may also publish directly "
                    + "(io.closedloop.evidence.recorded.v1). Source names are compared without case, surrounding "
                    + "whitespace or invisible characters, and the caller may use only the names configuration binds to "
                    + "it (closedloop.reporting.evidence.bindings; 403 names the others); nobody gives evidence about "
                    + "themselves. The same source and externalId twice count once, and records of one activity from "
                    + "several sources count as one verified activity. A call record needs its duration (calls shorter "
                    + "than closedloop.reporting.matching.min-call-seconds do not verify a call), a geo check-in its "
                    + "distance to the customer's place.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "202", description = "Taken onto the evidence topic; scorecards follow within seconds",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    public Response record(@Valid @NotNull Batch body) {
        String integrator = caller.get().personId();
        List<FieldViolation> invalid = new ArrayList<>();
        List<FieldViolation> refused = new ArrayList<>();
        List<EvidenceRecorded> events = new ArrayList<>();
        for (int i = 0; i < body.items().size(); i++) {
            Item item = body.items().get(i);
            String at = "items[" + i + "].";
            Optional<String> canonical = SourceNames.normalise(item.source());
            if (canonical.isEmpty() || SourceNames.reserved(canonical.get())) {
                invalid.add(new FieldViolation(at + "source", SourceNames.refusal(item.source(), sources.bindings(),
                        integrator).orElseThrow()));
                continue;
            }
            SourceNames.refusal(canonical.get(), sources.bindings(), integrator)
                    .ifPresent(reason -> refused.add(new FieldViolation(at + "source", reason)));
            if (integrator.equals(item.personId())) {
                refused.add(new FieldViolation(at + "personId", "nobody gives evidence about themselves"));
            }
            EvidenceRecorded event = item.toEvent(canonical.get(), integrator);
            invalid.addAll(EvidenceRules.problems(event, at));
            events.add(event);
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, refused.size() == 1
                    ? refused.getFirst().field() + ": " + refused.getFirst().message()
                    : refused.size() + " items may not be filed by " + integrator).withErrors(refused));
        }
        for (EvidenceRecorded event : events) {
            outbox.publish(EventCatalog.EVIDENCE_RECORDED, EvidenceRules.key(event), event);
        }
        return Response.accepted(new Accepted(body.items().size())).build();
    }
}
