package io.closedloop.reporting.projection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.ActivityRecord;
import io.closedloop.reporting.evidence.EvidenceSources;

/**
 * Applies events to the read models of one schema, a batch at a time. Each read model is a class of its own that
 * declares the events it consumes ({@code CONSUMES}): the directory, leads, loops, complaints, evidence and claims. Every
 * model loads the rows the batch touches, applies the events in order in memory, and writes what changed once; then
 * the person-day counters they all added to are written, and the claimed contacts of the days whose verified
 * activities or claims changed are matched again. Every effect depends only on the events themselves, never on the
 * order of different topics, so replaying every topic into a fresh schema gives the same answers as consuming them
 * live (see {@code ReadModelRebuild}).
 */
public final class ReadModelProjector {

    /** The models, in the order they are written: evidence after the rows it reads, claims before their matching. */
    private enum Model {
        DIRECTORY(DirectoryProjection.CONSUMES),
        LEADS(LeadProjection.CONSUMES),
        LOOPS(LoopProjection.CONSUMES),
        COMPLAINTS(ComplaintProjection.CONSUMES),
        EVIDENCE(EvidenceProjection.CONSUMES),
        CLAIMS(ClaimProjection.CONSUMES);

        final Set<String> types;

        Model(Set<EventType<?>> consumes) {
            this.types = consumes.stream().map(EventType::type).collect(Collectors.toUnmodifiableSet());
        }
    }

    /** The events the read models are built from. */
    public static final Set<String> TYPES = Stream.of(Model.values()).flatMap(m -> m.types.stream())
            .collect(Collectors.toUnmodifiableSet());

    /** The events only the evidence model reads: a bulk load stages them without going through the projector. */
    static final Set<String> EVIDENCE_ONLY = Model.EVIDENCE.types.stream()
            .filter(type -> Stream.of(Model.values()).filter(m -> m != Model.EVIDENCE).noneMatch(m -> m.types.contains(type)))
            .collect(Collectors.toUnmodifiableSet());

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
    private final EvidenceSources sources;
    private final ZoneId zone;
    private final Observer observer;
    private final Consumer<ActivityRecord> staged;

    public ReadModelProjector(ReportingConfig config, EvidenceSources sources, Observer observer) {
        this(config, sources, observer, null);
    }

    private ReadModelProjector(ReportingConfig config, EvidenceSources sources, Observer observer,
                               Consumer<ActivityRecord> staged) {
        this.config = config;
        this.sources = sources;
        this.zone = ZoneId.of(config.timeZone());
        this.observer = observer;
        this.staged = staged;
    }

    /**
     * A projector for a bulk load ({@link EvidenceLoad}): every model as usual but evidence, whose records go to
     * {@code staged} to be grouped and counted once at the end, when the claimed contacts are matched too.
     */
    static ReadModelProjector stagingEvidence(ReportingConfig config, EvidenceSources sources,
                                              Consumer<ActivityRecord> staged) {
        return new ReadModelProjector(config, sources, Observer.NONE, staged);
    }

    /** Applies {@code events} (already de-duplicated) to the read models of {@code schema}, on {@code c}. */
    public void apply(Connection c, String schema, List<IncomingEvent> events) throws SQLException {
        ProjectionBatch batch = new ProjectionBatch(schema, config, zone, observer);
        Map<Model, Projection> models = new LinkedHashMap<>();
        models.put(Model.DIRECTORY, new DirectoryProjection());
        models.put(Model.LEADS, new LeadProjection());
        models.put(Model.LOOPS, new LoopProjection());
        models.put(Model.COMPLAINTS, new ComplaintProjection());
        models.put(Model.EVIDENCE, staged == null ? new EvidenceProjection(sources) : new Projection() {
            @Override
            public void apply(ProjectionBatch b, Event event) {
                EvidenceProjection.derive(config, sources, event, staged);
            }

            @Override
            public void flush(Connection c, ProjectionBatch b) {
            }
        });
        models.put(Model.CLAIMS, new ClaimProjection());
        List<Projection.Event> decoded = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            decoded.add(new Projection.Event(event, event.data(typeOf(event.type()))));
        }
        for (Map.Entry<Model, Projection> model : models.entrySet()) {
            List<Projection.Event> mine = decoded.stream().filter(e -> model.getKey().types.contains(e.incoming().type())).toList();
            if (!mine.isEmpty()) {
                model.getValue().load(c, batch, mine);
                for (Projection.Event event : mine) {
                    model.getValue().apply(batch, event);
                }
            }
        }
        for (Map.Entry<Model, Projection> model : models.entrySet()) {
            if (model.getKey() != Model.CLAIMS) {
                model.getValue().flush(c, batch);
            }
        }
        // Every person-day row the batch writes is locked by the counters' upsert, in its one order, before the claims
        // and their matching write some of them again: claims and matching in their own orders after the counters in
        // theirs could deadlock with a batch of another consumer that locks the same days (PersonDayCounters). The
        // people's own locks come first, as in the evidence's flush, which takes them before its counters.
        ClaimProjection claims = (ClaimProjection) models.get(Model.CLAIMS);
        claims.lockDays(c, batch);
        List<ProjectionBatch.PersonDay> toMatch = staged == null ? ClaimMatching.withClaims(c, batch) : List.of();
        for (ProjectionBatch.PersonDay day : toMatch) {
            batch.counters.touch(day.personId(), day.day());
        }
        batch.counters.flush(c, batch.schema);
        claims.flush(c, batch);
        if (staged == null) {
            ClaimMatching.rematch(c, batch, toMatch, claims.revised());
        }
    }

    static EventType<?> typeOf(String type) {
        return EventCatalog.byType(type).orElseThrow(() -> new IllegalArgumentException("Unknown event type " + type));
    }
}
