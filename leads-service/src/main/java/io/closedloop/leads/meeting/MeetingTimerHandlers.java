package io.closedloop.leads.meeting;

import java.time.Clock;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.lead.MeetingConfirmationDue;
import io.closedloop.events.lead.MeetingUnconfirmed;
import io.closedloop.leads.lead.History;
import io.closedloop.leads.lead.Lead;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.timer.DueTimer;
import io.closedloop.platform.timer.TimerHandler;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** The timers around a meeting: the day-before confirmation reminder, the unconfirmed flag, the readiness snapshot. */
public final class MeetingTimerHandlers {

    private MeetingTimerHandlers() {
    }

    /** What every meeting timer needs: the meeting and its lead, both still live. */
    abstract static class Base implements TimerHandler {

        final EntityManager entityManager;
        final Outbox outbox;
        final History history;
        final Clock clock;

        Base(EntityManager entityManager, Outbox outbox, History history, Clock clock) {
            this.entityManager = entityManager;
            this.outbox = outbox;
            this.history = history;
            this.clock = clock;
        }

        @Override
        public void fire(DueTimer timer) {
            Lead lead = entityManager.find(Lead.class, UUID.fromString(timer.payload()), LockModeType.PESSIMISTIC_WRITE);
            Meeting meeting = entityManager.find(Meeting.class, UUID.fromString(timer.ref().substring("meeting:".length())));
            if (lead != null && meeting != null && lead.isOpen() && meeting.isScheduled()) {
                fire(lead, meeting);
            }
        }

        abstract void fire(Lead lead, Meeting meeting);
    }

    @Singleton
    public static class ConfirmationDue extends Base {

        ConfirmationDue(EntityManager entityManager, Outbox outbox, History history, Clock clock) {
            super(entityManager, outbox, history, clock);
        }

        @Override
        public String kind() {
            return MeetingService.CONFIRMATION_DUE;
        }

        @Override
        void fire(Lead lead, Meeting meeting) {
            if (meeting.confirmedAt == null && lead.ownerId != null) {
                history.record(lead.id, History.SYSTEM, "meeting-confirmation-due", null, "meeting", meeting.id);
                outbox.publish(EventCatalog.MEETING_CONFIRMATION_DUE, lead.id.toString(),
                        new MeetingConfirmationDue(lead.id, meeting.id, lead.ownerId, meeting.startsAt));
            }
        }
    }

    @Singleton
    public static class Unconfirmed extends Base {

        Unconfirmed(EntityManager entityManager, Outbox outbox, History history, Clock clock) {
            super(entityManager, outbox, history, clock);
        }

        @Override
        public String kind() {
            return MeetingService.UNCONFIRMED;
        }

        @Override
        void fire(Lead lead, Meeting meeting) {
            if (meeting.confirmedAt == null && lead.ownerId != null) {
                meeting.unconfirmedFlagged = true;
                history.record(lead.id, History.SYSTEM, "meeting-unconfirmed", null, "meeting", meeting.id);
                outbox.publish(EventCatalog.MEETING_UNCONFIRMED, lead.id.toString(),
                        new MeetingUnconfirmed(lead.id, meeting.id, lead.ownerId, meeting.startsAt, clock.instant()));
            }
        }
    }

    @Singleton
    public static class Starts extends Base {

        private final MeetingService meetings;

        Starts(EntityManager entityManager, Outbox outbox, History history, Clock clock, MeetingService meetings) {
            super(entityManager, outbox, history, clock);
            this.meetings = meetings;
        }

        @Override
        public String kind() {
            return MeetingService.STARTS;
        }

        @Override
        void fire(Lead lead, Meeting meeting) {
            meetings.snapshotReadiness(meeting);
            history.record(lead.id, History.SYSTEM, "meeting-started", null, "meeting", meeting.id,
                    "itemsReady", meeting.itemsReadyAtStart, "checklistItems", meeting.itemsAtStart);
        }
    }
}
