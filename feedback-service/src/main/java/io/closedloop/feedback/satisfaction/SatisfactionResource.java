package io.closedloop.feedback.satisfaction;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.platform.api.Patterns;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

@Path("/contacts/{ref}/satisfaction")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Satisfaction")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class SatisfactionResource {

    /**
     * What the customer said, 1 to 5. {@code ownerId}: whose work it is about, when it is about someone's — never the
     * caller's own (the person judged does not record their customer's satisfaction); without it the rating is part of
     * the customer's history and nobody's scorecard.
     */
    @Schema(description = "What the customer said, 1 to 5; ownerId: whose work it is about (never the caller's own), "
            + "without it the rating is part of the customer's history and nobody's scorecard")
    public record NewRating(@NotNull @Min(1) @Max(5) @Schema(examples = "4") Integer score,
                            @Size(max = 4000) @Schema(examples = "Friendly, and the money came on time") String comment,
                            UUID leadId,
                            @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
                            @Schema(examples = "ann-agent") String ownerId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Satisfaction")
    public record RatingView(@NotNull UUID id, @Schema(examples = "4") int score, String comment, UUID complaintId,
                             UUID leadId, String ownerId, @NotNull @Schema(examples = "survey") String recordedBy,
                             @NotNull Instant recordedAt) {

        static RatingView of(Satisfaction s) {
            return new RatingView(s.id, s.score, s.comment, s.complaintId, s.leadId, s.ownerId, s.recordedBy, s.recordedAt);
        }
    }

    /** The customer's history, oldest first, with the average and the latest score. */
    @Schema(name = "SatisfactionHistory", description = "A customer's ratings, oldest first, with the average and the latest")
    public record History(@NotNull @Schema(examples = "email:ann.example@example.com") String customerRef, int ratings,
                          @Schema(examples = "3.5") Double average, @Schema(examples = "4") Integer latest,
                          @NotNull List<RatingView> history) {
    }

    private final SatisfactionLog log;
    private final Directory directory;
    private final CurrentCaller caller;

    SatisfactionResource(SatisfactionLog log, Directory directory, CurrentCaller caller) {
        this.log = log;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Transactional
    @Operation(operationId = "listSatisfaction", summary = "A customer's satisfaction over time",
            description = "Read it before judging a hard client: their mood may have causes outside the relationship.")
    public History history(@Parameter(description = "The customer's reference: ref:, email: or phone: and the value") @PathParam("ref") @Pattern(regexp = Patterns.CUSTOMER_REF, message = Patterns.CUSTOMER_REF_MESSAGE) String ref) {
        List<Satisfaction> rows = Satisfaction.list("customerRef = ?1 order by recordedAt, id", ref);
        return new History(ref, rows.size(),
                rows.isEmpty() ? null : rows.stream().mapToInt(s -> s.score).average().orElse(0),
                rows.isEmpty() ? null : rows.getLast().score, rows.stream().map(RatingView::of).toList());
    }

    @POST
    @Transactional
    @RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(operationId = "recordSatisfaction", summary = "Record how satisfied the customer said they were, after any interaction",
            description = "By a colleague, a manager or a survey system (integrator). With ownerId, the rating counts on "
                    + "that person's scorecard; nobody rates their own work (403).")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Recorded (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = RatingView.class)),
            headers = @Header(name = "Location", description = "The customer's satisfaction history",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response rate(@Parameter(description = "The customer's reference: ref:, email: or phone: and the value") @PathParam("ref") @Pattern(regexp = Patterns.CUSTOMER_REF, message = Patterns.CUSTOMER_REF_MESSAGE) String ref,
                         @Valid @NotNull NewRating body) {
        Caller who = caller.get();
        if (who.personId().equals(body.ownerId())) {
            throw ProblemException.forbidden("Nobody records the customer's satisfaction with their own work");
        }
        if (body.ownerId() != null && !directory.knows(body.ownerId())) {
            throw ProblemException.invalid("ownerId", "no such person");
        }
        Satisfaction s = log.record(ref, body.score(), body.comment(), null, body.leadId(), body.ownerId(),
                directory.teamOf(body.ownerId()), who.personId());
        return Response.created(URI.create("/contacts/" + ref + "/satisfaction")).entity(RatingView.of(s)).build();
    }
}
