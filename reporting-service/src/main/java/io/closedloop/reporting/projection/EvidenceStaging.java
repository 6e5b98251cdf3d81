package io.closedloop.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.WireInstants;
import io.closedloop.platform.inbox.EventDecoder;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.platform.inbox.PoisonEventException;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.ActivityRecord;
import io.closedloop.reporting.evidence.EvidenceSources;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The first half of a rebuild's evidence: every activity record, as it is read from the topics, streamed with
 * {@code COPY} into an unlogged table of the fresh schema, {@code evidence_load}, numbered in the order read. Nothing
 * is read back and nothing is recorded per event: a record is idempotent by its source and id (the first copy counts,
 * see {@link BulkEvidence}), so a redelivered event needs no inbox row. Events only the evidence model reads are staged
 * here directly ({@link #takes}); the evidence in events other models read too reaches {@link #add} from the projector
 * ({@link ReadModelProjector#stagingEvidence}).
 *
 * <p>Decoding is most of a rebuild's own work, so the events staged directly are decoded and formatted by
 * {@code decoders} threads, a chunk of events each, while the reading thread polls the next ones and
 * PostgreSQL takes in what is written. A record's number is fixed when its event is read, not when it is written:
 * {@code seq} is the event's position in what was read, shifted left by {@link #PER_EVENT_BITS}, plus the record's place
 * among those its event stands for — so chunks may reach the table in any order and the first copy is still the first
 * read.
 */
final class EvidenceStaging {

    static final String TABLE = "evidence_load";
    static final String COLUMNS = "seq, day, " + EvidenceProjection.RECORD_COLUMNS;
    /** Room for the records one event stands for, in the low bits of their numbers. */
    static final int PER_EVENT_BITS = 16;
    private static final int FLUSH_CHARS = 64 * 1024;
    /** Events decoded together: a chunk is one task for a decoder and one write into the stream. */
    private static final int CHUNK = 256;

    private final ReportingConfig config;
    private final EvidenceSources sources;
    private final ZoneId zone;
    private final CopyText stream;
    private final ExecutorService decoders;
    /** Chunks handed to the decoders and not yet written: the reading thread waits rather than run ahead in the heap. */
    private final Semaphore inFlight;
    private final int maxInFlight;
    /** What the reading thread formats itself: the projector's records. */
    private final CopyText own = CopyText.buffer(FLUSH_CHARS);
    private final AtomicLong staged = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private List<Read> chunk = new ArrayList<>(CHUNK);
    /** The position of the next event read, in the order read. */
    private long read;

    private EvidenceStaging(ReportingConfig config, EvidenceSources sources, CopyText stream, int decoders) {
        this.config = config;
        this.sources = sources;
        this.zone = ZoneId.of(config.timeZone());
        this.stream = stream;
        AtomicInteger named = new AtomicInteger();
        this.decoders = Executors.newFixedThreadPool(decoders,
                r -> Thread.ofPlatform().name("rebuild-decoder-" + named.incrementAndGet()).unstarted(r));
        this.maxInFlight = 2 * decoders;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * Creates the staging table in {@code schema} and opens the stream into it, on {@code c} (kept for it alone), with
     * {@code decoders} threads to decode what is staged.
     */
    static EvidenceStaging open(Connection c, String schema, ReportingConfig config, EvidenceSources sources, int decoders)
            throws SQLException {
        ReadModel.checked(schema);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE UNLOGGED TABLE " + schema + "." + TABLE + " (seq bigint NOT NULL, day date NOT NULL, LIKE " + schema
                    + ".evidence INCLUDING DEFAULTS) WITH (autovacuum_enabled = false)");
        }
        return new EvidenceStaging(config, sources,
                CopyText.open(c, "COPY " + schema + "." + TABLE + " (" + COLUMNS + ") FROM STDIN", FLUSH_CHARS), decoders);
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
     * Stages the records {@code record} stands for, soon, on a decoder thread; one that is not a valid event is skipped,
     * as the live path did. Throws what a decoder met since the last call.
     */
    void stage(ConsumerRecord<String, byte[]> record) throws SQLException {
        chunk.add(new Read(record, read++));
        if (chunk.size() == CHUNK) {
            dispatch();
        }
    }

    /** Stages one activity record of an event the projector applies, numbered as the next event read. */
    void add(ActivityRecord r) {
        format(own, read++ << PER_EVENT_BITS, r);
        if (own.length() >= FLUSH_CHARS) {
            try {
                stream.write(own);
            } catch (SQLException e) {
                throw new IllegalStateException("Staging evidence failed: " + e.getMessage(), e);
            }
        }
    }

    /** Ends the stream: once every chunk is written, every staged record is in the table. */
    void close() throws SQLException {
        try {
            dispatch();
            awaitDecoders();
            rethrow();
            if (own.length() > 0) {
                stream.write(own);
            }
            stream.close();
        } finally {
            decoders.shutdown();
        }
    }

    /** Gives up the stream, once no decoder writes into it any more, so the connection can be used (or returned) again. */
    void cancel() {
        decoders.shutdown();
        awaitDecoders();
        stream.cancel();
    }

    /** Records staged, and events skipped as not valid. */
    long staged() {
        return staged.get();
    }

    long skipped() {
        return skipped.get();
    }

    /** Waits until no chunk is being decoded or written. */
    private void awaitDecoders() {
        inFlight.acquireUninterruptibly(maxInFlight);
        inFlight.release(maxInFlight);
    }

    private void dispatch() throws SQLException {
        rethrow();
        if (chunk.isEmpty()) {
            return;
        }
        List<Read> events = chunk;
        chunk = new ArrayList<>(CHUNK);
        inFlight.acquireUninterruptibly();
        try {
            decoders.execute(() -> decode(events));
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /** On a decoder: the chunk's records formatted, then written into the stream in one piece. */
    private void decode(List<Read> events) {
        try {
            if (failure.get() != null) {
                return;
            }
            CopyText rows = CopyText.buffer(events.size() * 256);
            for (Read event : events) {
                decode(event.record(), event.position() << PER_EVENT_BITS, rows);
            }
            stream.write(rows);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            inFlight.release();
        }
    }

    private void decode(ConsumerRecord<String, byte[]> record, long seq, CopyText rows) {
        try {
            if (EventCatalog.EVIDENCE_RECORDED.type().equals(type(record))) {
                // Most of what a rebuild reads: straight into its record, no JSON tree in between.
                var evidence = EventDecoder.decode(record, EventCatalog.EVIDENCE_RECORDED);
                format(rows, seq, EvidenceProjection.integrator(config, sources, evidence.source(), evidence.data()));
            } else {
                IncomingEvent event = EventDecoder.decode(record);
                Projection.Event decoded = new Projection.Event(event, event.data(ReadModelProjector.typeOf(event.type())));
                long[] next = {seq};
                EvidenceProjection.derive(config, sources, decoded, r -> format(rows, next[0]++, r));
            }
        } catch (PoisonEventException e) {
            skipped.incrementAndGet();
        }
    }

    private void format(CopyText rows, long seq, ActivityRecord r) {
        // The person's reporting day, as the live path counts it (not left to the database's own time zone rules).
        rows.value(seq).value(LocalDate.ofInstant(r.occurredAt(), zone).toString())
                .value(r.source()).value(r.externalId()).value(r.personId()).value(r.customerRef()).value(r.kind().name())
                .value(r.method()).value(WireInstants.format(Jdbc.micros(r.occurredAt())))
                .value(r.durationSeconds() == null ? null : r.durationSeconds().toString())
                .value(r.distanceMeters() == null ? null : r.distanceMeters().toString())
                .value(r.meetsStandard()).value(r.trust().name()).value(r.recordedBy()).value(r.outcome()).endRow();
        staged.incrementAndGet();
    }

    /** An event staged, with its position in what was read. */
    private record Read(ConsumerRecord<String, byte[]> record, long position) {
    }

    private void rethrow() throws SQLException {
        Throwable e = failure.get();
        if (e instanceof SQLException sql) {
            throw sql;
        } else if (e instanceof RuntimeException runtime) {
            throw runtime;
        } else if (e instanceof Error error) {
            throw error;
        } else if (e != null) {
            throw new IllegalStateException("Staging evidence failed: " + e.getMessage(), e);
        }
    }
}
