package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.loop.LoopConfirmed;
import io.closedloop.events.loop.LoopEchoed;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.Activities;
import io.closedloop.reporting.evidence.ActivityRecord;
import io.closedloop.reporting.evidence.ActivityRecords;
import io.closedloop.reporting.evidence.EvidenceSources;
import io.closedloop.reporting.evidence.Trust;
import io.closedloop.reporting.projection.PersonDayCounters.Counter;

/**
 * Read model {@code evidence}: every record of a call, visit, meeting, echo or outcome, from integrators and derived
 * from the services' events ({@link ActivityRecords}), each with its {@link Trust}; grouped into activities
 * ({@link Activities}) so that one activity counts once. Each record says what it counts for (the first verified or
 * logged record of its activity, a confirmed win); a batch regroups the activities its new records touch and moves the
 * logged, verified and confirmed-win counters of {@code person_day} by what changed, so the figures depend only on the
 * set of records, never on the order or batching they arrived in. Days whose verified activities changed have their
 * claimed contacts matched again.
 */
final class EvidenceProjection implements Projection {

    static final Set<EventType<?>> CONSUMES = Set.of(EventCatalog.EVIDENCE_RECORDED, EventCatalog.CONTACT_ATTEMPTED,
            EventCatalog.MEETING_HELD, EventCatalog.LEAD_WON, EventCatalog.LEAD_LOST, EventCatalog.LOOP_ECHOED,
            EventCatalog.LOOP_CONFIRMED);

    /** The columns of an evidence row that hold the record itself, in {@link ActivityRecord}'s order. */
    static final String RECORD_COLUMNS = "source, external_id, person_id, customer_ref, kind, method, occurred_at, "
            + "duration_seconds, distance_meters, counts, trust, recorded_by, outcome";
    /** The record and what it counts for. */
    private static final String COLUMNS = RECORD_COLUMNS + ", first_verified, first_logged, won_confirmed";

    private record Key(String source, String externalId) {
    }

    private record Group(String personId, String customerRef, ActivityKind kind) {
    }

    /** A stored record: what grouping needs, and what it counted for when last grouped. */
    private record Stored(ActivityRecord record, Activities.Counts counted) {
    }

    private final EvidenceSources sources;
    private final Map<Key, ActivityRecord> received = new LinkedHashMap<>();

    EvidenceProjection(EvidenceSources sources) {
        this.sources = sources;
    }

    @Override
    public void apply(ProjectionBatch b, Event event) {
        derive(b.config, sources, event, this::add);
    }

    /**
     * The activity records an event of a type this model consumes stands for (none, one or several).
     *
     * @throws io.closedloop.platform.inbox.PoisonEventException for evidence its integrator may not file
     */
    static void derive(ReportingConfig config, EvidenceSources sources, Event event, Consumer<ActivityRecord> into) {
        switch (event.data()) {
            case EvidenceRecorded e -> into.accept(integrator(config, sources, event.incoming().source(), e));
            case ContactAttempted e -> ActivityRecords.contact(e).ifPresent(into);
            case MeetingHeld e -> into.accept(ActivityRecords.meeting(e));
            case LeadWon e -> into.accept(ActivityRecords.outcome(e));
            case LeadLost e -> into.accept(ActivityRecords.outcome(e));
            case LoopEchoed e -> ActivityRecords.echo(e).ifPresent(into);
            case LoopConfirmed e -> ActivityRecords.confirmation(e).forEach(into);
            default -> throw new IllegalArgumentException("Not an evidence event: " + event.data());
        }
    }

    /** The record of evidence an integrator gave, carried by an event from {@code eventSource}. */
    static ActivityRecord integrator(ReportingConfig config, EvidenceSources sources, String eventSource, EvidenceRecorded e) {
        EvidenceSources.Accepted accepted = sources.accept(eventSource, e);
        return ActivityRecords.integrator(e, accepted.source(), accepted.integrator(), config.matching().minCallSeconds(),
                config.matching().maxVisitDistanceMeters());
    }

    /** The first copy of a record counts; copies (the same source and id) change nothing. */
    private void add(ActivityRecord record) {
        received.putIfAbsent(new Key(record.source(), record.externalId()), record);
    }

    @Override
    public void flush(Connection c, ProjectionBatch b) throws SQLException {
        if (received.isEmpty()) {
            return;
        }
        b.lockPeople(c, received.values().stream().map(ActivityRecord::personId).toList());
        Map<Key, Stored> stored = load(c, b.schema);
        List<ActivityRecord> fresh = received.entrySet().stream().filter(e -> !stored.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<Group, List<ActivityRecord>> groups = new LinkedHashMap<>();
        for (Stored s : stored.values()) {
            if (s.record().meetsStandard()) {
                groups.computeIfAbsent(group(s.record()), g -> new ArrayList<>()).add(s.record());
            }
        }
        Set<Group> touched = new LinkedHashSet<>();
        for (ActivityRecord r : fresh) {
            if (r.meetsStandard()) {
                groups.computeIfAbsent(group(r), g -> new ArrayList<>()).add(r);
                touched.add(group(r));
            }
        }
        Map<Key, Activities.Counts> counts = new HashMap<>();
        for (Group g : touched) {
            List<ActivityRecord> records = groups.get(g);
            Map<String, Activities.Counts> grouped = Activities.group(records.stream().map(EvidenceProjection::member).toList(),
                    window(b.config, g.kind()));
            for (ActivityRecord r : records) {
                counts.put(new Key(r.source(), r.externalId()), grouped.get(member(r).key()));
            }
        }
        List<ActivityRecord> changed = new ArrayList<>();
        List<Activities.Counts> changedCounts = new ArrayList<>();
        for (Map.Entry<Key, Activities.Counts> entry : counts.entrySet()) {
            Stored before = stored.get(entry.getKey());
            ActivityRecord record = before != null ? before.record() : received.get(entry.getKey());
            Activities.Counts was = before != null ? before.counted() : Activities.Counts.NONE;
            Activities.Counts now = entry.getValue();
            if (!was.equals(now)) {
                countChange(b, record, was, now);
                if (before != null) {
                    changed.add(record);
                    changedCounts.add(now);
                }
            }
        }
        insert(c, b.schema, fresh, counts);
        update(c, b.schema, changed, changedCounts);
    }

    /** Moves the person-day counters by what a record now counts for instead of what it did. */
    private static void countChange(ProjectionBatch b, ActivityRecord r, Activities.Counts was, Activities.Counts now) {
        LocalDate day = b.day(r.occurredAt());
        int verified = (now.firstVerified() ? 1 : 0) - (was.firstVerified() ? 1 : 0);
        int logged = (now.firstLogged() ? 1 : 0) - (was.firstLogged() ? 1 : 0);
        int won = (now.wonConfirmed() ? 1 : 0) - (was.wonConfirmed() ? 1 : 0);
        b.counters.add(r.personId(), day, verifiedCounter(r.kind()), verified);
        b.counters.add(r.personId(), day, loggedCounter(r.kind()), logged);
        b.counters.add(r.personId(), day, Counter.WON_CONFIRMED, won);
        if (verified != 0 && (r.kind() == ActivityKind.CALL || r.kind() == ActivityKind.VISIT || r.kind() == ActivityKind.MEETING)) {
            // Every day with claims this activity may back: those within the window of it.
            Duration window = b.config.matching().window();
            LocalDate last = b.day(r.occurredAt().plus(window));
            for (LocalDate d = b.day(r.occurredAt().minus(window)); !d.isAfter(last); d = d.plusDays(1)) {
                b.rematch.add(new ProjectionBatch.PersonDay(r.personId(), d));
            }
        }
    }

    /** The person-day counter of the activities of a kind someone independent confirmed. */
    static Counter verifiedCounter(ActivityKind kind) {
        return switch (kind) {
            case CALL -> Counter.VERIFIED_CALLS;
            case VISIT -> Counter.VERIFIED_VISITS;
            case MEETING -> Counter.VERIFIED_MEETINGS;
            case ECHO -> Counter.VERIFIED_ECHOES;
            case OUTCOME -> Counter.VERIFIED_OUTCOMES;
        };
    }

    /** The person-day counter of the activities of a kind the person recorded themselves. */
    static Counter loggedCounter(ActivityKind kind) {
        return switch (kind) {
            case CALL -> Counter.LOGGED_CALLS;
            case VISIT -> Counter.LOGGED_VISITS;
            case MEETING -> Counter.LOGGED_MEETINGS;
            case ECHO -> Counter.LOGGED_ECHOES;
            case OUTCOME -> Counter.LOGGED_OUTCOMES;
        };
    }

    /** How far apart records of one activity may be: outcomes and echoes are reported later than calls are logged. */
    static Duration window(ReportingConfig config, ActivityKind kind) {
        return kind == ActivityKind.OUTCOME || kind == ActivityKind.ECHO ? config.matching().outcomeWindow()
                : config.matching().window();
    }

    private static Group group(ActivityRecord r) {
        return new Group(r.personId(), r.customerRef(), r.kind());
    }

    private static Activities.Member member(ActivityRecord r) {
        return new Activities.Member(r.source(), r.externalId(), r.occurredAt(), r.trust(), r.won());
    }

    /** The stored records of every group the batch touches, and any stored record with a received one's key. */
    private Map<Key, Stored> load(Connection c, String schema) throws SQLException {
        Set<Group> groups = new LinkedHashSet<>();
        received.values().forEach(r -> groups.add(group(r)));
        int n = groups.size();
        String[] people = new String[n];
        String[] customers = new String[n];
        String[] kinds = new String[n];
        int i = 0;
        for (Group g : groups) {
            people[i] = g.personId();
            customers[i] = g.customerRef();
            kinds[i] = g.kind().name();
            i++;
        }
        String[] keySources = received.keySet().stream().map(Key::source).toArray(String[]::new);
        String[] keyIds = received.keySet().stream().map(Key::externalId).toArray(String[]::new);
        Map<Key, Stored> stored = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + schema + ".evidence e "
                + "WHERE (e.person_id, e.customer_ref, e.kind) IN (SELECT * FROM unnest(?::text[], ?::text[], ?::text[])) "
                + "UNION SELECT " + COLUMNS + " FROM " + schema + ".evidence e "
                + "WHERE (e.source, e.external_id) IN (SELECT * FROM unnest(?::text[], ?::text[]))")) {
            s.setArray(1, c.createArrayOf("text", people));
            s.setArray(2, c.createArrayOf("text", customers));
            s.setArray(3, c.createArrayOf("text", kinds));
            s.setArray(4, c.createArrayOf("text", keySources));
            s.setArray(5, c.createArrayOf("text", keyIds));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ActivityRecord record = new ActivityRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), ActivityKind.valueOf(rs.getString(5)), rs.getString(6),
                            rs.getTimestamp(7).toInstant(), (Integer) rs.getObject(8), (Integer) rs.getObject(9),
                            rs.getBoolean(10), Trust.valueOf(rs.getString(11)), rs.getString(12), rs.getString(13));
                    stored.put(new Key(record.source(), record.externalId()), new Stored(record,
                            new Activities.Counts(rs.getBoolean(14), rs.getBoolean(15), rs.getBoolean(16))));
                }
            }
        }
        return stored;
    }

    private static void insert(Connection c, String schema, List<ActivityRecord> fresh, Map<Key, Activities.Counts> counts)
            throws SQLException {
        int n = fresh.size();
        String[][] text = new String[9][n];
        Timestamp[] times = new Timestamp[n];
        Integer[] durations = new Integer[n];
        Integer[] distances = new Integer[n];
        Boolean[][] flags = new Boolean[4][n];
        for (int i = 0; i < n; i++) {
            ActivityRecord r = fresh.get(i);
            Activities.Counts counted = counts.getOrDefault(new Key(r.source(), r.externalId()), Activities.Counts.NONE);
            text[0][i] = r.source();
            text[1][i] = r.externalId();
            text[2][i] = r.personId();
            text[3][i] = r.customerRef();
            text[4][i] = r.kind().name();
            text[5][i] = r.method();
            text[6][i] = r.trust().name();
            text[7][i] = r.recordedBy();
            text[8][i] = r.outcome();
            times[i] = Timestamp.from(Jdbc.micros(r.occurredAt()));
            durations[i] = r.durationSeconds();
            distances[i] = r.distanceMeters();
            flags[0][i] = r.meetsStandard();
            flags[1][i] = counted.firstVerified();
            flags[2][i] = counted.firstLogged();
            flags[3][i] = counted.wonConfirmed();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".evidence (source, external_id, person_id, "
                + "customer_ref, kind, method, trust, recorded_by, outcome, occurred_at, duration_seconds, distance_meters, "
                + "counts, first_verified, first_logged, won_confirmed) SELECT * FROM unnest(?::text[], ?::text[], ?::text[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::int[], "
                + "?::boolean[], ?::boolean[], ?::boolean[], ?::boolean[]) ON CONFLICT DO NOTHING")) {
            int p = 1;
            for (String[] column : text) {
                s.setArray(p++, c.createArrayOf("text", column));
            }
            s.setArray(p++, c.createArrayOf("timestamptz", times));
            s.setArray(p++, c.createArrayOf("int4", durations));
            s.setArray(p++, c.createArrayOf("int4", distances));
            for (Boolean[] column : flags) {
                s.setArray(p++, c.createArrayOf("bool", column));
            }
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String schema, List<ActivityRecord> changed, List<Activities.Counts> counts)
            throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".evidence e SET first_verified = u.fv, "
                + "first_logged = u.fl, won_confirmed = u.wc FROM unnest(?::text[], ?::text[], ?::boolean[], ?::boolean[], "
                + "?::boolean[]) AS u(source, external_id, fv, fl, wc) WHERE e.source = u.source AND e.external_id = u.external_id")) {
            s.setArray(1, c.createArrayOf("text", changed.stream().map(ActivityRecord::source).toArray(String[]::new)));
            s.setArray(2, c.createArrayOf("text", changed.stream().map(ActivityRecord::externalId).toArray(String[]::new)));
            s.setArray(3, c.createArrayOf("bool", counts.stream().map(Activities.Counts::firstVerified).toArray(Boolean[]::new)));
            s.setArray(4, c.createArrayOf("bool", counts.stream().map(Activities.Counts::firstLogged).toArray(Boolean[]::new)));
            s.setArray(5, c.createArrayOf("bool", counts.stream().map(Activities.Counts::wonConfirmed).toArray(Boolean[]::new)));
            s.executeUpdate();
        }
    }
}
