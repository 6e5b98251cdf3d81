package io.closedloop.platform.inbox;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.closedloop.events.EventJson;
import io.closedloop.events.EventType;

/** A CloudEvent read from Kafka, with where it was read from. */
public record IncomingEvent(String id, String source, String type, Instant time, String subject, String key,
                            JsonNode data, String topic, int partition, long offset) {

    public boolean is(EventType<?> eventType) {
        return eventType.type().equals(type);
    }

    /**
     * The data as the contract's record.
     *
     * @throws PoisonEventException when the data does not match the contract (wrong types, required fields missing)
     */
    public <T extends Record> T data(EventType<T> eventType) {
        if (!is(eventType)) {
            throw new IllegalArgumentException("Event " + id + " is a " + type + ", not a " + eventType.type());
        }
        T value;
        try {
            value = EventJson.mapper().treeToValue(data, eventType.dataType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException("Data of " + type + " does not match its contract: " + e.getMessage(), e);
        }
        ContractCheck.requireComplete(value, type);
        return value;
    }

    /** Where the event was read, for logs and dead letters. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }
}
