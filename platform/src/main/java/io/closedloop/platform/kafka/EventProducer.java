package io.closedloop.platform.kafka;

import java.util.Map;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one Kafka producer of a service, used by the outbox relay and for dead letters. It takes every {@code kafka.*}
 * setting of the service (bootstrap servers, TLS, SASL), and is idempotent with {@code acks=all}, so a retried send
 * neither reorders nor duplicates within a partition.
 */
@ApplicationScoped
public class EventProducer {

    private final Map<String, Object> kafkaConfig;
    private volatile Producer<String, byte[]> producer;

    @Inject
    EventProducer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    public Producer<String, byte[]> get() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = create();
                }
                p = producer;
            }
        }
        return p;
    }

    private Producer<String, byte[]> create() {
        Map<String, Object> config = KafkaSettings.forClient(kafkaConfig, ProducerConfig.configNames());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, kafkaConfig.getOrDefault("client.id", "closedloop") + "-events");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @PreDestroy
    void close() {
        Producer<String, byte[]> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(5));
        }
    }
}
