package io.closedloop.feedback.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadQualified;
import io.closedloop.events.lead.LeadQueued;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingConfirmationDue;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.lead.MeetingUnconfirmed;
import io.closedloop.events.lead.SlaEscalated;
import io.closedloop.events.lead.SlaReassigned;
import io.closedloop.events.lead.SlaReminded;
import io.closedloop.events.lead.StepCompleted;
import io.closedloop.events.lead.StepKind;
import io.closedloop.events.lead.StepOverdue;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.feedback.loop.Loop;
import io.closedloop.feedback.loop.LoopService;
import io.closedloop.feedback.notification.NotificationType;
import io.closedloop.feedback.notification.Notifier;
import io.closedloop.platform.config.PlatformConfig;
import io.closedloop.platform.inbox.EventHandler;
import io.closedloop.platform.inbox.IdempotentConsumer;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.platform.kafka.TopicConsumers;
import io.closedloop.platform.tx.TransactionWrites;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * Lead events from leads-service, applied idempotently: referrals and handoffs open loops, reassignments move them,
 * the lead's own progress becomes automatic echoes (so the initiator hears even when the owner forgets), and the
 * SLA notices of leads-service reach the people they concern.
 */
@ApplicationScoped
public class LeadEventsConsumer implements EventHandler {

    static final String CONSUMER = "feedback.lead-events";
    private static final String SYSTEM = "system";

    private final IdempotentConsumer consumer;
    private final Directory directory;
    private final LoopService loops;
    private final Notifier notifier;
    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;
    private final TransactionWrites writes;
    private final Map<String, Step<?>> handlers;

    LeadEventsConsumer(IdempotentConsumer consumer, Directory directory, LoopService loops, Notifier notifier,
                       EntityManager entityManager, AgroalDataSource dataSource, TransactionWrites writes) {
        this.consumer = consumer;
        this.directory = directory;
        this.loops = loops;
        this.notifier = notifier;
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.writes = writes;
        this.handlers = Map.ofEntries(
                on(EventCatalog.PERSON_CHANGED, (e, batch) -> directory.onPersonChanged(e)),
                on(EventCatalog.TEAM_CHANGED, (e, batch) -> directory.onTeamChanged(e)),
                on(EventCatalog.LEAD_RECEIVED, this::received),
                on(EventCatalog.LEAD_ASSIGNED, this::assigned),
                on(EventCatalog.LEAD_QUEUED, this::queued),
                on(EventCatalog.LEAD_ACKNOWLEDGED, this::acknowledged),
                on(EventCatalog.CONTACT_ATTEMPTED, this::contacted),
                on(EventCatalog.MEETING_HELD, this::met),
                on(EventCatalog.STEP_COMPLETED, this::stepDone),
                on(EventCatalog.LEAD_QUALIFIED, this::qualified),
                on(EventCatalog.LEAD_WON, this::won),
                on(EventCatalog.LEAD_LOST, this::lost),
                on(EventCatalog.SLA_REMINDED, this::slaReminded),
                on(EventCatalog.SLA_ESCALATED, this::slaEscalated),
                on(EventCatalog.SLA_REASSIGNED, this::slaReassigned),
                on(EventCatalog.MEETING_CONFIRMATION_DUE, this::confirmationDue),
                on(EventCatalog.MEETING_UNCONFIRMED, this::unconfirmed),
                on(EventCatalog.STEP_OVERDUE, this::stepOverdue));
    }

    /** How one type of event is read and applied to the batch. */
    private record Step<T extends Record>(EventType<T> type, BiConsumer<T, LeadBatch> action) {

        Decoded<T> decode(IncomingEvent event) {
            return new Decoded<>(this, event.data(type));
        }
    }

    /** An event read, waiting for the batch's leads to be loaded. */
    private record Decoded<T extends Record>(Step<T> step, T data) {

        void applyTo(LeadBatch batch) {
            step.action().accept(data, batch);
        }

        UUID leadId() {
            return LeadIds.of(data);
        }
    }

    private static <T extends Record> Map.Entry<String, Step<?>> on(EventType<T> type, BiConsumer<T, LeadBatch> action) {
        return Map.entry(type.type(), new Step<>(type, action));
    }

    /**
     * Copies of the subscription, each its own Kafka consumer in the group (a lead's events share a partition, so each
     * lead's stay in order). One, since batches are applied as sets: a batch costs little more than its first event,
     * and three consumers made three small batches compete for two cores (e2e bench at 200/s, 2026-11-30: p50 304 →
     * 109 ms, feedback-service 0.43 → 0.33 cores). Set CLOSEDLOOP_LEAD_EVENTS_CONSUMERS up to the topic's partition
     * count per replica where there are cores to spare.
     */
    void subscribe(@Observes StartupEvent event, TopicConsumers consumers, PlatformConfig config,
                   @ConfigProperty(name = "closedloop.lead-events.consumers", defaultValue = "1") int copies) {
        consumers.subscribe("lead-events", config.topics().leads(), config.consumer().group(), copies, this::consume);
    }

    void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(CONSUMER, records, this);
    }

    @Override
    public boolean handles(String type) {
        return handlers.containsKey(type);
    }

    @Override
    public void handle(IncomingEvent event) {
        handleBatch(List.of(event));
    }

    /**
     * Reads every event, loads what they touch in one round trip, applies them in order in memory, and leaves the
     * writes to the commit: the leads and loops the events changed, with the transaction's derived rows (outbox,
     * timers), in one statement; the new loops, echoes and notifications in Hibernate's flush (batched inserts).
     * Nothing is flushed before the commit, so no event pays for dirty-checking the ones before it.
     */
    @Override
    public void handleBatch(List<IncomingEvent> events) {
        List<Decoded<?>> decoded = new ArrayList<>(events.size());
        Set<UUID> leadIds = new LinkedHashSet<>();
        for (IncomingEvent event : events) {
            Decoded<?> d = handlers.get(event.type()).decode(event);
            decoded.add(d);
            UUID leadId = d.leadId();
            if (leadId != null) {
                leadIds.add(leadId);
            }
        }
        LeadBatch batch = LeadBatch.load(dataSource, leadIds);
        entityManager.unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        for (Decoded<?> d : decoded) {
            d.applyTo(batch);
        }
        batch.writeChanges(writes);
    }

    private void received(LeadReceived e, LeadBatch batch) {
        TrackedLead lead = batch.leadOrNew(e.leadId());
        lead.customerName = e.customerName();
        lead.customerRef = e.customerRef();
        lead.product = e.product();
        lead.referrerId = e.referrerId();
        lead.status = "NEW";
        lead.updatedAt = e.receivedAt();
        if (e.referrerId() != null && !batch.hasLoop(e.leadId(), LoopKind.REFERRAL)) {
            batch.opened(loops.open(LoopKind.REFERRAL, e.referrerId(), null, null, "your referral of " + describe(lead), e.leadId(),
                    e.customerRef(), e.receivedAt(), null, null, e.receivedBy()));
        }
    }

    private void assigned(LeadAssigned e, LeadBatch batch) {
        TrackedLead lead = track(batch, e.leadId(), e.toOwnerId(), e.teamId(), "ASSIGNED", e.assignedAt());
        for (Loop loop : batch.openLoops(e.leadId())) {
            loops.ownerChanged(loop, e.toOwnerId(), e.teamId(), e.assignedAt(), e.acknowledgeBy());
        }
        if (!SYSTEM.equals(e.assignedBy()) && !e.assignedBy().equals(e.toOwnerId())) {
            batch.opened(loops.open(LoopKind.HANDOFF, e.assignedBy(), e.toOwnerId(), e.teamId(),
                    "the handover of " + describe(lead) + " to " + directory.nameOf(e.toOwnerId())
                            + (e.reason() == null ? "" : " (" + e.reason() + ")"),
                    e.leadId(), lead.customerRef, e.assignedAt(), e.acknowledgeBy(), null, e.assignedBy()));
        }
    }

    private void queued(LeadQueued e, LeadBatch batch) {
        TrackedLead lead = track(batch, e.leadId(), null, e.teamId(), "NEW", e.queuedAt());
        for (Loop loop : batch.openLoops(e.leadId())) {
            loops.ownerChanged(loop, null, e.teamId(), e.queuedAt(), null);
        }
        notifier.notify(e.managerId(), NotificationType.LEAD_QUEUED, "Unassigned lead: " + describe(lead),
                describe(lead) + " waits in your team's queue: " + e.reason() + ".", Notifier.About.lead(e.leadId()));
    }

    private void acknowledged(LeadAcknowledged e, LeadBatch batch) {
        TrackedLead lead = track(batch, e.leadId(), e.ownerId(), e.teamId(), "ACKNOWLEDGED", e.acknowledgedAt());
        for (Loop loop : batch.openLoops(e.leadId())) {
            if (e.ownerId().equals(loop.ownerId) && loop.receiptAt == null) {
                loops.echo(loop, EchoKind.RECEIPT, EchoSource.AUTOMATIC, e.ownerId(),
                        directory.nameOf(e.ownerId()) + " has taken charge of " + describe(lead) + ".", e.acknowledgedAt());
            }
        }
    }

    private void contacted(ContactAttempted e, LeadBatch batch) {
        if (e.reached()) {
            progress(batch, e.leadId(), e.ownerId(), e.attemptedAt(),
                    lead -> directory.nameOf(e.ownerId()) + " spoke with " + lead.customerName + " ("
                            + e.channel().name().toLowerCase() + ").");
        }
    }

    private void met(MeetingHeld e, LeadBatch batch) {
        progress(batch, e.leadId(), e.ownerId(), e.recordedAt(),
                lead -> directory.nameOf(e.ownerId()) + " met " + lead.customerName + ".");
    }

    private void stepDone(StepCompleted e, LeadBatch batch) {
        if (e.kind() == StepKind.PLANNED) {
            progress(batch, e.leadId(), e.completedBy(), e.completedAt(),
                    lead -> directory.nameOf(e.completedBy()) + " completed a step of the plan for " + lead.customerName + ".");
        }
    }

    private void qualified(LeadQualified e, LeadBatch batch) {
        progress(batch, e.leadId(), e.ownerId(), e.qualifiedAt(),
                lead -> lead.customerName + " is a real opportunity: qualified by " + directory.nameOf(e.qualifiedBy()) + ".");
    }

    private void won(LeadWon e, LeadBatch batch) {
        outcome(batch, e.leadId(), e.closedBy(), e.wonAt(), "WON", lead -> lead.customerName + ": won.");
    }

    private void lost(LeadLost e, LeadBatch batch) {
        outcome(batch, e.leadId(), e.closedBy(), e.lostAt(), "LOST",
                lead -> lead.customerName + ": lost (" + e.reason().toLowerCase().replace('_', ' ') + ").");
    }

    private void slaReminded(SlaReminded e, LeadBatch batch) {
        TrackedLead lead = batch.lead(e.leadId());
        notifier.notify(e.ownerId(), NotificationType.LEAD_REMINDER, "Deadline near: " + describe(lead),
                describe(lead) + ": " + clockName(e.clock().name()) + " is due " + LoopService.when(e.dueAt()) + ".",
                Notifier.About.lead(e.leadId()));
    }

    private void slaEscalated(SlaEscalated e, LeadBatch batch) {
        TrackedLead lead = batch.lead(e.leadId());
        notifier.notify(e.managerId(), NotificationType.LEAD_ESCALATION, "Missed deadline: " + describe(lead),
                directory.nameOf(e.ownerId()) + " missed the " + clockName(e.clock().name()) + " deadline of "
                        + describe(lead) + " (" + LoopService.when(e.dueAt()) + ").", Notifier.About.lead(e.leadId()),
                Notifier.Timing.of(null, e.dueAt(), e.escalatedAt()));
        for (Loop loop : batch.openLoops(e.leadId())) {
            loops.leadEscalated(loop, clockName(e.clock().name()), e.ownerId(), e.managerId(), e.dueAt(), e.escalatedAt());
        }
    }

    private void slaReassigned(SlaReassigned e, LeadBatch batch) {
        for (Loop loop : batch.openLoops(e.leadId())) {
            loops.leadReassigned(loop, e.fromOwnerId(), e.toOwnerId(), e.teamId(), e.dueAt(), e.reassignedAt());
        }
    }

    private void confirmationDue(MeetingConfirmationDue e, LeadBatch batch) {
        TrackedLead lead = batch.lead(e.leadId());
        notifier.notify(e.ownerId(), NotificationType.MEETING_CONFIRMATION, "Confirm tomorrow's meeting",
                "Confirm your meeting of " + LoopService.when(e.startsAt()) + " with " + describe(lead) + ".",
                Notifier.About.lead(e.leadId()));
    }

    private void unconfirmed(MeetingUnconfirmed e, LeadBatch batch) {
        TrackedLead lead = batch.lead(e.leadId());
        notifier.notify(e.ownerId(), NotificationType.MEETING_CONFIRMATION, "Meeting still unconfirmed",
                "Your meeting of " + LoopService.when(e.startsAt()) + " with " + describe(lead) + " is not confirmed.",
                Notifier.About.lead(e.leadId()));
    }

    private void stepOverdue(StepOverdue e, LeadBatch batch) {
        notifier.notify(e.assigneeId(), NotificationType.STEP_OVERDUE, "Overdue: " + e.title(),
                "\"" + e.title() + "\" was due " + LoopService.when(e.dueAt()) + ".", Notifier.About.lead(e.leadId()));
    }

    private void progress(LeadBatch batch, UUID leadId, String author, Instant at, Function<TrackedLead, String> message) {
        TrackedLead lead = batch.lead(leadId);
        if (lead == null) {
            return;
        }
        for (Loop loop : batch.openLoops(leadId)) {
            loops.echo(loop, EchoKind.PROGRESS, EchoSource.AUTOMATIC, author, message.apply(lead), at);
        }
    }

    private void outcome(LeadBatch batch, UUID leadId, String author, Instant at, String status,
                         Function<TrackedLead, String> message) {
        TrackedLead lead = batch.lead(leadId);
        if (lead == null) {
            return;
        }
        lead.status = status;
        lead.updatedAt = at;
        for (Loop loop : batch.openLoops(leadId)) {
            loops.echo(loop, EchoKind.OUTCOME, EchoSource.AUTOMATIC, author, message.apply(lead), at);
        }
    }

    private static TrackedLead track(LeadBatch batch, UUID leadId, String ownerId, String teamId, String status, Instant at) {
        TrackedLead lead = batch.leadOrNew(leadId);
        if (lead.customerName == null) {
            // An event of a lead received before this service listened: track what is known.
            lead.customerName = "a customer";
            lead.customerRef = "unknown";
        }
        lead.ownerId = ownerId;
        lead.teamId = teamId != null ? teamId : lead.teamId;
        lead.status = status;
        lead.updatedAt = at;
        return lead;
    }

    private static String describe(TrackedLead lead) {
        if (lead == null) {
            return "a lead";
        }
        return lead.customerName + (lead.product == null ? "" : " (" + lead.product + ")");
    }

    private static String clockName(String clock) {
        return switch (clock) {
            case "ACKNOWLEDGE" -> "acknowledgment";
            case "FIRST_CONTACT" -> "first contact";
            default -> "follow-up";
        };
    }
}
