package io.closedloop.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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
 * see {@link BulkEvidence}), so a redelivered event needs no inbox row. Events only the evidence model reads are staged
 * here directly ({@link #takes}); the evidence in events other models read too reaches {@link #add} from the projector
 * ({@link ReadModelProjector#stagingEvidence}).
 *
 * <p>Three things overlap: the reading thread polls Kafka and hands each poll's records over; a thread of this class
 * decodes them, formats the rows and writes them to the stream, in the order they were handed over; PostgreSQL takes in
 * one buffer while the next is formatted. A few polls wait at most, so what is read but not staged stays small.
 */
final class EvidenceStaging {

    static final String TABLE = "evidence_load";
    static final String COLUMNS = "seq, day, source, external_id, person_id, customer_ref, kind, method, occurred_at, "
            + "duration_seconds, distance_meters, counts, trust, recorded_by, outcome";
    private static final int FLUSH_CHARS = 64 * 1024;

    private final String schema;
    private final ReportingConfig config;
    private final EvidenceSources sources;
    private final ZoneId zone;
    private final CopyIn copy;
    private final StringBuilder rows = new StringBuilder(FLUSH_CHARS + 4096);
    private final BlockingQueue<List<?>> handedOver = new ArrayBlockingQueue<>(2);
    private final Thread writer;
    private List<ActivityRecord> derived = new ArrayList<>();
    private volatile Throwable failure;
    private long staged;
    private long skipped;

    /** Handed over last: nothing follows. */
    private static final List<?> END = List.of();

    private EvidenceStaging(String schema, ReportingConfig config, EvidenceSources sources, CopyIn copy) {
        this.schema = schema;
        this.config = config;
        this.sources = sources;
        this.zone = ZoneId.of(config.timeZone());
        this.copy = copy;
        this.writer = new Thread(this::write, "read-model-rebuild-staging");
        this.writer.setDaemon(true);
        this.writer.start();
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

    /**
     * Hands over the records of one poll (each an event {@link #takes} said yes to), after the records the projector has
     * derived since the last poll; they are staged in that order. (No derived record shares a key with an integrator's:
     * the services' source names are reserved.)
     *
     * @throws IllegalStateException when staging failed
     */
    void stage(List<ConsumerRecord<String, byte[]>> records) {
        if (!derived.isEmpty()) {
            handOver(derived);
            derived = new ArrayList<>();
        }
        if (!records.isEmpty()) {
            handOver(records);
        }
    }

    /** Stages one activity record the projector derived (on the reading thread). */
    void add(ActivityRecord r) {
        derived.add(r);
    }

    /** Ends the stream once every record handed over is in the table. */
    void close() throws SQLException {
        stage(List.of());
        handOver(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while staging evidence", e);
        }
        if (failure != null) {
            throw new IllegalStateException("Staging evidence failed: " + failure.getMessage(), failure);
        }
        copy.endCopy();
    }

    private void handOver(List<?> items) {
        try {
            while (!handedOver.offer(items, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null || !writer.isAlive()) {
                    throw new IllegalStateException("Staging evidence failed: " + failure, failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while staging evidence", e);
        }
    }

    /** The writer: what was handed over, decoded, formatted and written, in order, until the end. */
    private void write() {
        try {
            for (List<?> items = handedOver.take(); items != END; items = handedOver.take()) {
                for (Object item : items) {
                    if (item instanceof ActivityRecord r) {
                        row(r);
                    } else {
                        @SuppressWarnings("unchecked")
                        ConsumerRecord<String, byte[]> record = (ConsumerRecord<String, byte[]>) item;
                        decode(record);
                    }
                }
                if (rows.length() >= FLUSH_CHARS) {
                    flush();
                }
            }
            flush();
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** Stages the records {@code record} stands for; one that is not a valid event is skipped, as the live path did. */
    private void decode(ConsumerRecord<String, byte[]> record) {
        try {
            if (EventCatalog.EVIDENCE_RECORDED.type().equals(type(record))) {
                // Most of what a rebuild reads: straight into its record, no JSON tree in between.
                var evidence = EventDecoder.decode(record, EventCatalog.EVIDENCE_RECORDED);
                row(EvidenceProjection.integrator(config, sources, evidence.source(), evidence.data()));
            } else {
                IncomingEvent event = EventDecoder.decode(record);
                Projection.Event decoded = new Projection.Event(event, event.data(ReadModelProjector.typeOf(event.type())));
                EvidenceProjection.derive(config, sources, decoded, this::row);
            }
        } catch (PoisonEventException e) {
            skipped++;
        }
    }

    private void row(ActivityRecord r) {
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

    /** Gives up the stream, so the connection can be used (or returned) again. */
    void cancel() {
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The connection is closed next; nothing more to undo.
        }
    }

    /** Records staged, and events skipped as not valid (once closed). */
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
