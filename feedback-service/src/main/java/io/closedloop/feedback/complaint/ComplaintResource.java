package io.closedloop.feedback.complaint;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
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

@Path("/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Complaints")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class ComplaintResource {

    @Schema(name = "NewComplaintItem", description = "One thing the customer complains about")
    public record NewItem(@NotBlank @Size(max = 2000) @Schema(examples = "The invoice charges the old rate") String description) {
    }

    /** A complaint with every item the customer raised, listed before anyone goes back. */
    @Schema(description = "A complaint with every item the customer raised, listed before anyone goes back")
    public record NewComplaint(
            @NotBlank @Pattern(regexp = Patterns.CUSTOMER_REF, message = Patterns.CUSTOMER_REF_MESSAGE)
            @Schema(description = "The customer's stable reference: ref:, email: or phone: and the value",
                    examples = "email:ann.example@example.com") String customerRef,
            @NotBlank @Size(max = 200) @Schema(examples = "Ann Example") String customerName,
            @Schema(description = "The lead the complaint is about, if any") UUID leadId,
            @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
            @Schema(description = "Who owns it; the caller when absent", examples = "ann-agent") String ownerId,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid NewItem> items) {
    }

    @Schema(name = "ItemResolution")
    public record Resolution(@NotBlank @Size(max = 2000) @Schema(examples = "Credit note sent for the difference") String action,
                             @NotBlank @Size(max = 2000) @Schema(examples = "The price list was not updated") String rootCause) {
    }

    @Schema(name = "ReturnVisit")
    public record Visit(@NotNull Instant visitedAt, @Size(max = 4000) @Schema(examples = "Met the owner at the shop") String note) {
    }

    @Schema(name = "ResolutionRating", description = "The customer's satisfaction with the resolution, 1 to 5")
    public record Rating(@NotNull @Min(1) @Max(5) @Schema(examples = "4") Integer score,
                         @Size(max = 4000) @Schema(examples = "Quick and fair") String comment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ComplaintItem")
    public record ItemView(@NotNull UUID id, int position, @NotNull String description,
                           @NotNull ComplaintItem.State state, String action, String rootCause, String resolvedBy,
                           Instant resolvedAt, @NotNull Instant addedAt) {

        static ItemView of(ComplaintItem i) {
            return new ItemView(i.id, i.position, i.description, i.state, i.action, i.rootCause, i.resolvedBy,
                    i.resolvedAt, i.addedAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Complaint", description = "A complaint, item by item")
    public record ComplaintView(@NotNull UUID id, @NotNull @Schema(examples = "email:ann.example@example.com") String customerRef,
                                @NotNull @Schema(examples = "Ann Example") String customerName, UUID leadId,
                                @NotNull @Schema(examples = "ann-agent") String ownerId, String teamId,
                                @NotNull Complaint.State state, int openItems, @NotNull List<ItemView> items,
                                @NotNull List<Instant> returnVisits, @NotNull String openedBy, @NotNull Instant openedAt,
                                Instant resolvedAt,
                                @Schema(description = "How often a low rating reopened it") int reopenedCount) {
    }

    private final ComplaintService complaints;
    private final Directory directory;
    private final CurrentCaller caller;

    ComplaintResource(ComplaintService complaints, Directory directory, CurrentCaller caller) {
        this.complaints = complaints;
        this.directory = directory;
        this.caller = caller;
    }

    @POST
    @Transactional
    @Operation(operationId = "openComplaint", summary = "Take a complaint, with every item the customer raised",
            description = "For the caller, or (ownerId) for an agent of a team the caller manages; the admin for anyone.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Taken (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)), headers = @Header(name = "Location", description = "The complaint's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response open(@Valid @NotNull NewComplaint body) {
        Caller who = caller.get();
        String owner = body.ownerId() == null ? who.personId() : body.ownerId();
        if (!owner.equals(who.personId()) && !directory.knows(owner)) {
            throw ProblemException.invalid("ownerId", "no such person");
        }
        ComplaintRules.whoMayOpen(who.personId(), who.isAdmin(), who.isManager()
                        ? directory.teamsManagedBy(who.personId()) : Set.of(), owner, directory.teamOf(owner))
                .ifPresent(reason -> {
                    throw ProblemException.forbidden(reason);
                });
        Complaint complaint = complaints.open(body.customerRef(), body.customerName().strip(), body.leadId(), owner,
                body.items().stream().map(i -> i.description().strip()).toList(), who.personId());
        return Response.created(URI.create("/complaints/" + complaint.id)).entity(view(complaint)).build();
    }

    @GET
    @Transactional
    @Operation(operationId = "listComplaints", summary = "Complaints the caller may see", description = "Theirs, their teams' for managers, all for admins.")
    public Page<ComplaintView> list(@Parameter(description = "Keep those about this customer: ref:, email: or phone: and the value") @QueryParam("customerRef") @Size(max = 300) String customerRef,
                                    @Parameter(description = "Keep those in this state") @QueryParam("state") Complaint.State state,
                                    @QueryParam("cursor") @Size(max = 200) String cursor,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Caller who = caller.get();
        Set<String> managed = directory.teamsManagedBy(who.personId());
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        if (!who.isAdmin()) {
            q.append(" and (ownerId = :me or openedBy = :me");
            if (who.isManager() && !managed.isEmpty()) {
                q.append(" or teamId in :managed");
                p.put("managed", managed);
            }
            q.append(")");
            p.put("me", who.personId());
        }
        if (customerRef != null) {
            q.append(" and customerRef = :ref");
            p.put("ref", customerRef);
        }
        if (state != null) {
            q.append(" and state = :state");
            p.put("state", state);
        }
        Cursor.appendAfter(q, p, cursor, "complaint", "openedAt", true);
        List<Complaint> rows = Complaint.<Complaint>find(q + " order by openedAt desc, id desc", p).range(0, limit).list();
        List<ComplaintView> items = rows.stream().limit(limit).map(this::view).toList();
        Complaint last = rows.size() > limit ? rows.get(limit - 1) : null;
        return new Page<>(items, last == null ? null
                : Cursor.encode("complaint", last.openedAt.toString(), last.id.toString()));
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "getComplaint", summary = "One complaint, item by item")
    public ComplaintView get(@Parameter(description = "The complaint's id") @PathParam("id") UUID id) {
        return view(visible(id, false));
    }

    @POST
    @Path("/{id}/items")
    @Transactional
    @Operation(operationId = "addComplaintItem", summary = "Add an item the customer raised")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Added (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = ItemView.class)), headers = @Header(name = "Location", description = "The complaint's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response addItem(@Parameter(description = "The complaint's id") @PathParam("id") UUID id, @Valid @NotNull NewItem body) {
        Complaint complaint = visible(id, true);
        ComplaintItem item = complaints.add(complaint, body.description().strip());
        return Response.created(URI.create("/complaints/" + id)).entity(ItemView.of(item)).build();
    }

    @POST
    @Path("/{id}/items/{itemId}/resolution")
    @Transactional
    @Operation(operationId = "resolveComplaintItem", summary = "Resolve one item, with the action taken and the root cause",
            description = "The complaint is resolved when its last open item is.")
    public ComplaintView resolve(@Parameter(description = "The complaint's id") @PathParam("id") UUID id, @Parameter(description = "The item's id") @PathParam("itemId") UUID itemId,
                                 @Valid @NotNull Resolution body) {
        Caller who = caller.get();
        Complaint complaint = visible(id, true);
        complaints.resolve(complaint, itemId, body.action().strip(), body.rootCause().strip(), who.personId());
        return view(complaint);
    }

    @POST
    @Path("/{id}/visits")
    @Transactional
    @Operation(operationId = "recordReturnVisit", summary = "Record a return visit to the customer", description = "A complaint resolved after exactly one recorded return visit counts as resolved on "
                    + "the first return.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public ComplaintView visit(@Parameter(description = "The complaint's id") @PathParam("id") UUID id, @Valid @NotNull Visit body) {
        Caller who = caller.get();
        Complaint complaint = visible(id, true);
        complaints.visit(complaint, body.visitedAt(), body.note(), who.personId());
        return view(complaint);
    }

    @POST
    @Path("/{id}/satisfaction")
    @Transactional
    @Operation(operationId = "rateComplaintResolution", summary = "Record the customer's satisfaction with the resolution",
            description = "Recorded by someone other than the complaint's owner (their manager, whoever took the "
                    + "complaint, the admin): that independent word is what makes the resolution count on the owner's "
                    + "scorecard. A score below closedloop.feedback.complaints.reopen-below (3) reopens the complaint.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public ComplaintView rate(@Parameter(description = "The complaint's id") @PathParam("id") UUID id, @Valid @NotNull Rating body) {
        Caller who = caller.get();
        Complaint complaint = visible(id, true);
        ComplaintRules.whoMayRate(who.personId(), complaint.ownerId).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        complaints.rate(complaint, body.score(), body.comment(), who.personId());
        return view(complaint);
    }

    private Complaint visible(UUID id, boolean lock) {
        Caller who = caller.get();
        Complaint complaint = lock ? Complaint.findById(id, LockModeType.PESSIMISTIC_WRITE) : Complaint.findById(id);
        if (complaint == null || !maySee(who, directory.teamsManagedBy(who.personId()), complaint)) {
            throw ProblemException.notFound("complaint", id);
        }
        return complaint;
    }

    /** Its owner, whoever took it, the managers of the owner's team, admins. */
    static boolean maySee(Caller who, Set<String> managedTeams, Complaint c) {
        return who.isAdmin() || who.personId().equals(c.ownerId) || who.personId().equals(c.openedBy)
                || (who.isManager() && c.teamId != null && managedTeams.contains(c.teamId));
    }

    private ComplaintView view(Complaint c) {
        List<ComplaintItem> items = complaints.items(c);
        return new ComplaintView(c.id, c.customerRef, c.customerName, c.leadId, c.ownerId, c.teamId, c.state,
                (int) items.stream().filter(i -> i.state == ComplaintItem.State.OPEN).count(),
                items.stream().map(ItemView::of).toList(),
                complaints.visits(c).stream().map(v -> v.visitedAt).toList(), c.openedBy, c.openedAt, c.resolvedAt,
                c.reopenedCount);
    }
}
