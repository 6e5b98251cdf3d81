package io.closedloop.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;

import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.EventCatalog;
import io.closedloop.platform.inbox.EventDecoder;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.platform.inbox.PoisonEventException;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.ActivityRecord;
import io.closedloop.reporting.evidence.EvidenceSources;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The first half of a rebuild's evidence: every activity record, as it is read from the topics, streamed with
 * {@code COPY} into an unlogged table of the fresh schema, {@code evidence_load}, numbered in the order read. Nothing
 * is read back and nothing is recorded per event: a record is idempotent by its source and id (the first copy counts,
 * see {@link BulkEvidence}), so a redelivered event needs no inbox row. PostgreSQL takes in one buffer while the next
 * is decoded. Events only the evidence model reads are staged here directly ({@link #takes}); the evidence in events
 * other models read too reaches {@link #add} from the projector ({@link ReadModelProjector#stagingEvidence}).
 */
final class EvidenceStaging {

    static final String TABLE = "evidence_load";
    static final String COLUMNS = "seq, day, " + EvidenceProjection.RECORD_COLUMNS;
    private static final int FLUSH_CHARS = 64 * 1024;

    private final String schema;
    private final ReportingConfig config;
    private final EvidenceSources sources;
    private final ZoneId zone;
    private final CopyIn copy;
    private final StringBuilder rows = new StringBuilder(FLUSH_CHARS + 4096);
    private long staged;
    private long skipped;

    private EvidenceStaging(String schema, ReportingConfig config, EvidenceSources sources, CopyIn copy) {
        this.schema = schema;
        this.config = config;
        this.sources = sources;
        this.zone = ZoneId.of(config.timeZone());
        this.copy = copy;
    }

    /** Creates the staging table in {@code schema} and opens the stream into it, on {@code c} (kept for it alone). */
    static EvidenceStaging open(Connection c, String schema, ReportingConfig config, EvidenceSources sources)
            throws SQLException {
        ReadModel.checked(schema);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE UNLOGGED TABLE " + schema + "." + TABLE + " (seq bigint NOT NULL, day date NOT NULL, LIKE " + schema
                    + ".evidence INCLUDING DEFAULTS)");
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + schema + "." + TABLE + " (" + COLUMNS + ") FROM STDIN");
        return new EvidenceStaging(schema, config, sources, copy);
    }

    /** Whether {@code record} is an event only the evidence model reads, to {@link #stage} rather than project. */
    static boolean takes(ConsumerRecord<String, byte[]> record) {
        String type = type(record);
        return type != null && ReadModelProjector.EVIDENCE_ONLY.contains(type);
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return type == null || type.value() == null ? null : new String(type.value(), StandardCharsets.UTF_8);
    }

    /** Stages the records {@code record} stands for; one that is not a valid event is skipped, as the live path did. */
    void stage(ConsumerRecord<String, byte[]> record) throws SQLException {
        try {
            if (EventCatalog.EVIDENCE_RECORDED.type().equals(type(record))) {
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
        if (rows.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    /** Stages one activity record. */
    void add(ActivityRecord r) {
        rows.append(staged++).append('\t');
        // The person's reporting day, as the live path counts it (not left to the database's own time zone rules).
        text(LocalDate.ofInstant(r.occurredAt(), zone).toString());
        text(r.source());
        text(r.externalId());
        text(r.personId());
        text(r.customerRef());
        text(r.kind().name());
        text(r.method());
        text(Jdbc.micros(r.occurredAt()).toString());
        text(r.durationSeconds() == null ? null : r.durationSeconds().toString());
        text(r.distanceMeters() == null ? null : r.distanceMeters().toString());
        text(r.meetsStandard() ? "t" : "f");
        text(r.trust().name());
        text(r.recordedBy());
        rows.append(r.outcome() == null ? "\\N" : escaped(r.outcome())).append('\n');
    }

    /** Ends the stream: every staged record is in the table. */
    void close() throws SQLException {
        flush();
        copy.endCopy();
    }

    /** Gives up the stream, so the connection can be used (or returned) again. */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The connection is closed next; nothing more to undo.
        }
    }

    /** Records staged, and events skipped as not valid. */
    long staged() {
        return staged;
    }

    long skipped() {
        return skipped;
    }

    String schema() {
        return schema;
    }

    private void flush() throws SQLException {
        if (!rows.isEmpty()) {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            rows.setLength(0);
        }
    }

    private void text(String value) {
        rows.append(value == null ? "\\N" : escaped(value)).append('\t');
    }

    /** A value in COPY's text format: backslash, tab and line breaks escaped. */
    static String escaped(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            char ch = value.charAt(i);
            plain = ch != '\\' && ch != '\t' && ch != '\n' && ch != '\r';
        }
        if (plain) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
