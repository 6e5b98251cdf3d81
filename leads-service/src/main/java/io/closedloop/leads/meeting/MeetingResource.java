package io.closedloop.leads.meeting;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.lead.LeadGuard;
import io.closedloop.leads.lead.Lead;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/leads/{id}/meetings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Meetings")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class MeetingResource {

    @Schema(name = "NewChecklistItem", description = "Something to prepare for the meeting")
    public record NewItem(ChecklistItem.Kind kind,
                          @NotBlank @Size(max = 1000) @Schema(examples = "The last three payslips") String text) {
    }

    /** A meeting, with what to prepare: questions the client may ask, documents to bring. */
    public record NewMeeting(@NotNull Instant startsAt, Instant endsAt,
                             @Size(max = 500) @Schema(examples = "Their office, 12 rue de la Paix") String place,
                             @Size(max = 100) List<@NotNull @Valid NewItem> checklist) {
    }

    @Schema(name = "ChecklistAnswer", description = "The answer to a checklist item, and whether it is ready")
    public record Answer(@Size(max = 4000) @Schema(examples = "Printed and in the folder") String answer, boolean ready) {
    }

    @Schema(name = "MeetingConfirmation")
    public record Confirmation(@Size(max = 100) @Schema(description = "How the customer confirmed", examples = "phone")
                               String channel) {
    }

    public record NewTime(@NotNull Instant startsAt, Instant endsAt) {
    }

    /** What happened; {@code rescheduledTo} is required for RESCHEDULED. */
    public record ResultRequest(@NotNull MeetingService.Result result, @Size(max = 4000) String note,
                                @Valid NewTime rescheduledTo) {
    }

    @Schema(name = "ChecklistItem")
    public record ItemView(@NotNull UUID id, @Schema(description = "Its place in the checklist, from 0") int position,
                           @NotNull ChecklistItem.Kind kind, @NotNull @Schema(examples = "The last three payslips") String text,
                           String answer, boolean ready, String answeredBy, Instant answeredAt) {

        static ItemView of(ChecklistItem i) {
            return new ItemView(i.id, i.position, i.kind, i.text, i.answer, i.ready, i.answeredBy, i.answeredAt);
        }
    }

    /** A meeting; {@code readiness} is the share of the checklist ready (at the start, once it began). */
    @Schema(name = "Meeting", description = "A meeting with its checklist")
    public record MeetingView(@NotNull UUID id, @NotNull Meeting.State state, @NotNull Instant startsAt, Instant endsAt,
                              String place, Instant confirmedAt, String confirmationChannel,
                              @Schema(description = "Still unconfirmed two hours before it starts") boolean unconfirmedFlagged,
                              Integer itemsReady, int checklistItems,
                              @Schema(description = "Checklist items ready when it started") Integer itemsReadyAtStart,
                              String resultNote, Instant resultAt,
                              @Schema(description = "The meeting that replaced this one") UUID rescheduledTo,
                              @Schema(description = "The meeting this one replaced") UUID reschedules,
                              @NotNull List<ItemView> checklist) {

        static MeetingView of(Meeting m, List<ChecklistItem> items) {
            return new MeetingView(m.id, m.state, m.startsAt, m.endsAt, m.place, m.confirmedAt, m.confirmationChannel,
                    m.unconfirmedFlagged, (int) items.stream().filter(i -> i.ready).count(), items.size(),
                    m.itemsReadyAtStart, m.resultNote, m.resultAt, m.rescheduledTo, m.reschedules,
                    items.stream().map(ItemView::of).toList());
        }
    }

    private final LeadGuard guard;
    private final MeetingService meetings;
    private final CurrentCaller caller;

    MeetingResource(LeadGuard guard, MeetingService meetings, CurrentCaller caller) {
        this.guard = guard;
        this.meetings = meetings;
        this.caller = caller;
    }

    @POST
    @Transactional
    @Operation(operationId = "scheduleMeeting", summary = "Schedule a meeting with a preparation checklist",
            description = "Its owner is reminded to confirm it the day before; still unconfirmed two hours before, it "
                    + "is flagged. The share of the checklist ready when it starts is recorded.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Scheduled (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = MeetingView.class)),
            headers = @Header(name = "Location", description = "The meeting's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response schedule(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Valid @NotNull NewMeeting body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        List<MeetingService.ItemPlan> items = body.checklist() == null ? List.of()
                : body.checklist().stream().map(i -> new MeetingService.ItemPlan(i.kind(), i.text().strip())).toList();
        Meeting meeting = meetings.schedule(lead, who.personId(), body.startsAt(), body.endsAt(), body.place(), items, null);
        return Response.created(URI.create("/leads/" + id + "/meetings/" + meeting.id)).entity(view(meeting)).build();
    }

    @GET
    @Transactional
    @Operation(operationId = "listMeetings", summary = "The lead's meetings, in the order they were scheduled")
    public Page<MeetingView> list(@Parameter(description = "The lead's id") @PathParam("id") UUID id,
                                  @QueryParam("cursor") @Size(max = 200) String cursor,
                                  @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Lead lead = seeFully(id);
        return Page.slice(meetings.meetings(lead).stream().map(this::view).toList(), m -> m.id().toString(), cursor, limit);
    }

    @GET
    @Path("/{meetingId}")
    @Transactional
    @Operation(operationId = "getMeeting", summary = "One meeting with its checklist")
    public MeetingView get(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Parameter(description = "The meeting's id") @PathParam("meetingId") UUID meetingId) {
        Lead lead = seeFully(id);
        return view(meetings.meeting(lead, meetingId));
    }

    @PUT
    @Path("/{meetingId}/checklist/{itemId}")
    @Transactional
    @Operation(operationId = "answerChecklistItem", summary = "Answer a checklist item, or mark it ready")
    public ItemView answer(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Parameter(description = "The meeting's id") @PathParam("meetingId") UUID meetingId,
                           @Parameter(description = "The item's id") @PathParam("itemId") UUID itemId, @Valid @NotNull Answer body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        return ItemView.of(meetings.answer(lead, meetingId, itemId, who.personId(), body.answer(), body.ready()));
    }

    @POST
    @Path("/{meetingId}/confirmation")
    @Transactional
    @Operation(operationId = "confirmMeeting", summary = "Record that the customer confirmed the meeting")
    public MeetingView confirm(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Parameter(description = "The meeting's id") @PathParam("meetingId") UUID meetingId,
                               @Valid Confirmation body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        return view(meetings.confirm(lead, meetingId, who.personId(), body == null ? null : body.channel()));
    }

    @POST
    @Path("/{meetingId}/result")
    @Transactional
    @Operation(operationId = "recordMeetingResult", summary = "Record what happened: held, no-show, cancelled by the client, or rescheduled")
    public MeetingView result(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Parameter(description = "The meeting's id") @PathParam("meetingId") UUID meetingId,
                              @Valid @NotNull ResultRequest body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        Meeting meeting = meetings.result(lead, meetingId, who.personId(), body.result(), body.note(),
                body.rescheduledTo() == null ? null : body.rescheduledTo().startsAt(),
                body.rescheduledTo() == null ? null : body.rescheduledTo().endsAt());
        return view(meeting);
    }

    private Lead seeFully(UUID id) {
        LeadGuard.Seen seen = guard.see(id, caller.get());
        if (seen.view() != LeadAccess.View.FULL) {
            throw ProblemException.forbidden("A referrer sees the lead's progress, not its meetings");
        }
        return seen.lead();
    }

    private MeetingView view(Meeting meeting) {
        return MeetingView.of(meeting, meetings.checklist(meeting));
    }
}
