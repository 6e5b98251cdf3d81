package io.closedloop.reporting.projection;

import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.closedloop.platform.inbox.EventHandler;
import io.closedloop.platform.inbox.IdempotentConsumer;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.EvidenceSources;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;

/**
 * The live path: every topic the read models are built from, consumed idempotently and projected into the live
 * schema, the record of applied events kept in that same schema. A switch to a rebuilt schema takes the write lock,
 * so no batch is half in one schema and half in the other.
 */
@ApplicationScoped
public class ProjectionConsumers {

    private final IdempotentConsumer consumer;
    private final ReadModel readModel;
    private final ReadModelProjector projector;
    private final EntityManager entityManager;
    private final ReentrantReadWriteLock switching = new ReentrantReadWriteLock();

    ProjectionConsumers(IdempotentConsumer consumer, ReadModel readModel, ReportingConfig config,
                        EvidenceSources sources, ProjectionMetrics metrics, EntityManager entityManager) {
        this.consumer = consumer;
        this.readModel = readModel;
        this.projector = new ReadModelProjector(config, sources, metrics);
        this.entityManager = entityManager;
    }

    /** The consumer names, per topic: they key the record of applied events, live and in a rebuild alike. */
    public static final String LEADS = "reporting.lead-events";
    public static final String FEEDBACK = "reporting.feedback-events";
    public static final String EVIDENCE = "reporting.evidence";
    public static final String OWN = "reporting.reporting-events";

    @Incoming("lead-events")
    @Blocking
    public void leads(ConsumerRecords<String, byte[]> records) {
        project(LEADS, records);
    }

    @Incoming("feedback-events")
    @Blocking
    public void feedback(ConsumerRecords<String, byte[]> records) {
        project(FEEDBACK, records);
    }

    @Incoming("evidence")
    @Blocking
    public void evidence(ConsumerRecords<String, byte[]> records) {
        project(EVIDENCE, records);
    }

    @Incoming("reporting-events")
    @Blocking
    public void own(ConsumerRecords<String, byte[]> records) {
        project(OWN, records);
    }

    private void project(String name, ConsumerRecords<String, byte[]> records) {
        switching.readLock().lock();
        try {
            String schema = readModel.live();
            consumer.consume(name, records, handler(schema));
        } finally {
            switching.readLock().unlock();
        }
    }

    /** Holds every live batch back while {@code action} runs (the switch to a rebuilt schema). */
    public void paused(Runnable action) {
        switching.writeLock().lock();
        try {
            action.run();
        } finally {
            switching.writeLock().unlock();
        }
    }

    /** Projects into {@code schema}, recording applied events in its inbox. */
    EventHandler handler(String schema) {
        return handler(schema, projector);
    }

    /** Projects into {@code schema} with {@code projector}, recording applied events in its inbox. */
    EventHandler handler(String schema, ReadModelProjector projector) {
        return new EventHandler() {
            @Override
            public boolean handles(String type) {
                return ReadModelProjector.TYPES.contains(type);
            }

            @Override
            public void handle(IncomingEvent event) throws Exception {
                handleBatch(List.of(event));
            }

            @Override
            public void handleBatch(List<IncomingEvent> events) {
                if (!events.isEmpty()) {
                    entityManager.unwrap(Session.class).doWork(c -> projector.apply(c, schema, events));
                }
            }

            @Override
            public String inboxTable() {
                return ReadModel.checked(schema) + ".inbox_event";
            }
        };
    }
}
