package io.closedloop.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;

import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.WireInstants;
import io.closedloop.platform.inbox.EventDecoder;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.platform.inbox.PoisonEventException;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.Activities;
import io.closedloop.reporting.evidence.ActivityRecord;
import io.closedloop.reporting.evidence.EvidenceSources;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The first half of a rebuild's evidence: every activity record, as it is read from the topics, streamed with
 * {@code COPY} into an unlogged table of the fresh schema, {@code evidence_load}, numbered in the order read. Nothing
 * is read back and nothing is recorded per event: a record is idempotent by its source and id (the first copy counts,
 * see {@link BulkEvidence}), so a redelivered event needs no inbox row. PostgreSQL takes in one buffer while the next
 * is decoded ({@link CopyText}). Each row says whether its key may have been staged before ({@link SeenKeys}): only
 * those rows' keys can have more than one copy. Events only the evidence model reads are staged here directly
 * ({@link #stage}); the evidence in events other models read too reaches {@link #add} from the projector
 * ({@link ReadModelProjector#stagingEvidence}).
 */
final class EvidenceStaging {

    static final String TABLE = "evidence_load";
    static final String COLUMNS = "seq, day, repeated, " + EvidenceProjection.RECORD_COLUMNS
            + ", first_verified, first_logged, won_confirmed";
    private static final int FLUSH_CHARS = 64 * 1024;

    private final ReportingConfig config;
    private final EvidenceSources sources;
    private final DayText days;
    private final CopyText rows;
    private final SeenKeys seen;
    private long staged;
    private long repeated;
    private long skipped;

    private EvidenceStaging(ReportingConfig config, EvidenceSources sources, CopyText rows, long expected) {
        this.config = config;
        this.sources = sources;
        this.days = new DayText(ZoneId.of(config.timeZone()));
        this.rows = rows;
        this.seen = new SeenKeys(expected);
    }

    /**
     * Creates the staging table in {@code schema} and opens the stream into it, on {@code c} (kept for it alone), for
     * about {@code expected} records.
     */
    static EvidenceStaging open(Connection c, String schema, ReportingConfig config, EvidenceSources sources,
                                long expected) throws SQLException {
        ReadModel.checked(schema);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE UNLOGGED TABLE " + schema + "." + TABLE + " (seq bigint NOT NULL, day date NOT NULL, "
                    + "repeated boolean NOT NULL, LIKE " + schema + ".evidence INCLUDING DEFAULTS) WITH (autovacuum_enabled = false)");
        }
        return new EvidenceStaging(config, sources,
                CopyText.open(c, "COPY " + schema + "." + TABLE + " (" + COLUMNS + ") FROM STDIN", FLUSH_CHARS), expected);
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return type == null || type.value() == null ? null : new String(type.value(), StandardCharsets.UTF_8);
    }

    /**
     * Stages the records {@code record} stands for if it is an event only the evidence model reads, and says whether it
     * was one (if not, it is the projector's); one that is not a valid event is skipped, as the live path did.
     */
    boolean stage(ConsumerRecord<String, byte[]> record) throws SQLException {
        String type = type(record);
        if (type == null || !ReadModelProjector.EVIDENCE_ONLY.contains(type)) {
            return false;
        }
        try {
            if (EventCatalog.EVIDENCE_RECORDED.type().equals(type)) {
                // Most of what a rebuild reads: straight into its record, no JSON tree in between.
                var evidence = EventDecoder.decode(record, EventCatalog.EVIDENCE_RECORDED);
                add(EvidenceProjection.integrator(config, sources, evidence.source(), evidence.data()));
            } else {
                IncomingEvent event = EventDecoder.decode(record);
                Projection.Event decoded = new Projection.Event(event, event.data(ReadModelProjector.typeOf(event.type())));
                EvidenceProjection.derive(config, sources, decoded, this::add);
            }
        } catch (PoisonEventException e) {
            skipped++;
        }
        rows.flushIfFull();
        return true;
    }

    /**
     * Stages one activity record, with what it counts for if it is alone in its activity, as most are (a record that
     * does not meet the standard counts for nothing); {@link BulkEvidence} replaces that for the records of activities
     * several sources reported.
     */
    void add(ActivityRecord r) {
        Activities.Counts counted = r.meetsStandard() ? Activities.alone(r.trust(), r.won()) : Activities.Counts.NONE;
        boolean maybeRepeated = seen.add(r.source(), r.externalId());
        if (maybeRepeated) {
            repeated++;
        }
        // The person's reporting day, as the live path counts it (not left to the database's own time zone rules).
        rows.value(staged++).value(days.of(r.occurredAt())).value(maybeRepeated)
                .value(r.source()).value(r.externalId()).value(r.personId()).value(r.customerRef()).value(r.kind().name())
                .value(r.method()).value(WireInstants.format(Jdbc.micros(r.occurredAt())))
                .value(r.durationSeconds()).value(r.distanceMeters())
                .value(r.meetsStandard()).value(r.trust().name()).value(r.recordedBy()).value(r.outcome())
                .value(counted.firstVerified()).value(counted.firstLogged()).value(counted.wonConfirmed()).endRow();
    }

    /** Ends the stream: every staged record is in the table. */
    void close() throws SQLException {
        rows.close();
    }

    /** Gives up the stream, so the connection can be used (or returned) again. */
    void cancel() {
        rows.cancel();
    }

    /** Records staged, and events skipped as not valid. */
    long staged() {
        return staged;
    }

    long skipped() {
        return skipped;
    }

    /** Records whose key may have been staged before: none, and no record has a second copy. */
    long repeated() {
        return repeated;
    }
}
