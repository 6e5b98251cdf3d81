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

    public record NewItem(@NotBlank @Size(max = 2000) String description) {
    }

    /** A complaint with every item the customer raised, listed before anyone goes back. */
    public record NewComplaint(
            @NotBlank @Pattern(regexp = Patterns.CUSTOMER_REF, message = Patterns.CUSTOMER_REF_MESSAGE) String customerRef,
            @NotBlank @Size(max = 200) String customerName,
            UUID leadId,
            @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String ownerId,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid NewItem> items) {
    }

    public record Resolution(@NotBlank @Size(max = 2000) String action, @NotBlank @Size(max = 2000) String rootCause) {
    }

    public record Visit(@NotNull Instant visitedAt, @Size(max = 4000) String note) {
    }

    public record Rating(@NotNull @Min(1) @Max(5) Integer score, @Size(max = 4000) String comment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemView(UUID id, int position, String description, ComplaintItem.State state, String action,
                           String rootCause, String resolvedBy, Instant resolvedAt, Instant addedAt) {

        static ItemView of(ComplaintItem i) {
            return new ItemView(i.id, i.position, i.description, i.state, i.action, i.rootCause, i.resolvedBy,
                    i.resolvedAt, i.addedAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComplaintView(UUID id, String customerRef, String customerName, UUID leadId, String ownerId,
                                String teamId, Complaint.State state, int openItems, List<ItemView> items,
                                List<Instant> returnVisits, String openedBy, Instant openedAt, Instant resolvedAt,
                                int reopenedCount) {
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
    @Operation(summary = "Take a complaint, with every item the customer raised",
            description = "For the caller, or (ownerId) for an agent of a team the caller manages; the admin for anyone.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public Response open(@Valid @NotNull NewComplaint body) {
        Caller who = caller.get();
        String owner = body.ownerId() == null ? who.personId() : body.ownerId();
        if (!owner.equals(who.personId()) && directory.person(owner).isEmpty()) {
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
    @Operation(summary = "Complaints the caller may see", description = "Theirs, their teams' for managers, all for admins.")
    public List<ComplaintView> list(@QueryParam("customerRef") @Size(max = 300) String customerRef,
                                    @QueryParam("state") Complaint.State state) {
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
        return Complaint.<Complaint>find(q + " order by openedAt desc", p).range(0, 199).list().stream()
                .map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One complaint, item by item")
    public ComplaintView get(@PathParam("id") UUID id) {
        return view(visible(id, false));
    }

    @POST
    @Path("/{id}/items")
    @Transactional
    @Operation(summary = "Add an item the customer raised")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public Response addItem(@PathParam("id") UUID id, @Valid @NotNull NewItem body) {
        Complaint complaint = visible(id, true);
        ComplaintItem item = complaints.add(complaint, body.description().strip());
        return Response.created(URI.create("/complaints/" + id)).entity(ItemView.of(item)).build();
    }

    @POST
    @Path("/{id}/items/{itemId}/resolution")
    @Transactional
    @Operation(summary = "Resolve one item, with the action taken and the root cause",
            description = "The complaint is resolved when its last open item is.")
    public ComplaintView resolve(@PathParam("id") UUID id, @PathParam("itemId") UUID itemId,
                                 @Valid @NotNull Resolution body) {
        Caller who = caller.get();
        Complaint complaint = visible(id, true);
        complaints.resolve(complaint, itemId, body.action().strip(), body.rootCause().strip(), who.personId());
        return view(complaint);
    }

    @POST
    @Path("/{id}/visits")
    @Transactional
    @Operation(summary = "Record a return visit to the customer", description = "A complaint resolved after exactly one recorded return visit counts as resolved on "
                    + "the first return.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public ComplaintView visit(@PathParam("id") UUID id, @Valid @NotNull Visit body) {
        Caller who = caller.get();
        Complaint complaint = visible(id, true);
        complaints.visit(complaint, body.visitedAt(), body.note(), who.personId());
        return view(complaint);
    }

    @POST
    @Path("/{id}/satisfaction")
    @Transactional
    @Operation(summary = "Record the customer's satisfaction with the resolution",
            description = "Recorded by someone other than the complaint's owner (their manager, whoever took the "
                    + "complaint, the admin): that independent word is what makes the resolution count on the owner's "
                    + "scorecard. A score below closedloop.feedback.complaints.reopen-below (3) reopens the complaint.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public ComplaintView rate(@PathParam("id") UUID id, @Valid @NotNull Rating body) {
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
