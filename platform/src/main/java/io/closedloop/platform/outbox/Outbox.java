package io.closedloop.platform.outbox;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.closedloop.events.EventJson;
import io.closedloop.events.EventType;
import io.closedloop.platform.config.TopicNames;
import io.closedloop.platform.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Records events in the caller's transaction. Nothing is sent here: the event exists exactly when the state change
 * that caused it committed, and the {@link OutboxRelay} publishes it afterwards. There is no other way to publish.
 */
@ApplicationScoped
public class Outbox {

    /** Lanes partition the outbox by key; the migration creates exactly this many lane rows. */
    static final int LANES = 16;

    private static final Object WAKE_UP = new Object();

    private final EntityManager entityManager;
    private final TopicNames topics;
    private final Clock clock;
    private final Validator validator;
    private final AfterCommit afterCommit;
    private final OutboxRelay relay;

    Outbox(EntityManager entityManager, TopicNames topics, Clock clock, Validator validator, AfterCommit afterCommit,
           OutboxRelay relay) {
        this.entityManager = entityManager;
        this.topics = topics;
        this.clock = clock;
        this.validator = validator;
        this.afterCommit = afterCommit;
        this.relay = relay;
    }

    /**
     * Adds an event about aggregate {@code key} to the current transaction.
     *
     * @return the event's id (the CloudEvents {@code id})
     * @throws IllegalArgumentException when the data breaks its own contract (a required field missing)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends Record> UUID publish(EventType<T> type, String key, T data) {
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Event " + type.type() + " breaks its contract: " + violations);
        }
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.topic = topics.resolve(type.topic());
        event.eventKey = key;
        event.lane = laneOf(key);
        event.eventType = type.type();
        event.subject = key;
        event.occurredAt = clock.instant();
        event.payload = json(data);
        entityManager.persist(event);
        afterCommit.once(WAKE_UP, relay::wakeUp);
        return event.eventId;
    }

    static short laneOf(String key) {
        return (short) Math.floorMod(key.hashCode(), LANES);
    }

    private static String json(Object data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
