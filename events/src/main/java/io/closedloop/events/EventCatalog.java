package io.closedloop.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadQualified;
import io.closedloop.events.lead.LeadQueued;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadStatusChanged;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingCancelled;
import io.closedloop.events.lead.MeetingConfirmationDue;
import io.closedloop.events.lead.MeetingConfirmed;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.lead.MeetingNoShow;
import io.closedloop.events.lead.MeetingScheduled;
import io.closedloop.events.lead.MeetingUnconfirmed;
import io.closedloop.events.lead.SlaEscalated;
import io.closedloop.events.lead.SlaReassigned;
import io.closedloop.events.lead.SlaReminded;
import io.closedloop.events.lead.StepCancelled;
import io.closedloop.events.lead.StepCompleted;
import io.closedloop.events.lead.StepCreated;
import io.closedloop.events.lead.StepOverdue;
import io.closedloop.events.loop.LoopOpened;
import io.closedloop.events.loop.LoopReceiptRecorded;
import io.closedloop.events.loop.LoopEchoed;
import io.closedloop.events.loop.LoopOverdue;
import io.closedloop.events.loop.LoopEscalated;
import io.closedloop.events.loop.LoopClosed;
import io.closedloop.events.loop.LoopConfirmed;
import io.closedloop.events.complaint.ComplaintOpened;
import io.closedloop.events.claim.ClaimSubmitted;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.events.complaint.ComplaintItemResolved;
import io.closedloop.events.complaint.ComplaintResolved;
import io.closedloop.events.complaint.ComplaintReopened;
import io.closedloop.events.satisfaction.SatisfactionRecorded;
import io.closedloop.events.person.PersonChanged;
import io.closedloop.events.team.TeamChanged;

/**
 * Every event type the suite publishes. A type, once released, is never changed in a way that breaks a consumer
 * (the schema test enforces it): a breaking change is a new type with the next version suffix.
 */
public final class EventCatalog {

    public static final EventType<LeadReceived> LEAD_RECEIVED =
            EventType.of("io.closedloop.lead.received.v1", Topics.LEADS, LeadReceived.class);

    public static final EventType<LeadAssigned> LEAD_ASSIGNED =
            EventType.of("io.closedloop.lead.assigned.v1", Topics.LEADS, LeadAssigned.class);

    public static final EventType<LeadQueued> LEAD_QUEUED =
            EventType.of("io.closedloop.lead.queued.v1", Topics.LEADS, LeadQueued.class);

    public static final EventType<LeadAcknowledged> LEAD_ACKNOWLEDGED =
            EventType.of("io.closedloop.lead.acknowledged.v1", Topics.LEADS, LeadAcknowledged.class);

    public static final EventType<ContactAttempted> CONTACT_ATTEMPTED =
            EventType.of("io.closedloop.lead.contact-attempted.v1", Topics.LEADS, ContactAttempted.class);

    public static final EventType<StepCreated> STEP_CREATED =
            EventType.of("io.closedloop.lead.step-created.v1", Topics.LEADS, StepCreated.class);

    public static final EventType<StepCompleted> STEP_COMPLETED =
            EventType.of("io.closedloop.lead.step-completed.v1", Topics.LEADS, StepCompleted.class);

    public static final EventType<StepCancelled> STEP_CANCELLED =
            EventType.of("io.closedloop.lead.step-cancelled.v1", Topics.LEADS, StepCancelled.class);

    public static final EventType<StepOverdue> STEP_OVERDUE =
            EventType.of("io.closedloop.lead.step-overdue.v1", Topics.LEADS, StepOverdue.class);

    public static final EventType<MeetingScheduled> MEETING_SCHEDULED =
            EventType.of("io.closedloop.lead.meeting-scheduled.v1", Topics.LEADS, MeetingScheduled.class);

    public static final EventType<MeetingConfirmationDue> MEETING_CONFIRMATION_DUE =
            EventType.of("io.closedloop.lead.meeting-confirmation-due.v1", Topics.LEADS, MeetingConfirmationDue.class);

    public static final EventType<MeetingConfirmed> MEETING_CONFIRMED =
            EventType.of("io.closedloop.lead.meeting-confirmed.v1", Topics.LEADS, MeetingConfirmed.class);

    public static final EventType<MeetingUnconfirmed> MEETING_UNCONFIRMED =
            EventType.of("io.closedloop.lead.meeting-unconfirmed.v1", Topics.LEADS, MeetingUnconfirmed.class);

    public static final EventType<MeetingHeld> MEETING_HELD =
            EventType.of("io.closedloop.lead.meeting-held.v1", Topics.LEADS, MeetingHeld.class);

    public static final EventType<MeetingNoShow> MEETING_NO_SHOW =
            EventType.of("io.closedloop.lead.meeting-no-show.v1", Topics.LEADS, MeetingNoShow.class);

    public static final EventType<MeetingCancelled> MEETING_CANCELLED =
            EventType.of("io.closedloop.lead.meeting-cancelled.v1", Topics.LEADS, MeetingCancelled.class);

    public static final EventType<LeadQualified> LEAD_QUALIFIED =
            EventType.of("io.closedloop.lead.qualified.v1", Topics.LEADS, LeadQualified.class);

    public static final EventType<SlaReminded> SLA_REMINDED =
            EventType.of("io.closedloop.lead.sla-reminded.v1", Topics.LEADS, SlaReminded.class);

    public static final EventType<SlaEscalated> SLA_ESCALATED =
            EventType.of("io.closedloop.lead.sla-escalated.v1", Topics.LEADS, SlaEscalated.class);

    public static final EventType<SlaReassigned> SLA_REASSIGNED =
            EventType.of("io.closedloop.lead.sla-reassigned.v1", Topics.LEADS, SlaReassigned.class);

    public static final EventType<LeadStatusChanged> LEAD_STATUS_CHANGED =
            EventType.of("io.closedloop.lead.status-changed.v1", Topics.LEADS, LeadStatusChanged.class);

    public static final EventType<LeadWon> LEAD_WON =
            EventType.of("io.closedloop.lead.won.v1", Topics.LEADS, LeadWon.class);

    public static final EventType<LeadLost> LEAD_LOST =
            EventType.of("io.closedloop.lead.lost.v1", Topics.LEADS, LeadLost.class);

    public static final EventType<PersonChanged> PERSON_CHANGED =
            EventType.of("io.closedloop.person.changed.v1", Topics.LEADS, PersonChanged.class);

    public static final EventType<TeamChanged> TEAM_CHANGED =
            EventType.of("io.closedloop.team.changed.v1", Topics.LEADS, TeamChanged.class);

    public static final EventType<LoopOpened> LOOP_OPENED =
            EventType.of("io.closedloop.loop.opened.v1", Topics.FEEDBACK, LoopOpened.class);

    public static final EventType<LoopReceiptRecorded> LOOP_RECEIPT_RECORDED =
            EventType.of("io.closedloop.loop.receipt-recorded.v1", Topics.FEEDBACK, LoopReceiptRecorded.class);

    public static final EventType<LoopEchoed> LOOP_ECHOED =
            EventType.of("io.closedloop.loop.echoed.v1", Topics.FEEDBACK, LoopEchoed.class);

    public static final EventType<LoopOverdue> LOOP_OVERDUE =
            EventType.of("io.closedloop.loop.overdue.v1", Topics.FEEDBACK, LoopOverdue.class);

    public static final EventType<LoopEscalated> LOOP_ESCALATED =
            EventType.of("io.closedloop.loop.escalated.v1", Topics.FEEDBACK, LoopEscalated.class);

    public static final EventType<LoopClosed> LOOP_CLOSED =
            EventType.of("io.closedloop.loop.closed.v1", Topics.FEEDBACK, LoopClosed.class);

    public static final EventType<LoopConfirmed> LOOP_CONFIRMED =
            EventType.of("io.closedloop.loop.confirmed.v1", Topics.FEEDBACK, LoopConfirmed.class);

    public static final EventType<ComplaintOpened> COMPLAINT_OPENED =
            EventType.of("io.closedloop.complaint.opened.v1", Topics.FEEDBACK, ComplaintOpened.class);

    public static final EventType<ComplaintItemResolved> COMPLAINT_ITEM_RESOLVED =
            EventType.of("io.closedloop.complaint.item-resolved.v1", Topics.FEEDBACK, ComplaintItemResolved.class);

    public static final EventType<ComplaintResolved> COMPLAINT_RESOLVED =
            EventType.of("io.closedloop.complaint.resolved.v1", Topics.FEEDBACK, ComplaintResolved.class);

    public static final EventType<ComplaintReopened> COMPLAINT_REOPENED =
            EventType.of("io.closedloop.complaint.reopened.v1", Topics.FEEDBACK, ComplaintReopened.class);

    public static final EventType<SatisfactionRecorded> SATISFACTION_RECORDED =
            EventType.of("io.closedloop.satisfaction.recorded.v1", Topics.FEEDBACK, SatisfactionRecorded.class);

    public static final EventType<ClaimSubmitted> CLAIM_SUBMITTED =
            EventType.of("io.closedloop.claim.submitted.v1", Topics.REPORTING, ClaimSubmitted.class);

    public static final EventType<EvidenceRecorded> EVIDENCE_RECORDED =
            EventType.of("io.closedloop.evidence.recorded.v1", Topics.EVIDENCE, EvidenceRecorded.class);

    private static final List<EventType<?>> ALL = List.of(
            LEAD_RECEIVED,
            LEAD_ASSIGNED,
            LEAD_QUEUED,
            LEAD_ACKNOWLEDGED,
            CONTACT_ATTEMPTED,
            STEP_CREATED,
            STEP_COMPLETED,
            STEP_CANCELLED,
            STEP_OVERDUE,
            MEETING_SCHEDULED,
            MEETING_CONFIRMATION_DUE,
            MEETING_CONFIRMED,
            MEETING_UNCONFIRMED,
            MEETING_HELD,
            MEETING_NO_SHOW,
            MEETING_CANCELLED,
            LEAD_QUALIFIED,
            SLA_REMINDED,
            SLA_ESCALATED,
            SLA_REASSIGNED,
            LEAD_STATUS_CHANGED,
            LEAD_WON,
            LEAD_LOST,
            PERSON_CHANGED,
            TEAM_CHANGED,
            LOOP_OPENED,
            LOOP_RECEIPT_RECORDED,
            LOOP_ECHOED,
            LOOP_OVERDUE,
            LOOP_ESCALATED,
            LOOP_CLOSED,
            LOOP_CONFIRMED,
            COMPLAINT_OPENED,
            COMPLAINT_ITEM_RESOLVED,
            COMPLAINT_RESOLVED,
            COMPLAINT_REOPENED,
            SATISFACTION_RECORDED,
            CLAIM_SUBMITTED,
            EVIDENCE_RECORDED);

    private static final Map<String, EventType<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
