package io.closedloop.reporting.projection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.claim.ClaimSubmitted;
import io.closedloop.events.claim.ClaimedContact;
import io.closedloop.events.complaint.ComplaintResolved;
import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceMethod;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadQueued;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.lead.MeetingNoShow;
import io.closedloop.events.lead.MeetingScheduled;
import io.closedloop.events.lead.SlaEscalated;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopClosed;
import io.closedloop.events.loop.LoopConfirmed;
import io.closedloop.events.loop.LoopEchoed;
import io.closedloop.events.loop.LoopOpened;
import io.closedloop.events.loop.LoopOverdue;
import io.closedloop.events.loop.LoopReceiptRecorded;
import io.closedloop.events.person.PersonChanged;
import io.closedloop.events.satisfaction.SatisfactionRecorded;
import io.closedloop.events.team.TeamChanged;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.EvidenceRules;
import io.closedloop.reporting.matching.Matcher;

/**
 * Applies events to the read models of one schema, a batch at a time: the batch's effects are first gathered in
 * memory (counters summed per person and day, each lead's and loop's row updated in place) and then written once per
 * row. Every effect depends only on the events themselves, never on the order of different topics, so replaying every
 * topic into a fresh schema gives the same answers as consuming them live (see {@code ReadModelRebuild}).
 */
public final class ReadModelProjector {

    /** The events the read models are built from. */
    public static final Set<String> TYPES = Set.of(
            EventCatalog.PERSON_CHANGED.type(), EventCatalog.TEAM_CHANGED.type(), EventCatalog.LEAD_RECEIVED.type(),
            EventCatalog.LEAD_ASSIGNED.type(), EventCatalog.LEAD_QUEUED.type(), EventCatalog.LEAD_ACKNOWLEDGED.type(),
            EventCatalog.CONTACT_ATTEMPTED.type(), EventCatalog.MEETING_SCHEDULED.type(), EventCatalog.MEETING_HELD.type(),
            EventCatalog.MEETING_NO_SHOW.type(), EventCatalog.LEAD_WON.type(), EventCatalog.LEAD_LOST.type(),
            EventCatalog.SLA_ESCALATED.type(), EventCatalog.LOOP_OPENED.type(), EventCatalog.LOOP_RECEIPT_RECORDED.type(),
            EventCatalog.LOOP_ECHOED.type(), EventCatalog.LOOP_OVERDUE.type(), EventCatalog.LOOP_CLOSED.type(),
            EventCatalog.LOOP_CONFIRMED.type(), EventCatalog.COMPLAINT_RESOLVED.type(),
            EventCatalog.SATISFACTION_RECORDED.type(), EventCatalog.CLAIM_SUBMITTED.type(),
            EventCatalog.EVIDENCE_RECORDED.type());

    private static final String LEADS_SOURCE = EvidenceRules.LEADS_SOURCE;
    private static final String FEEDBACK_SOURCE = EvidenceRules.FEEDBACK_SOURCE;

    /** The per-person-per-day counters, in the order of the upsert's columns. */
    enum Counter {
        ASSIGNED, ACKNOWLEDGED, FIRST_CONTACTS, MEETINGS_HELD, NO_SHOWS, WON, LOST, SLA_ESCALATIONS, LOOPS_CLOSED,
        LOOPS_CONFIRMED, ECHOES, LATE_ECHOES, LOOPS_OVERDUE, COMPLAINTS_RESOLVED, COMPLAINTS_FIRST_RETURN,
        SATISFACTION_SUM, SATISFACTION_COUNT, VERIFIED_CALLS, VERIFIED_VISITS, VERIFIED_MEETINGS, VERIFIED_ECHOES,
        VERIFIED_OUTCOMES;

        String column() {
            return name().toLowerCase();
        }
    }

    /** Live observations of what the events say, for the metrics; the rebuild observes nothing. */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        default void acknowledged(String teamId, String source, long seconds, boolean late) {
        }

        default void firstContact(String teamId, String source, long seconds) {
        }

        default void escalated(String teamId, String clock) {
        }

        default void won(String teamId, String currency, BigDecimal amount) {
        }

        default void echoed(String loopKind, String echo, long latencySeconds, boolean late) {
        }

        default void received(String source) {
        }

        default void loopOpened(String loopKind) {
        }

        default void loopClosed(String loopKind, String teamId) {
        }

        /** A team's directory entry was applied: it may now have leads of its own. */
        default void teamSeen(String teamId) {
        }
    }

    private final ReportingConfig config;
    private final ZoneId zone;
    private final Observer observer;

    public ReadModelProjector(ReportingConfig config, Observer observer) {
        this.config = config;
        this.zone = ZoneId.of(config.timeZone());
        this.observer = observer;
    }

    /** Applies {@code events} (already de-duplicated) to the read models of {@code schema}, on {@code c}. */
    public void apply(Connection c, String schema, List<IncomingEvent> events) throws SQLException {
        Batch batch = new Batch(ReadModel.checked(schema));
        List<Object> data = new ArrayList<>(events.size());
        Set<UUID> leadIds = new LinkedHashSet<>();
        Set<UUID> loopIds = new LinkedHashSet<>();
        for (IncomingEvent event : events) {
            Object d = event.data(typeOf(event.type()));
            data.add(d);
            UUID lead = leadIdOf(d);
            if (lead != null) {
                leadIds.add(lead);
            }
            UUID loop = loopIdOf(d);
            if (loop != null) {
                loopIds.add(loop);
            }
        }
        batch.leads.putAll(loadLeads(c, batch.schema, leadIds));
        batch.loops.putAll(loadLoops(c, batch.schema, loopIds));
        for (Object d : data) {
            project(batch, d);
        }
        batch.flush(c);
    }

    private void project(Batch b, Object d) {
        switch (d) {
            case PersonChanged e -> b.people.merge(e.personId(), e, (a, n) -> n.changedAt().isAfter(a.changedAt()) ? n : a);
            case TeamChanged e -> {
                b.teams.merge(e.teamId(), e, (a, n) -> n.changedAt().isAfter(a.changedAt()) ? n : a);
                observer.teamSeen(e.teamId());
            }
            case LeadReceived e -> {
                LeadRow row = b.leads.computeIfAbsent(e.leadId(), id -> new LeadRow(id));
                if (row.receivedAt == null) {
                    row.source = e.source().name();
                    row.referrerId = e.referrerId();
                    row.customerRef = e.customerRef();
                    row.receivedAt = micros(e.receivedAt());
                    row.urgencyClaimed = e.urgency() != null;
                    row.urgencyStatement = e.urgency() == null ? null : e.urgency().statement();
                    row.urgencyDemandedBy = e.urgency() == null ? null : micros(e.urgency().demandedBy());
                    row.changed = true;
                    observer.received(row.source);
                }
            }
            case LeadAssigned e -> {
                LeadRow row = b.lead(e.leadId());
                row.ownerId = e.toOwnerId();
                row.teamId = e.teamId() != null ? e.teamId() : row.teamId;
                row.assignedAt = micros(e.assignedAt());
                row.changed = true;
                b.add(e.toOwnerId(), e.assignedAt(), Counter.ASSIGNED, 1);
            }
            case LeadQueued e -> {
                LeadRow row = b.lead(e.leadId());
                row.ownerId = null;
                row.teamId = e.teamId() != null ? e.teamId() : row.teamId;
                row.changed = true;
            }
            case LeadAcknowledged e -> {
                LeadRow row = b.lead(e.leadId());
                long seconds = Math.max(0, Duration.between(micros(e.assignedAt()), micros(e.acknowledgedAt())).toSeconds());
                row.acknowledgedAt = micros(e.acknowledgedAt());
                row.ackSeconds = seconds;
                row.overdue = false;
                row.changed = true;
                b.acks.add(new Object[] {e.leadId(), micros(e.acknowledgedAt()), e.ownerId(), e.teamId(), row.source, seconds});
                b.add(e.ownerId(), e.acknowledgedAt(), Counter.ACKNOWLEDGED, 1);
                observer.acknowledged(e.teamId(), row.source, seconds, e.late());
            }
            case ContactAttempted e -> {
                LeadRow row = b.lead(e.leadId());
                if (e.first() && row.firstContactAt == null) {
                    row.firstContactAt = micros(e.attemptedAt());
                    row.firstContactBy = e.ownerId();
                    row.firstContactSeconds = row.receivedAt == null ? null
                            : Math.max(0, Duration.between(row.receivedAt, micros(e.attemptedAt())).toSeconds());
                    b.add(e.ownerId(), e.attemptedAt(), Counter.FIRST_CONTACTS, 1);
                    if (row.firstContactSeconds != null) {
                        observer.firstContact(e.teamId(), row.source, row.firstContactSeconds);
                    }
                }
                if (e.reached()) {
                    row.contactsReached++;
                    row.overdue = false;
                    ActivityKind kind = e.channel() == ContactChannel.PHONE ? ActivityKind.CALL
                            : e.channel() == ContactChannel.VISIT ? ActivityKind.VISIT : null;
                    if (kind != null) {
                        b.evidence.add(new EvidenceRecorded(LEADS_SOURCE, "contact:" + e.attemptId(), e.ownerId(),
                                e.customerRef(), kind, EvidenceMethod.SYSTEM_RECORD, e.attemptedAt(), null, null, null));
                    }
                }
                row.changed = true;
            }
            case MeetingScheduled e -> {
                LeadRow row = b.lead(e.leadId());
                row.meetingsScheduled++;
                row.changed = true;
            }
            case MeetingHeld e -> {
                LeadRow row = b.lead(e.leadId());
                row.meetingsHeld++;
                if (row.firstMeetingHeldAt == null || micros(e.recordedAt()).isBefore(row.firstMeetingHeldAt)) {
                    row.firstMeetingHeldAt = micros(e.recordedAt());
                }
                row.changed = true;
                b.add(e.ownerId(), e.recordedAt(), Counter.MEETINGS_HELD, 1);
                if (e.confirmed()) {
                    b.evidence.add(new EvidenceRecorded(LEADS_SOURCE, "meeting:" + e.meetingId(), e.ownerId(),
                            e.customerRef(), ActivityKind.MEETING, EvidenceMethod.SYSTEM_RECORD, e.startsAt(), null, null, null));
                }
            }
            case MeetingNoShow e -> {
                LeadRow row = b.lead(e.leadId());
                row.noShows++;
                row.changed = true;
                b.add(e.ownerId(), e.recordedAt(), Counter.NO_SHOWS, 1);
            }
            case LeadWon e -> {
                LeadRow row = b.lead(e.leadId());
                row.status = "WON";
                row.closedAt = micros(e.wonAt());
                row.overdue = false;
                row.changed = true;
                String owner = e.ownerId() != null ? e.ownerId() : e.closedBy();
                b.add(owner, e.wonAt(), Counter.WON, 1);
                b.wonValues.merge(List.of(owner, day(e.wonAt()), e.value().currency()), e.value().amount(), BigDecimal::add);
                b.evidence.add(new EvidenceRecorded(LEADS_SOURCE, "outcome:" + e.leadId(), owner, e.customerRef(),
                        ActivityKind.OUTCOME, EvidenceMethod.SYSTEM_RECORD, e.wonAt(), null, null, null));
                observer.won(e.teamId(), e.value().currency(), e.value().amount());
            }
            case LeadLost e -> {
                LeadRow row = b.lead(e.leadId());
                row.status = "LOST";
                row.closedAt = micros(e.lostAt());
                row.lossReason = e.reason();
                row.overdue = false;
                row.changed = true;
                String owner = e.ownerId() != null ? e.ownerId() : e.closedBy();
                b.add(owner, e.lostAt(), Counter.LOST, 1);
                b.evidence.add(new EvidenceRecorded(LEADS_SOURCE, "outcome:" + e.leadId(), owner, e.customerRef(),
                        ActivityKind.OUTCOME, EvidenceMethod.SYSTEM_RECORD, e.lostAt(), null, null, null));
            }
            case SlaEscalated e -> {
                LeadRow row = b.lead(e.leadId());
                row.overdue = true;
                row.changed = true;
                b.add(e.ownerId(), e.escalatedAt(), Counter.SLA_ESCALATIONS, 1);
                observer.escalated(e.teamId(), e.clock().name());
            }
            case LoopOpened e -> {
                LoopRow row = b.loop(e.loopId(), e.kind().name(), e.initiatorId(), e.openedAt());
                observer.loopOpened(e.kind().name());
                row.openedAt = micros(e.openedAt());
                row.leadId = e.leadId();
                row.ownerId = row.ownerId == null ? e.ownerId() : row.ownerId;
                row.changed = true;
            }
            case LoopReceiptRecorded e -> {
                LoopRow row = b.loop(e.loopId(), e.kind().name(), e.initiatorId(), e.openedAt());
                row.receiptAt = micros(e.receivedAt());
                row.receiptSeconds = e.latencySeconds();
                row.receiptLate = e.late();
                row.ownerId = e.ownerId() != null ? e.ownerId() : row.ownerId;
                row.changed = true;
            }
            case LoopEchoed e -> {
                LoopRow row = b.loop(e.loopId(), e.kind().name(), e.initiatorId(), null);
                row.echoes++;
                if (e.late()) {
                    row.lateEchoes++;
                }
                row.ownerId = e.ownerId() != null ? e.ownerId() : row.ownerId;
                row.changed = true;
                b.add(e.ownerId(), e.occurredAt(), Counter.ECHOES, 1);
                b.add(e.ownerId(), e.occurredAt(), Counter.LATE_ECHOES, e.late() ? 1 : 0);
                if (e.source() == EchoSource.PERSONAL && e.ownerId() != null) {
                    b.evidence.add(new EvidenceRecorded(FEEDBACK_SOURCE, "echo:" + e.echoId(), e.ownerId(),
                            "loop:" + e.loopId(), ActivityKind.ECHO, EvidenceMethod.SYSTEM_RECORD, e.occurredAt(), null, null, null));
                }
                observer.echoed(e.kind().name(), e.echo().name(), e.latencySeconds(), e.late());
            }
            case LoopOverdue e -> {
                LoopRow row = b.loop(e.loopId(), e.kind().name(), e.initiatorId(), null);
                row.overdue++;
                row.teamId = e.teamId() != null ? e.teamId() : row.teamId;
                row.changed = true;
                b.add(e.ownerId(), e.at(), Counter.LOOPS_OVERDUE, 1);
            }
            case LoopClosed e -> {
                LoopRow row = b.loop(e.loopId(), e.kind().name(), e.initiatorId(), e.openedAt());
                row.closedAt = micros(e.closedAt());
                row.teamId = e.teamId() != null ? e.teamId() : row.teamId;
                row.changed = true;
                observer.loopClosed(e.kind().name(), row.teamId);
                b.add(e.ownerId(), e.closedAt(), Counter.LOOPS_CLOSED, 1);
            }
            case LoopConfirmed e -> {
                LoopRow row = b.loop(e.loopId(), e.kind().name(), e.initiatorId(), null);
                row.confirmedAt = micros(e.confirmedAt());
                row.changed = true;
                b.add(e.ownerId(), e.confirmedAt(), Counter.LOOPS_CONFIRMED, 1);
            }
            case ComplaintResolved e -> {
                b.add(e.ownerId(), e.resolvedAt(), Counter.COMPLAINTS_RESOLVED, 1);
                b.add(e.ownerId(), e.resolvedAt(), Counter.COMPLAINTS_FIRST_RETURN, e.resolvedOnFirstReturn() ? 1 : 0);
            }
            case SatisfactionRecorded e -> {
                b.add(e.ownerId(), e.recordedAt(), Counter.SATISFACTION_SUM, e.score());
                b.add(e.ownerId(), e.recordedAt(), Counter.SATISFACTION_COUNT, 1);
            }
            case ClaimSubmitted e -> b.claims.merge(List.of(e.personId(), e.day()), e,
                    (a, n) -> n.version() > a.version() ? n : a);
            case EvidenceRecorded e -> {
                // Published evidence may not pass for what this service derives itself (see EvidenceRules).
                if (!EvidenceRules.reserved(e.source())) {
                    b.evidence.add(e);
                }
            }
            default -> throw new IllegalStateException("No projection for " + d.getClass().getSimpleName());
        }
    }

    /**
     * An instant as the database keeps it. Events may carry nanoseconds; a row read back holds microseconds, so every
     * instant is cut to microseconds before it is stored or subtracted, or durations would depend on how events
     * happened to be batched.
     */
    static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    /** What one batch changes, gathered before it is written. */
    private final class Batch {

        final String schema;
        final Map<List<Object>, long[]> counters = new LinkedHashMap<>();
        final Map<UUID, LeadRow> leads = new HashMap<>();
        final Map<UUID, LoopRow> loops = new HashMap<>();
        final Map<String, PersonChanged> people = new LinkedHashMap<>();
        final Map<String, TeamChanged> teams = new LinkedHashMap<>();
        final List<Object[]> acks = new ArrayList<>();
        final List<EvidenceRecorded> evidence = new ArrayList<>();
        final Map<List<Object>, ClaimSubmitted> claims = new LinkedHashMap<>();
        final Map<List<Object>, BigDecimal> wonValues = new LinkedHashMap<>();
        final Set<List<Object>> rematch = new LinkedHashSet<>();

        Batch(String schema) {
            this.schema = schema;
        }

        void add(String personId, Instant at, Counter counter, long delta) {
            if (personId == null || delta == 0) {
                return;
            }
            counters.computeIfAbsent(List.of(personId, day(at)), k -> new long[Counter.values().length])[counter.ordinal()] += delta;
        }

        LeadRow lead(UUID id) {
            return leads.computeIfAbsent(id, LeadRow::new);
        }

        LoopRow loop(UUID id, String kind, String initiatorId, Instant openedAt) {
            LoopRow row = loops.computeIfAbsent(id, LoopRow::new);
            // A loop event read before its opening (not in one partition, but cheap to survive) keeps what it knows,
            // so the row is the same however the events were batched.
            row.kind = row.kind == null ? kind : row.kind;
            row.initiatorId = row.initiatorId == null ? initiatorId : row.initiatorId;
            row.openedAt = row.openedAt == null ? micros(openedAt) : row.openedAt;
            return row;
        }

        void flush(Connection c) throws SQLException {
            flushPeopleAndTeams(c);
            flushLeads(c);
            flushAcks(c);
            flushLoops(c);
            flushEvidence(c);
            flushClaims(c);
            flushCounters(c);
            flushWonValues(c);
            rematch(c);
        }

        private void flushPeopleAndTeams(Connection c) throws SQLException {
            if (!people.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".person (id, name, team_id, manager_id, agent, active, changed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, team_id = excluded.team_id, "
                        + "manager_id = excluded.manager_id, agent = excluded.agent, active = excluded.active, "
                        + "changed_at = excluded.changed_at WHERE person.changed_at <= excluded.changed_at")) {
                    for (PersonChanged p : people.values()) {
                        s.setString(1, p.personId());
                        s.setString(2, p.name());
                        s.setString(3, p.teamId());
                        s.setString(4, p.managerId());
                        s.setBoolean(5, p.roles().stream().anyMatch("agent"::equalsIgnoreCase));
                        s.setBoolean(6, p.active());
                        s.setTimestamp(7, Timestamp.from(micros(p.changedAt())));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!teams.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".team (id, name, manager_id, changed_at) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, manager_id = excluded.manager_id, "
                        + "changed_at = excluded.changed_at WHERE team.changed_at <= excluded.changed_at")) {
                    for (TeamChanged t : teams.values()) {
                        s.setString(1, t.teamId());
                        s.setString(2, t.name());
                        s.setString(3, t.managerId());
                        s.setTimestamp(4, Timestamp.from(micros(t.changedAt())));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
        }

        private void flushLeads(Connection c) throws SQLException {
            List<LeadRow> changed = leads.values().stream().filter(r -> r.changed).toList();
            if (changed.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".lead_fact (" + LeadRow.COLUMNS + ") VALUES ("
                    + "?,".repeat(LeadRow.COUNT - 1) + "?) ON CONFLICT (lead_id) DO UPDATE SET " + LeadRow.UPDATES)) {
                for (LeadRow row : changed) {
                    row.bind(s);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        private void flushAcks(Connection c) throws SQLException {
            if (acks.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".ack_fact (lead_id, acknowledged_at, owner_id, "
                    + "team_id, source, seconds) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Object[] a : acks) {
                    s.setObject(1, a[0]);
                    s.setTimestamp(2, Timestamp.from((Instant) a[1]));
                    s.setString(3, (String) a[2]);
                    s.setString(4, (String) a[3]);
                    s.setString(5, (String) a[4]);
                    s.setLong(6, (Long) a[5]);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        private void flushLoops(Connection c) throws SQLException {
            List<LoopRow> changed = loops.values().stream().filter(r -> r.changed).toList();
            if (changed.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".loop_fact (" + LoopRow.COLUMNS + ") VALUES ("
                    + "?,".repeat(LoopRow.COUNT - 1) + "?) ON CONFLICT (loop_id) DO UPDATE SET " + LoopRow.UPDATES)) {
                for (LoopRow row : changed) {
                    row.bind(s);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        /** New evidence counts once: the verified counters and the matching move only for rows actually inserted. */
        private void flushEvidence(Connection c) throws SQLException {
            if (evidence.isEmpty()) {
                return;
            }
            int n = evidence.size();
            String[] sources = new String[n];
            String[] ids = new String[n];
            String[] people = new String[n];
            String[] customers = new String[n];
            String[] kinds = new String[n];
            String[] methods = new String[n];
            Timestamp[] times = new Timestamp[n];
            Integer[] durations = new Integer[n];
            Integer[] distances = new Integer[n];
            Boolean[] counts = new Boolean[n];
            Map<List<String>, EvidenceRecorded> byKey = new HashMap<>();
            for (int i = 0; i < n; i++) {
                EvidenceRecorded e = evidence.get(i);
                sources[i] = e.source();
                ids[i] = e.externalId();
                people[i] = e.personId();
                customers[i] = e.customerRef();
                kinds[i] = e.kind().name();
                methods[i] = e.method().name();
                times[i] = Timestamp.from(e.occurredAt());
                durations[i] = e.durationSeconds();
                distances[i] = e.distanceMeters();
                counts[i] = EvidenceRules.counts(e, config.matching().minCallSeconds(), config.matching().maxVisitDistanceMeters());
                byKey.putIfAbsent(List.of(e.source(), e.externalId()), e);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".evidence (source, external_id, person_id, "
                    + "customer_ref, kind, method, occurred_at, duration_seconds, distance_meters, counts) "
                    + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], "
                    + "?::int[], ?::int[], ?::boolean[]) ON CONFLICT DO NOTHING RETURNING source, external_id, counts")) {
                s.setArray(1, c.createArrayOf("text", sources));
                s.setArray(2, c.createArrayOf("text", ids));
                s.setArray(3, c.createArrayOf("text", people));
                s.setArray(4, c.createArrayOf("text", customers));
                s.setArray(5, c.createArrayOf("text", kinds));
                s.setArray(6, c.createArrayOf("text", methods));
                s.setArray(7, c.createArrayOf("timestamptz", times));
                s.setArray(8, c.createArrayOf("int4", durations));
                s.setArray(9, c.createArrayOf("int4", distances));
                s.setArray(10, c.createArrayOf("bool", counts));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getBoolean(3)) {
                            continue;
                        }
                        EvidenceRecorded e = byKey.get(List.of(rs.getString(1), rs.getString(2)));
                        add(e.personId(), e.occurredAt(), switch (e.kind()) {
                            case CALL -> Counter.VERIFIED_CALLS;
                            case VISIT -> Counter.VERIFIED_VISITS;
                            case MEETING -> Counter.VERIFIED_MEETINGS;
                            case ECHO -> Counter.VERIFIED_ECHOES;
                            case OUTCOME -> Counter.VERIFIED_OUTCOMES;
                        }, 1);
                        // Every day with claims this evidence may back: those within the window of it.
                        Duration window = config.matching().window();
                        LocalDate last = day(e.occurredAt().plus(window));
                        for (LocalDate d = day(e.occurredAt().minus(window)); !d.isAfter(last); d = d.plusDays(1)) {
                            rematch.add(List.of(e.personId(), d));
                        }
                    }
                }
            }
        }

        /** A newer version of a day's claim replaces the claimed figures and contacts, then the day is matched again. */
        private void flushClaims(Connection c) throws SQLException {
            for (ClaimSubmitted claim : claims.values()) {
                boolean newer;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".person_day (person_id, day, claim_version, "
                        + "claimed_calls, claimed_visits, claimed_meetings, claimed_hours, claimed_overtime, claimed_contacts) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, day) DO UPDATE SET claim_version = excluded.claim_version, "
                        + "claimed_calls = excluded.claimed_calls, claimed_visits = excluded.claimed_visits, "
                        + "claimed_meetings = excluded.claimed_meetings, claimed_hours = excluded.claimed_hours, "
                        + "claimed_overtime = excluded.claimed_overtime, claimed_contacts = excluded.claimed_contacts "
                        + "WHERE person_day.claim_version < excluded.claim_version RETURNING 1")) {
                    s.setString(1, claim.personId());
                    s.setDate(2, Date.valueOf(claim.day()));
                    s.setInt(3, claim.version());
                    s.setInt(4, claim.calls());
                    s.setInt(5, claim.visits());
                    s.setInt(6, claim.meetings());
                    s.setBigDecimal(7, claim.hoursWorked());
                    s.setBigDecimal(8, claim.overtimeHours());
                    s.setInt(9, claim.contacts().size());
                    try (ResultSet rs = s.executeQuery()) {
                        newer = rs.next();
                    }
                }
                if (!newer) {
                    continue;
                }
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + schema + ".claim_contact WHERE person_id = ? AND day = ?")) {
                    delete.setString(1, claim.personId());
                    delete.setDate(2, Date.valueOf(claim.day()));
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".claim_contact (person_id, day, seq, "
                        + "customer_ref, kind, at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    int seq = 0;
                    for (ClaimedContact contact : claim.contacts()) {
                        insert.setString(1, claim.personId());
                        insert.setDate(2, Date.valueOf(claim.day()));
                        insert.setInt(3, seq++);
                        insert.setString(4, contact.customerRef());
                        insert.setString(5, contact.kind().name());
                        insert.setTimestamp(6, Timestamp.from(contact.at()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                rematch.add(List.of(claim.personId(), claim.day()));
            }
        }

        private void flushCounters(Connection c) throws SQLException {
            if (counters.isEmpty()) {
                return;
            }
            String columns = Arrays.stream(Counter.values()).map(Counter::column).collect(Collectors.joining(", "));
            String updates = Arrays.stream(Counter.values())
                    .map(k -> k.column() + " = person_day." + k.column() + " + excluded." + k.column())
                    .collect(Collectors.joining(", "));
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".person_day (person_id, day, " + columns
                    + ") VALUES (?, ?" + ", ?".repeat(Counter.values().length) + ") ON CONFLICT (person_id, day) DO UPDATE SET " + updates)) {
                for (Map.Entry<List<Object>, long[]> entry : counters.entrySet()) {
                    s.setString(1, (String) entry.getKey().get(0));
                    s.setDate(2, Date.valueOf((LocalDate) entry.getKey().get(1)));
                    long[] deltas = entry.getValue();
                    for (int i = 0; i < deltas.length; i++) {
                        s.setLong(3 + i, deltas[i]);
                    }
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        private void flushWonValues(Connection c) throws SQLException {
            if (wonValues.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".won_value (person_id, day, currency, amount) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (person_id, day, currency) DO UPDATE SET amount = won_value.amount + excluded.amount")) {
                for (Map.Entry<List<Object>, BigDecimal> entry : wonValues.entrySet()) {
                    s.setString(1, (String) entry.getKey().get(0));
                    s.setDate(2, Date.valueOf((LocalDate) entry.getKey().get(1)));
                    s.setString(3, (String) entry.getKey().get(2));
                    s.setBigDecimal(4, entry.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        /** Matches each touched day's claimed contacts against the person's evidence again (see {@link Matcher}). */
        /**
         * The days to match again that have claimed contacts at all, in one statement: evidence arrives for every day
         * of everyone, claims for few, and asking day by day cost a query per piece of evidence (the replay benchmark
         * spent most of its time there).
         */
        private List<List<Object>> withClaims(Connection c) throws SQLException {
            if (rematch.isEmpty()) {
                return List.of();
            }
            String[] people = new String[rematch.size()];
            Date[] days = new Date[rematch.size()];
            int i = 0;
            for (List<Object> key : rematch) {
                people[i] = (String) key.get(0);
                days[i] = Date.valueOf((LocalDate) key.get(1));
                i++;
            }
            Set<List<Object>> claimed = new java.util.HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT k.person_id, k.day FROM unnest(?::text[], ?::date[]) "
                    + "AS k(person_id, day) WHERE EXISTS (SELECT 1 FROM " + schema + ".claim_contact cc "
                    + "WHERE cc.person_id = k.person_id AND cc.day = k.day)")) {
                s.setArray(1, c.createArrayOf("text", people));
                s.setArray(2, c.createArrayOf("date", days));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(List.of(rs.getString(1), rs.getDate(2).toLocalDate()));
                    }
                }
            }
            return rematch.stream().filter(claimed::contains).toList();
        }

        private void rematch(Connection c) throws SQLException {
            Duration window = config.matching().window();
            for (List<Object> key : withClaims(c)) {
                String person = (String) key.get(0);
                LocalDate day = (LocalDate) key.get(1);
                List<Matcher.Claim> claimed = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT seq, customer_ref, kind, at FROM " + schema
                        + ".claim_contact WHERE person_id = ? AND day = ?")) {
                    s.setString(1, person);
                    s.setDate(2, Date.valueOf(day));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            claimed.add(new Matcher.Claim(rs.getInt(1), rs.getString(2), ActivityKind.valueOf(rs.getString(3)),
                                    rs.getTimestamp(4).toInstant()));
                        }
                    }
                }
                if (claimed.isEmpty()) {
                    continue;
                }
                Instant from = claimed.stream().map(Matcher.Claim::at).min(Instant::compareTo).orElseThrow().minus(window);
                Instant to = claimed.stream().map(Matcher.Claim::at).max(Instant::compareTo).orElseThrow().plus(window);
                List<Matcher.Evidence> found = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT source, external_id, customer_ref, kind, occurred_at FROM "
                        + schema + ".evidence WHERE person_id = ? AND occurred_at BETWEEN ? AND ? AND counts")) {
                    s.setString(1, person);
                    s.setTimestamp(2, Timestamp.from(from));
                    s.setTimestamp(3, Timestamp.from(to));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            found.add(new Matcher.Evidence(rs.getString(1), rs.getString(2), rs.getString(3),
                                    ActivityKind.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant()));
                        }
                    }
                }
                Map<Integer, Matcher.Evidence> matches = Matcher.match(claimed, found, window);
                try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".claim_contact SET matched_source = ?, "
                        + "matched_id = ? WHERE person_id = ? AND day = ? AND seq = ?")) {
                    for (Matcher.Claim claim : claimed) {
                        Matcher.Evidence e = matches.get(claim.seq());
                        s.setString(1, e == null ? null : e.source());
                        s.setString(2, e == null ? null : e.externalId());
                        s.setString(3, person);
                        s.setDate(4, Date.valueOf(day));
                        s.setInt(5, claim.seq());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".person_day SET matched_contacts = ? "
                        + "WHERE person_id = ? AND day = ?")) {
                    s.setInt(1, matches.size());
                    s.setString(2, person);
                    s.setDate(3, Date.valueOf(day));
                    s.executeUpdate();
                }
            }
        }
    }

    private static Map<UUID, LeadRow> loadLeads(Connection c, String schema, Set<UUID> ids) throws SQLException {
        Map<UUID, LeadRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + LeadRow.COLUMNS + " FROM " + schema
                + ".lead_fact WHERE lead_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LeadRow row = LeadRow.read(rs);
                    rows.put(row.leadId, row);
                }
            }
        }
        return rows;
    }

    private static Map<UUID, LoopRow> loadLoops(Connection c, String schema, Set<UUID> ids) throws SQLException {
        Map<UUID, LoopRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + LoopRow.COLUMNS + " FROM " + schema
                + ".loop_fact WHERE loop_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LoopRow row = LoopRow.read(rs);
                    rows.put(row.loopId, row);
                }
            }
        }
        return rows;
    }

    private static EventType<?> typeOf(String type) {
        return EventCatalog.byType(type).orElseThrow(() -> new IllegalArgumentException("Unknown event type " + type));
    }

    private static UUID leadIdOf(Object d) {
        return switch (d) {
            case LeadReceived e -> e.leadId();
            case LeadAssigned e -> e.leadId();
            case LeadQueued e -> e.leadId();
            case LeadAcknowledged e -> e.leadId();
            case ContactAttempted e -> e.leadId();
            case MeetingScheduled e -> e.leadId();
            case MeetingHeld e -> e.leadId();
            case MeetingNoShow e -> e.leadId();
            case LeadWon e -> e.leadId();
            case LeadLost e -> e.leadId();
            case SlaEscalated e -> e.leadId();
            default -> null;
        };
    }

    private static UUID loopIdOf(Object d) {
        return switch (d) {
            case LoopOpened e -> e.loopId();
            case LoopReceiptRecorded e -> e.loopId();
            case LoopEchoed e -> e.loopId();
            case LoopOverdue e -> e.loopId();
            case LoopClosed e -> e.loopId();
            case LoopConfirmed e -> e.loopId();
            default -> null;
        };
    }

    /** A row of {@code lead_fact}, edited in memory during a batch. */
    static final class LeadRow {
        static final String COLUMNS = "lead_id, source, referrer_id, customer_ref, owner_id, team_id, received_at, assigned_at, "
                + "acknowledged_at, ack_seconds, first_contact_at, first_contact_seconds, first_contact_by, status, closed_at, loss_reason, "
                + "urgency_claimed, urgency_statement, urgency_demanded_by, meetings_scheduled, meetings_held, no_shows, "
                + "first_meeting_held_at, contacts_reached, overdue";
        static final int COUNT = COLUMNS.split(",").length;
        static final String UPDATES = Arrays.stream(COLUMNS.split(",")).map(String::strip).filter(col -> !col.equals("lead_id"))
                .map(col -> col + " = excluded." + col).collect(Collectors.joining(", "));

        final UUID leadId;
        String source;
        String referrerId;
        String customerRef;
        String ownerId;
        String teamId;
        Instant receivedAt;
        Instant assignedAt;
        Instant acknowledgedAt;
        Long ackSeconds;
        Instant firstContactAt;
        Long firstContactSeconds;
        String firstContactBy;
        String status = "NEW";
        Instant closedAt;
        String lossReason;
        boolean urgencyClaimed;
        String urgencyStatement;
        Instant urgencyDemandedBy;
        int meetingsScheduled;
        int meetingsHeld;
        int noShows;
        Instant firstMeetingHeldAt;
        int contactsReached;
        boolean overdue;
        boolean changed;

        LeadRow(UUID leadId) {
            this.leadId = leadId;
        }

        static LeadRow read(ResultSet rs) throws SQLException {
            LeadRow r = new LeadRow(rs.getObject(1, UUID.class));
            r.source = rs.getString(2);
            r.referrerId = rs.getString(3);
            r.customerRef = rs.getString(4);
            r.ownerId = rs.getString(5);
            r.teamId = rs.getString(6);
            r.receivedAt = instant(rs, 7);
            r.assignedAt = instant(rs, 8);
            r.acknowledgedAt = instant(rs, 9);
            r.ackSeconds = (Long) rs.getObject(10);
            r.firstContactAt = instant(rs, 11);
            r.firstContactSeconds = (Long) rs.getObject(12);
            r.firstContactBy = rs.getString(13);
            r.status = rs.getString(14);
            r.closedAt = instant(rs, 15);
            r.lossReason = rs.getString(16);
            r.urgencyClaimed = rs.getBoolean(17);
            r.urgencyStatement = rs.getString(18);
            r.urgencyDemandedBy = instant(rs, 19);
            r.meetingsScheduled = rs.getInt(20);
            r.meetingsHeld = rs.getInt(21);
            r.noShows = rs.getInt(22);
            r.firstMeetingHeldAt = instant(rs, 23);
            r.contactsReached = rs.getInt(24);
            r.overdue = rs.getBoolean(25);
            return r;
        }

        void bind(PreparedStatement s) throws SQLException {
            s.setObject(1, leadId);
            s.setString(2, source);
            s.setString(3, referrerId);
            s.setString(4, customerRef);
            s.setString(5, ownerId);
            s.setString(6, teamId);
            timestamp(s, 7, receivedAt);
            timestamp(s, 8, assignedAt);
            timestamp(s, 9, acknowledgedAt);
            longOrNull(s, 10, ackSeconds);
            timestamp(s, 11, firstContactAt);
            longOrNull(s, 12, firstContactSeconds);
            s.setString(13, firstContactBy);
            s.setString(14, status);
            timestamp(s, 15, closedAt);
            s.setString(16, lossReason);
            s.setBoolean(17, urgencyClaimed);
            s.setString(18, urgencyStatement);
            timestamp(s, 19, urgencyDemandedBy);
            s.setInt(20, meetingsScheduled);
            s.setInt(21, meetingsHeld);
            s.setInt(22, noShows);
            timestamp(s, 23, firstMeetingHeldAt);
            s.setInt(24, contactsReached);
            s.setBoolean(25, overdue);
        }
    }

    /** A row of {@code loop_fact}, edited in memory during a batch. */
    static final class LoopRow {
        static final String COLUMNS = "loop_id, kind, initiator_id, owner_id, team_id, lead_id, opened_at, receipt_at, "
                + "receipt_seconds, receipt_late, echoes, late_echoes, overdue, closed_at, confirmed_at";
        static final int COUNT = COLUMNS.split(",").length;
        static final String UPDATES = Arrays.stream(COLUMNS.split(",")).map(String::strip).filter(col -> !col.equals("loop_id"))
                .map(col -> col + " = excluded." + col).collect(Collectors.joining(", "));

        final UUID loopId;
        String kind;
        String initiatorId;
        String ownerId;
        String teamId;
        UUID leadId;
        Instant openedAt;
        Instant receiptAt;
        Long receiptSeconds;
        Boolean receiptLate;
        int echoes;
        int lateEchoes;
        int overdue;
        Instant closedAt;
        Instant confirmedAt;
        boolean changed;

        LoopRow(UUID loopId) {
            this.loopId = loopId;
        }

        static LoopRow read(ResultSet rs) throws SQLException {
            LoopRow r = new LoopRow(rs.getObject(1, UUID.class));
            r.kind = rs.getString(2);
            r.initiatorId = rs.getString(3);
            r.ownerId = rs.getString(4);
            r.teamId = rs.getString(5);
            r.leadId = rs.getObject(6, UUID.class);
            r.openedAt = instant(rs, 7);
            r.receiptAt = instant(rs, 8);
            r.receiptSeconds = (Long) rs.getObject(9);
            r.receiptLate = (Boolean) rs.getObject(10);
            r.echoes = rs.getInt(11);
            r.lateEchoes = rs.getInt(12);
            r.overdue = rs.getInt(13);
            r.closedAt = instant(rs, 14);
            r.confirmedAt = instant(rs, 15);
            return r;
        }

        void bind(PreparedStatement s) throws SQLException {
            s.setObject(1, loopId);
            s.setString(2, kind);
            s.setString(3, initiatorId);
            s.setString(4, ownerId);
            s.setString(5, teamId);
            s.setObject(6, leadId);
            timestamp(s, 7, openedAt);
            timestamp(s, 8, receiptAt);
            longOrNull(s, 9, receiptSeconds);
            if (receiptLate == null) {
                s.setNull(10, Types.BOOLEAN);
            } else {
                s.setBoolean(10, receiptLate);
            }
            s.setInt(11, echoes);
            s.setInt(12, lateEchoes);
            s.setInt(13, overdue);
            timestamp(s, 14, closedAt);
            timestamp(s, 15, confirmedAt);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void timestamp(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static void longOrNull(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
