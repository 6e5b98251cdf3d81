package io.closedloop.stack.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records to a topic as another service or an integrator would: well-formed CloudEvents, or deliberately not. */
public final class EventWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public EventWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** A binary-mode CloudEvent with a fresh id; returns the id. */
    public String send(String topic, String key, String type, String json) {
        String id = UUID.randomUUID().toString();
        send(topic, key, id, type, json);
        return id;
    }

    /** A binary-mode CloudEvent with the given id, e.g. to deliver the same event twice. */
    public void send(String topic, String key, String id, String type, String json) {
        send(topic, key, id, type, json, "/test");
    }

    /** A binary-mode CloudEvent from {@code source} (e.g. {@code /integrators/pbx}), with the given id. */
    public void send(String topic, String key, String id, String type, String json, String source) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", id);
        add(headers, "ce_source", source);
        add(headers, "ce_type", type);
        add(headers, "ce_time", Instant.now().toString());
        add(headers, "content-type", "application/json");
        sendRaw(topic, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Exactly these bytes and headers. */
    public void sendRaw(String topic, String key, byte[] value, RecordHeaders headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write to " + topic, e);
        }
    }

    public static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
