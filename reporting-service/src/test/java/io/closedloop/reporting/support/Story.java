package io.closedloop.reporting.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventJson;
import io.closedloop.events.EventType;
import io.closedloop.events.Money;
import io.closedloop.events.Topics;
import io.closedloop.events.complaint.ComplaintResolved;
import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceMethod;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.events.lead.AssignmentStrategy;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.lead.MeetingNoShow;
import io.closedloop.events.lead.MeetingScheduled;
import io.closedloop.events.lead.SlaClock;
import io.closedloop.events.lead.SlaEscalated;
import io.closedloop.events.lead.UrgencyClaim;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopClosed;
import io.closedloop.events.loop.LoopConfirmed;
import io.closedloop.events.loop.LoopEchoed;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.events.loop.LoopOpened;
import io.closedloop.events.loop.LoopOverdue;
import io.closedloop.events.person.PersonChanged;
import io.closedloop.events.satisfaction.SatisfactionRecorded;
import io.closedloop.events.team.TeamChanged;
import io.closedloop.stack.testing.EventWriter;
import io.closedloop.stack.testing.TestRun;
import org.awaitility.Awaitility;

/**
 * Publishes what leads-service, feedback-service and integrators would, with the contract's own records, on the run's
 * real topics; remembers every event id so a test can wait until the read models have applied them all.
 */
public final class Story implements AutoCloseable {

    private final EventWriter writer;
    private final TestRun run;
    private final List<String> sent = new ArrayList<>();

    public Story() {
        run = TestRun.current();
        writer = new EventWriter(run.kafkaBootstrapServers());
    }

    /** The integrator this story's evidence comes from (bound to every test source in the test profile). */
    public static final String INTEGRATOR = "story";

    public <T extends Record> String publish(EventType<T> type, String key, T data) {
        String id = java.util.UUID.randomUUID().toString();
        redeliver(type, key, id, data);
        sent.add(id);
        return id;
    }

    /**
     * Delivers an event again with the same id, as a producer retrying after a lost acknowledgment would. Evidence
     * comes from {@code /integrators/story}, everything else from {@code /test}.
     */
    public <T extends Record> void redeliver(EventType<T> type, String key, String id, T data) {
        try {
            writer.send(run.topic(type.topic()), key, id, type.type(), EventJson.mapper().writeValueAsString(data),
                    type == EventCatalog.EVIDENCE_RECORDED ? "/integrators/" + INTEGRATOR : "/test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the live read models have applied every event this story published. */
    public void awaitApplied(AgroalDataSource dataSource, Supplier<String> liveSchema) {
        List<String> ids = List.copyOf(sent);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> applied(dataSource, liveSchema.get(), ids) == ids.size());
    }

    private static long applied(AgroalDataSource dataSource, String schema, List<String> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(DISTINCT event_id) FROM " + schema
                     + ".inbox_event WHERE event_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // --- leads-service ---------------------------------------------------------------------------------------------

    public void team(String team, String manager, Instant at) {
        publish(EventCatalog.TEAM_CHANGED, team, new TeamChanged(team, "Team " + team, manager, "UTC", at, null, List.of()));
    }

    public void person(String id, String name, String team, String manager, Instant at) {
        person(id, name, team, manager, at, true, "AGENT");
    }

    public void person(String id, String name, String team, String manager, Instant at, boolean active, String... roles) {
        publish(EventCatalog.PERSON_CHANGED, id, new PersonChanged(id, name, null, team, manager, List.of(roles), active,
                null, null, at));
    }

    public void received(UUID lead, LeadSource source, String referrer, String customer, UrgencyClaim urgency, Instant at) {
        publish(EventCatalog.LEAD_RECEIVED, lead.toString(), new LeadReceived(lead, source, referrer, customer, "Customer",
                null, "Business loan", new Money(new BigDecimal("100000"), "EUR"), "paris", urgency, null, "desk", at));
    }

    public void assigned(UUID lead, String team, String owner, Instant at) {
        publish(EventCatalog.LEAD_ASSIGNED, lead.toString(), new LeadAssigned(lead, team, null, owner, "system", null,
                AssignmentStrategy.ROUND_ROBIN, at, at.plus(Duration.ofMinutes(30)), null));
    }

    public void acknowledged(UUID lead, String owner, String team, Instant assignedAt, Instant at) {
        Instant due = assignedAt.plus(Duration.ofMinutes(30));
        publish(EventCatalog.LEAD_ACKNOWLEDGED, lead.toString(), new LeadAcknowledged(lead, owner, team, null, assignedAt,
                due, at, at.isAfter(due)));
    }

    /** A contact attempt the owner logged themselves. */
    public void contact(UUID lead, String owner, String team, String customer, ContactChannel channel, boolean reached,
                        boolean first, Instant at) {
        contact(lead, owner, team, customer, channel, reached, first, at, owner);
    }

    public void contact(UUID lead, String owner, String team, String customer, ContactChannel channel, boolean reached,
                        boolean first, Instant at, String recordedBy) {
        publish(EventCatalog.CONTACT_ATTEMPTED, lead.toString(), new ContactAttempted(lead, UUID.randomUUID(), owner, team,
                customer, channel, at, reached, first, null, at, recordedBy));
    }

    public UUID meetingScheduled(UUID lead, String owner, String customer, Instant startsAt) {
        UUID meeting = UUID.randomUUID();
        publish(EventCatalog.MEETING_SCHEDULED, lead.toString(), new MeetingScheduled(lead, meeting, owner, customer,
                startsAt, startsAt.plus(Duration.ofHours(1)), "office", 2, null, owner, startsAt.minus(Duration.ofDays(1))));
        return meeting;
    }

    /** A meeting the owner marked held themselves. */
    public void meetingHeld(UUID lead, UUID meeting, String owner, String customer, boolean confirmed, Instant startsAt) {
        meetingHeld(lead, meeting, owner, customer, confirmed, startsAt, owner);
    }

    public void meetingHeld(UUID lead, UUID meeting, String owner, String customer, boolean confirmed, Instant startsAt,
                            String recordedBy) {
        publish(EventCatalog.MEETING_HELD, lead.toString(), new MeetingHeld(lead, meeting, owner, null, customer, null,
                startsAt, confirmed, 2, 2, recordedBy, startsAt.plus(Duration.ofHours(1))));
    }

    public void noShow(UUID lead, UUID meeting, String owner, String customer, Instant startsAt) {
        publish(EventCatalog.MEETING_NO_SHOW, lead.toString(), new MeetingNoShow(lead, meeting, owner, customer, startsAt,
                true, owner, startsAt.plus(Duration.ofMinutes(30))));
    }

    /** A lead its owner closed won. */
    public void won(UUID lead, String owner, String team, String customer, String amount, Instant at) {
        won(lead, owner, team, customer, amount, at, owner);
    }

    public void won(UUID lead, String owner, String team, String customer, String amount, Instant at, String closedBy) {
        publish(EventCatalog.LEAD_WON, lead.toString(), new LeadWon(lead, owner, team, null, customer, LeadSource.INBOUND,
                new Money(new BigDecimal(amount), "EUR"), at.minus(Duration.ofDays(10)), closedBy, at));
    }

    public void statusChanged(UUID lead, io.closedloop.events.lead.LeadStatus from, io.closedloop.events.lead.LeadStatus to,
                              String owner, String by, Instant at) {
        publish(EventCatalog.LEAD_STATUS_CHANGED, lead.toString(), new io.closedloop.events.lead.LeadStatusChanged(lead,
                from, to, owner, null, null, by, at));
    }

    public void lost(UUID lead, String owner, String team, String customer, String reason, Instant at) {
        publish(EventCatalog.LEAD_LOST, lead.toString(), new LeadLost(lead, owner, team, null, customer, LeadSource.INBOUND,
                reason, at.minus(Duration.ofDays(10)), owner, at));
    }

    public void escalated(UUID lead, String owner, String manager, String team, Instant at) {
        publish(EventCatalog.SLA_ESCALATED, lead.toString(), new SlaEscalated(lead, SlaClock.ACKNOWLEDGE, owner, manager,
                team, null, at.minus(Duration.ofMinutes(30)), at));
    }

    // --- feedback-service ------------------------------------------------------------------------------------------

    public UUID loopOpened(LoopKind kind, UUID lead, String initiator, String owner, Instant at) {
        return loopOpened(kind, lead, initiator, owner, null, at);
    }

    public UUID loopOpened(LoopKind kind, UUID lead, String initiator, String owner, String team, Instant at) {
        UUID loop = UUID.randomUUID();
        publish(EventCatalog.LOOP_OPENED, loop.toString(), new LoopOpened(loop, kind, initiator, owner, "subject", lead, at,
                at.plus(Duration.ofHours(1)), team));
        return loop;
    }

    public void echoed(UUID loop, LoopKind kind, UUID lead, String initiator, String owner, EchoKind echo,
                       EchoSource source, boolean late, Instant at) {
        publish(EventCatalog.LOOP_ECHOED, loop.toString(), new LoopEchoed(loop, UUID.randomUUID(), kind, lead, initiator,
                owner, echo, source, at, at.minus(Duration.ofMinutes(late ? 30 : -30)), late, 600));
    }

    public void loopOverdue(UUID loop, LoopKind kind, UUID lead, String initiator, String owner, String team, Instant at) {
        publish(EventCatalog.LOOP_OVERDUE, loop.toString(), new LoopOverdue(loop, kind, lead, initiator, owner, team,
                EchoKind.PROGRESS, at.minus(Duration.ofHours(1)), at));
    }

    public void loopClosed(UUID loop, LoopKind kind, UUID lead, String initiator, String owner, String team,
                           Instant openedAt, Instant at) {
        publish(EventCatalog.LOOP_CLOSED, loop.toString(), new LoopClosed(loop, kind, lead, initiator, owner, team, "WON",
                openedAt, at, 2, 0));
    }

    /** The initiator confirmed the outcome told at {@code closedAt} (null: a confirmation from before they said when). */
    public void loopConfirmed(UUID loop, LoopKind kind, UUID lead, String initiator, String owner, Instant at,
                              String customerRef, Instant closedAt) {
        publish(EventCatalog.LOOP_CONFIRMED, loop.toString(), new LoopConfirmed(loop, kind, lead, initiator, owner, at,
                customerRef, closedAt));
    }

    public void loopConfirmed(UUID loop, LoopKind kind, UUID lead, String initiator, String owner, Instant at) {
        loopConfirmed(loop, kind, lead, initiator, owner, at, null, null);
    }

    /** The owner settled every item of a complaint; returns its id. */
    public UUID complaintResolved(String owner, String team, boolean firstReturn, Instant at) {
        UUID complaint = UUID.randomUUID();
        complaintResolved(complaint, owner, team, firstReturn, at);
        return complaint;
    }

    public void complaintResolved(UUID complaint, String owner, String team, boolean firstReturn, Instant at) {
        publish(EventCatalog.COMPLAINT_RESOLVED, complaint.toString(), new ComplaintResolved(complaint, "ref:complainer",
                null, owner, team, 3, firstReturn ? 1 : 2, firstReturn, at.minus(Duration.ofDays(5)), at));
    }

    public void complaintReopened(UUID complaint, String owner, String team, int score, Instant at) {
        publish(EventCatalog.COMPLAINT_REOPENED, complaint.toString(), new io.closedloop.events.complaint.ComplaintReopened(
                complaint, "ref:complainer", owner, team, "still unhappy", score, at));
    }

    /** The customer's satisfaction with a complaint, recorded by {@code by}. */
    public void complaintRated(UUID complaint, String owner, String team, int score, String by, Instant at) {
        UUID record = UUID.randomUUID();
        publish(EventCatalog.SATISFACTION_RECORDED, "ref:complainer", new SatisfactionRecorded(record, "ref:complainer",
                score, complaint, null, owner, team, by, at));
    }

    /** A customer's satisfaction with {@code owner}'s work, recorded by the desk. */
    public void satisfaction(String owner, String team, int score, Instant at) {
        UUID record = UUID.randomUUID();
        publish(EventCatalog.SATISFACTION_RECORDED, record.toString(), new SatisfactionRecorded(record, "ref:happy", score,
                null, null, owner, team, "desk", at));
    }

    // --- integrators -----------------------------------------------------------------------------------------------

    public String evidence(String source, String externalId, String person, String customer, ActivityKind kind,
                           EvidenceMethod method, Instant at, Integer durationSeconds, Integer distanceMeters) {
        return publish(EventCatalog.EVIDENCE_RECORDED, source + "/" + externalId, new EvidenceRecorded(source, externalId,
                person, customer, kind, method, at, durationSeconds, distanceMeters, null, null));
    }

    @Override
    public void close() {
        writer.close();
    }
}
