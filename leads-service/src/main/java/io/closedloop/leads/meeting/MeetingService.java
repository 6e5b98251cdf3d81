package io.closedloop.leads.meeting;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.lead.MeetingCancelled;
import io.closedloop.events.lead.MeetingConfirmed;
import io.closedloop.events.lead.MeetingEndReason;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.lead.MeetingNoShow;
import io.closedloop.events.lead.MeetingScheduled;
import io.closedloop.leads.LeadsConfig;
import io.closedloop.leads.lead.History;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.lead.LeadLifecycle;
import io.closedloop.leads.lead.StatusChanges;
import io.closedloop.leads.sla.SlaClocks;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Meetings with the customer, prepared with a checklist (questions the client may ask, documents to bring),
 * confirmed the day before, flagged when still unconfirmed close to the time, and closed with what happened.
 */
@ApplicationScoped
public class MeetingService {

    static final String CONFIRMATION_DUE = "meeting-confirmation-due";
    static final String UNCONFIRMED = "meeting-unconfirmed";
    static final String STARTS = "meeting-starts";

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "MeetingResult")
    public enum Result { HELD, NO_SHOW, CANCELLED_BY_CLIENT, RESCHEDULED }

    /** A checklist item as planned. */
    public record ItemPlan(ChecklistItem.Kind kind, String text) {
    }

    private final Outbox outbox;
    private final History history;
    private final StatusChanges statuses;
    private final Timers timers;
    private final SlaClocks clocks;
    private final LeadsConfig config;
    private final Clock clock;

    MeetingService(Outbox outbox, History history, StatusChanges statuses, Timers timers, SlaClocks clocks,
                   LeadsConfig config, Clock clock) {
        this.outbox = outbox;
        this.history = history;
        this.statuses = statuses;
        this.timers = timers;
        this.clocks = clocks;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Meeting schedule(Lead lead, String by, Instant startsAt, Instant endsAt, String place, List<ItemPlan> checklist,
                            UUID reschedules) {
        Instant now = clock.instant();
        if (!startsAt.isAfter(now)) {
            throw ProblemException.invalid("startsAt", "must be in the future");
        }
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
        if (lead.ownerId == null) {
            throw ProblemException.conflict("The lead has no owner to meet the customer");
        }
        statuses.step(lead, LeadLifecycle.Step.SCHEDULE_MEETING, by, now);
        Meeting meeting = new Meeting();
        meeting.id = UUID.randomUUID();
        meeting.leadId = lead.id;
        meeting.startsAt = startsAt;
        meeting.endsAt = endsAt;
        meeting.place = place;
        meeting.state = Meeting.State.SCHEDULED;
        meeting.reschedules = reschedules;
        meeting.createdBy = by;
        meeting.createdAt = now;
        meeting.persist();
        for (int i = 0; i < checklist.size(); i++) {
            ChecklistItem item = new ChecklistItem();
            item.id = UUID.randomUUID();
            item.meetingId = meeting.id;
            item.position = i;
            item.kind = checklist.get(i).kind() == null ? ChecklistItem.Kind.OTHER : checklist.get(i).kind();
            item.text = checklist.get(i).text();
            item.persist();
        }
        String ref = ref(meeting);
        Instant confirmAt = startsAt.minus(config.meetingConfirmationBefore());
        timers.schedule(CONFIRMATION_DUE, ref, confirmAt.isAfter(now) ? confirmAt : now, lead.id.toString());
        Instant flagAt = startsAt.minus(config.meetingUnconfirmedBefore());
        timers.schedule(UNCONFIRMED, ref, flagAt.isAfter(now) ? flagAt : now, lead.id.toString());
        timers.schedule(STARTS, ref, startsAt, lead.id.toString());
        lead.updatedAt = now;
        history.record(lead.id, by, "meeting-scheduled", null, "meeting", meeting.id, "startsAt", startsAt,
                "place", place, "checklistItems", checklist.size(), "reschedules", reschedules);
        outbox.publish(EventCatalog.MEETING_SCHEDULED, lead.id.toString(), new MeetingScheduled(lead.id, meeting.id,
                lead.ownerId, lead.customerRef, startsAt, endsAt, place, checklist.size(), reschedules, by, now));
        return meeting;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ChecklistItem answer(Lead lead, UUID meetingId, UUID itemId, String by, String answer, boolean ready) {
        Meeting meeting = meeting(lead, meetingId);
        if (!meeting.isScheduled()) {
            throw ProblemException.conflict("The meeting is over (" + meeting.state + ")");
        }
        ChecklistItem item = ChecklistItem.findById(itemId);
        if (item == null || !item.meetingId.equals(meeting.id)) {
            throw ProblemException.notFound("checklist item", itemId);
        }
        item.answer = answer;
        item.ready = ready;
        item.answeredBy = by;
        item.answeredAt = clock.instant();
        history.record(lead.id, by, "checklist-answered", null, "meeting", meeting.id, "item", item.id, "ready", ready);
        return item;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Meeting confirm(Lead lead, UUID meetingId, String by, String channel) {
        Meeting meeting = meeting(lead, meetingId);
        if (!meeting.isScheduled()) {
            throw ProblemException.conflict("The meeting is over (" + meeting.state + ")");
        }
        if (meeting.confirmedAt != null) {
            throw ProblemException.conflict("The meeting was already confirmed at " + meeting.confirmedAt);
        }
        Instant now = clock.instant();
        meeting.confirmedAt = now;
        meeting.confirmedBy = by;
        meeting.confirmationChannel = channel;
        timers.cancel(ref(meeting), CONFIRMATION_DUE, UNCONFIRMED);
        history.record(lead.id, by, "meeting-confirmed", null, "meeting", meeting.id, "channel", channel);
        outbox.publish(EventCatalog.MEETING_CONFIRMED, lead.id.toString(),
                new MeetingConfirmed(lead.id, meeting.id, lead.ownerId, meeting.startsAt, channel, by, now));
        return meeting;
    }

    /**
     * Records what happened. Held and no-show only once the meeting has begun; a rescheduled meeting is replaced by
     * a new one at {@code newStartsAt}, with the same checklist and answers.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Meeting result(Lead lead, UUID meetingId, String by, Result result, String note, Instant newStartsAt,
                          Instant newEndsAt) {
        Meeting meeting = meeting(lead, meetingId);
        if (!meeting.isScheduled()) {
            throw ProblemException.conflict("The meeting's result is already recorded (" + meeting.state + ")");
        }
        Instant now = clock.instant();
        if ((result == Result.HELD || result == Result.NO_SHOW) && now.isBefore(meeting.startsAt)) {
            throw ProblemException.conflict("The meeting starts at " + meeting.startsAt + "; record " + result
                    + " once it has begun");
        }
        if (result == Result.RESCHEDULED && newStartsAt == null) {
            throw ProblemException.invalid("rescheduledTo.startsAt", "is required to reschedule");
        }
        snapshotReadiness(meeting);
        meeting.resultNote = note;
        meeting.resultBy = by;
        meeting.resultAt = now;
        timers.cancel(ref(meeting));
        boolean confirmed = meeting.confirmedAt != null;
        switch (result) {
            case HELD -> {
                meeting.state = Meeting.State.HELD;
                history.record(lead.id, by, "meeting-held", null, "meeting", meeting.id,
                        "itemsReady", meeting.itemsReadyAtStart, "checklistItems", meeting.itemsAtStart);
                outbox.publish(EventCatalog.MEETING_HELD, lead.id.toString(), new MeetingHeld(lead.id, meeting.id,
                        lead.ownerId, lead.teamId, lead.customerRef, lead.referrerId, meeting.startsAt, confirmed,
                        meeting.itemsReadyAtStart, meeting.itemsAtStart, by, now));
                clocks.activity(lead, now);
            }
            case NO_SHOW -> {
                meeting.state = Meeting.State.NO_SHOW;
                history.record(lead.id, by, "meeting-no-show", note, "meeting", meeting.id);
                outbox.publish(EventCatalog.MEETING_NO_SHOW, lead.id.toString(), new MeetingNoShow(lead.id, meeting.id,
                        lead.ownerId, lead.customerRef, meeting.startsAt, confirmed, by, now));
            }
            case CANCELLED_BY_CLIENT -> {
                meeting.state = Meeting.State.CANCELLED_BY_CLIENT;
                history.record(lead.id, by, "meeting-cancelled", note, "meeting", meeting.id);
                outbox.publish(EventCatalog.MEETING_CANCELLED, lead.id.toString(), new MeetingCancelled(lead.id,
                        meeting.id, lead.ownerId, lead.customerRef, meeting.startsAt, MeetingEndReason.CANCELLED_BY_CLIENT,
                        by, now));
            }
            case RESCHEDULED -> {
                meeting.state = Meeting.State.RESCHEDULED;
                outbox.publish(EventCatalog.MEETING_CANCELLED, lead.id.toString(), new MeetingCancelled(lead.id,
                        meeting.id, lead.ownerId, lead.customerRef, meeting.startsAt, MeetingEndReason.RESCHEDULED, by, now));
                List<ChecklistItem> items = checklist(meeting);
                Meeting next = schedule(lead, by, newStartsAt, newEndsAt, meeting.place,
                        items.stream().map(i -> new ItemPlan(i.kind, i.text)).toList(), meeting.id);
                List<ChecklistItem> copied = checklist(next);
                for (int i = 0; i < items.size(); i++) {
                    copied.get(i).answer = items.get(i).answer;
                    copied.get(i).ready = items.get(i).ready;
                    copied.get(i).answeredBy = items.get(i).answeredBy;
                    copied.get(i).answeredAt = items.get(i).answeredAt;
                }
                meeting.rescheduledTo = next.id;
                history.record(lead.id, by, "meeting-rescheduled", note, "meeting", meeting.id, "to", next.id,
                        "startsAt", newStartsAt);
            }
        }
        if (result != Result.HELD && result != Result.RESCHEDULED && scheduled(lead).isEmpty() && held(lead) == 0) {
            statuses.step(lead, LeadLifecycle.Step.NO_MEETING_LEFT, by, now);
        }
        lead.updatedAt = now;
        return meeting;
    }

    /** The share of the checklist ready when the meeting began; recorded once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void snapshotReadiness(Meeting meeting) {
        if (meeting.itemsAtStart != null) {
            return;
        }
        List<ChecklistItem> items = checklist(meeting);
        meeting.itemsAtStart = items.size();
        meeting.itemsReadyAtStart = (int) items.stream().filter(i -> i.ready).count();
    }

    public Meeting meeting(Lead lead, UUID meetingId) {
        Meeting meeting = Meeting.findById(meetingId, LockModeType.PESSIMISTIC_WRITE);
        if (meeting == null || !meeting.leadId.equals(lead.id)) {
            throw ProblemException.notFound("meeting", meetingId);
        }
        return meeting;
    }

    public List<Meeting> meetings(Lead lead) {
        return Meeting.list("leadId = ?1 order by startsAt", lead.id);
    }

    public List<Meeting> scheduled(Lead lead) {
        return Meeting.list("leadId = ?1 and state = ?2 order by startsAt", lead.id, Meeting.State.SCHEDULED);
    }

    public List<ChecklistItem> checklist(Meeting meeting) {
        return ChecklistItem.list("meetingId = ?1 order by position", meeting.id);
    }

    private long held(Lead lead) {
        return Meeting.count("leadId = ?1 and state = ?2", lead.id, Meeting.State.HELD);
    }

    static String ref(Meeting meeting) {
        return "meeting:" + meeting.id;
    }
}
