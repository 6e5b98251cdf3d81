package io.closedloop.platform.inbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.EventJson;
import io.closedloop.events.EventType;
import io.closedloop.events.WireInstants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads a Kafka record as a CloudEvent in binary mode, or says precisely why it is not one. */
public final class EventDecoder {

    private EventDecoder() {
    }

    public static IncomingEvent decode(ConsumerRecord<String, byte[]> record) {
        Envelope envelope = envelope(record);
        JsonNode data;
        try {
            data = EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new PoisonEventException("Data of event " + envelope.id() + " is not JSON: " + e.getMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new PoisonEventException("Data of event " + envelope.id() + " is not a JSON object");
        }
        return new IncomingEvent(envelope.id(), envelope.source(), envelope.type(), envelope.time(), envelope.subject(),
                record.key(), data, record.topic(), record.partition(), record.offset());
    }

    /** An event read straight into its contract's record, with the CloudEvents attributes a bulk reader needs. */
    public record Typed<T extends Record>(String id, String source, T data) {
    }

    /**
     * Reads a record of {@code type} as {@link #decode} and {@link IncomingEvent#data} together would, without the
     * JSON tree in between (half of decoding's allocations): for a reader of millions of events of one type.
     *
     * @throws PoisonEventException as those two do
     */
    public static <T extends Record> Typed<T> decode(ConsumerRecord<String, byte[]> record, EventType<T> type) {
        Envelope envelope = envelope(record);
        if (!type.type().equals(envelope.type())) {
            throw new IllegalArgumentException("Event " + envelope.id() + " is a " + envelope.type() + ", not a " + type.type());
        }
        T value;
        try {
            value = EventJson.mapper().readValue(record.value(), type.dataType());
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonEventException("Data of " + envelope.type() + " is not JSON matching its contract: "
                    + e.getMessage(), e);
        }
        if (value == null) {
            throw new PoisonEventException("Data of event " + envelope.id() + " is not a JSON object");
        }
        ContractCheck.requireComplete(value, envelope.type());
        return new Typed<>(envelope.id(), envelope.source(), value);
    }

    private record Envelope(String id, String source, String type, Instant time, String subject) {
    }

    private static Envelope envelope(ConsumerRecord<String, byte[]> record) {
        String specVersion = header(record, CloudEventHeaders.SPEC_VERSION, true);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new PoisonEventException("Unsupported CloudEvents spec version '" + specVersion + "'");
        }
        String id = header(record, CloudEventHeaders.ID, true);
        String source = header(record, CloudEventHeaders.SOURCE, true);
        String type = header(record, CloudEventHeaders.TYPE, true);
        String subject = header(record, CloudEventHeaders.SUBJECT, false);
        String timeText = header(record, CloudEventHeaders.TIME, false);
        Instant time = null;
        if (timeText != null) {
            try {
                time = WireInstants.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new PoisonEventException("Header " + CloudEventHeaders.TIME + " is not an RFC 3339 time: " + timeText);
            }
        }
        if (record.value() == null || record.value().length == 0) {
            throw new PoisonEventException("Event " + id + " has no data");
        }
        return new Envelope(id, source, type, time, subject);
    }

    private static String header(ConsumerRecord<?, ?> record, String name, boolean required) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            if (required) {
                throw new PoisonEventException("Missing CloudEvents header " + name);
            }
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
