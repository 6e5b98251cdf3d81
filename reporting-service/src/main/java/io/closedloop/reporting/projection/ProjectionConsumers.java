package io.closedloop.reporting.projection;

import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.closedloop.platform.config.PlatformConfig;
import io.closedloop.platform.inbox.EventHandler;
import io.closedloop.platform.inbox.IdempotentConsumer;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.platform.kafka.TopicConsumers;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.EvidenceSources;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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

    /** Every topic the read models are built from, each read by its own consumer in a group of its own. */
    void subscribe(@Observes StartupEvent event, TopicConsumers consumers, PlatformConfig config) {
        String group = config.consumer().group();
        consumers.subscribe("lead-events", config.topics().leads(), group + ".leads", 1, records -> project(LEADS, records));
        consumers.subscribe("feedback-events", config.topics().feedback(), group + ".feedback", 1,
                records -> project(FEEDBACK, records));
        consumers.subscribe("evidence", config.topics().evidence(), group + ".evidence", 1, records -> project(EVIDENCE, records));
        consumers.subscribe("reporting-events", config.topics().reporting(), group + ".reporting", 1,
                records -> project(OWN, records));
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
