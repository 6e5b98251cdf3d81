package io.closedloop.leads.meeting;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.access.LeadGuard;
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

    public record NewItem(ChecklistItem.Kind kind, @NotBlank @Size(max = 1000) String text) {
    }

    /** A meeting, with what to prepare: questions the client may ask, documents to bring. */
    public record NewMeeting(@NotNull Instant startsAt, Instant endsAt, @Size(max = 500) String place,
                             @Size(max = 100) List<@NotNull @Valid NewItem> checklist) {
    }

    public record Answer(@Size(max = 4000) String answer, boolean ready) {
    }

    public record Confirmation(@Size(max = 100) String channel) {
    }

    public record NewTime(@NotNull Instant startsAt, Instant endsAt) {
    }

    /** What happened; {@code rescheduledTo} is required for RESCHEDULED. */
    public record ResultRequest(@NotNull MeetingService.Result result, @Size(max = 4000) String note,
                                @Valid NewTime rescheduledTo) {
    }

    public record ItemView(UUID id, int position, ChecklistItem.Kind kind, String text, String answer, boolean ready,
                           String answeredBy, Instant answeredAt) {

        static ItemView of(ChecklistItem i) {
            return new ItemView(i.id, i.position, i.kind, i.text, i.answer, i.ready, i.answeredBy, i.answeredAt);
        }
    }

    /** A meeting; {@code readiness} is the share of the checklist ready (at the start, once it began). */
    public record MeetingView(UUID id, Meeting.State state, Instant startsAt, Instant endsAt, String place,
                              Instant confirmedAt, String confirmationChannel, boolean unconfirmedFlagged,
                              Integer itemsReady, int checklistItems, Integer itemsReadyAtStart, String resultNote,
                              Instant resultAt, UUID rescheduledTo, UUID reschedules, List<ItemView> checklist) {

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
    @Operation(summary = "Schedule a meeting with a preparation checklist",
            description = "Its owner is reminded to confirm it the day before; still unconfirmed two hours before, it "
                    + "is flagged. The share of the checklist ready when it starts is recorded.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    public Response schedule(@PathParam("id") UUID id, @Valid @NotNull NewMeeting body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        List<MeetingService.ItemPlan> items = body.checklist() == null ? List.of()
                : body.checklist().stream().map(i -> new MeetingService.ItemPlan(i.kind(), i.text().strip())).toList();
        Meeting meeting = meetings.schedule(lead, who.personId(), body.startsAt(), body.endsAt(), body.place(), items, null);
        return Response.created(URI.create("/leads/" + id + "/meetings/" + meeting.id)).entity(view(meeting)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "The lead's meetings")
    public List<MeetingView> list(@PathParam("id") UUID id) {
        Lead lead = seeFully(id);
        return meetings.meetings(lead).stream().map(this::view).toList();
    }

    @GET
    @Path("/{meetingId}")
    @Transactional
    @Operation(summary = "One meeting with its checklist")
    public MeetingView get(@PathParam("id") UUID id, @PathParam("meetingId") UUID meetingId) {
        Lead lead = seeFully(id);
        return view(meetings.meeting(lead, meetingId));
    }

    @PUT
    @Path("/{meetingId}/checklist/{itemId}")
    @Transactional
    @Operation(summary = "Answer a checklist item, or mark it ready")
    public ItemView answer(@PathParam("id") UUID id, @PathParam("meetingId") UUID meetingId,
                           @PathParam("itemId") UUID itemId, @Valid @NotNull Answer body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        return ItemView.of(meetings.answer(lead, meetingId, itemId, who.personId(), body.answer(), body.ready()));
    }

    @POST
    @Path("/{meetingId}/confirmation")
    @Transactional
    @Operation(summary = "Record that the customer confirmed the meeting")
    public MeetingView confirm(@PathParam("id") UUID id, @PathParam("meetingId") UUID meetingId,
                               @Valid Confirmation body) {
        Caller who = caller.get();
        Lead lead = guard.work(id, who).lead();
        return view(meetings.confirm(lead, meetingId, who.personId(), body == null ? null : body.channel()));
    }

    @POST
    @Path("/{meetingId}/result")
    @Transactional
    @Operation(summary = "Record what happened: held, no-show, cancelled by the client, or rescheduled")
    public MeetingView result(@PathParam("id") UUID id, @PathParam("meetingId") UUID meetingId,
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
