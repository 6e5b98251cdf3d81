package io.closedloop.platform.outbox;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.closedloop.events.EventJson;
import io.closedloop.events.EventType;
import io.closedloop.platform.config.TopicNames;
import io.closedloop.platform.tx.AfterCommit;
import io.closedloop.platform.tx.TransactionWrites;
import io.closedloop.platform.tx.TransactionWrites.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Records events in the caller's transaction. Nothing is sent here: the event exists exactly when the state change
 * that caused it committed, and the {@link OutboxRelay} publishes it afterwards. There is no other way to publish.
 * The rows are written with the transaction's other derived rows in one statement before it commits
 * ({@link TransactionWrites}); their ids follow the order of publication.
 */
@ApplicationScoped
public class Outbox {

    /** Lanes partition the outbox by key; the migration creates exactly this many lane rows. */
    static final int LANES = 16;

    private static final Object WAKE_UP = new Object();

    static final TransactionWrites.Table TABLE = TransactionWrites.Table.of("outbox_event",
            Column.of("lane", "smallint"), Column.of("event_id", "uuid"), Column.of("topic", "text"),
            Column.of("event_key", "text"), Column.of("event_type", "text"), Column.of("subject", "text"),
            Column.of("occurred_at", "timestamptz"), Column.of("payload", "text"));

    private final TransactionWrites writes;
    private final TopicNames topics;
    private final Clock clock;
    private final Validator validator;
    private final AfterCommit afterCommit;
    private final OutboxRelay relay;

    Outbox(TransactionWrites writes, TopicNames topics, Clock clock, Validator validator, AfterCommit afterCommit,
           OutboxRelay relay) {
        this.writes = writes;
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
        UUID eventId = UUID.randomUUID();
        writes.insert(TABLE, laneOf(key), eventId, topics.resolve(type.topic()), key, type.type(), key, clock.instant(),
                json(data));
        afterCommit.once(WAKE_UP, relay::wakeUp);
        return eventId;
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
