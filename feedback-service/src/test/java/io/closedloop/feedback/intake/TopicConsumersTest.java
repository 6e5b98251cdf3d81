package io.closedloop.feedback.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.closedloop.platform.kafka.TopicConsumers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The platform's subscriptions on the real broker: what a handler returned from is committed; a batch whose handler
 * threw stops the subscription and is never committed, so the next consumer of the group reads it again.
 */
@QuarkusTest
class TopicConsumersTest {

    private static final int RECORDS = 5;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void commitsWhatWasHandledAndNothingOfABatchWhoseHandlerThrew() throws Exception {
        String topic = "topic-consumers-" + UUID.randomUUID();
        produce(topic);

        List<String> read = Collections.synchronizedList(new ArrayList<>());
        TopicConsumers handling = new TopicConsumers(kafka, new SimpleMeterRegistry());
        String handled = "handled-" + UUID.randomUUID();
        handling.subscribe("handled", topic, handled, 1, records -> records.forEach(r -> read.add(r.key())));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> read.size() == RECORDS);
            // Committed about a second after the batch, without a stop.
            await().atMost(Duration.ofSeconds(15)).until(() -> committed(handled) == RECORDS);
        } finally {
            handling.stop();
        }
        assertThat(handling.failed()).isEmpty();

        TopicConsumers throwing = new TopicConsumers(kafka, new SimpleMeterRegistry());
        String gaveUp = "gave-up-" + UUID.randomUUID();
        throwing.subscribe("gave-up", topic, gaveUp, 1, records -> {
            throw new IllegalStateException("the handler gave up");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !throwing.failed().isEmpty());
        assertThat(throwing.failed()).singleElement().asString().contains("gave-up", "the handler gave up");
        // Three commit intervals, and the subscription's close (the consumer left the group on its failure).
        Thread.sleep(3_000);
        throwing.stop();
        assertThat(committed(gaveUp)).isZero();

        List<String> again = Collections.synchronizedList(new ArrayList<>());
        TopicConsumers restarted = new TopicConsumers(kafka, new SimpleMeterRegistry());
        restarted.subscribe("restarted", topic, gaveUp, 1, records -> records.forEach(r -> again.add(r.key())));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.size() == RECORDS);
        } finally {
            restarted.stop();
        }
        assertThat(again).containsExactlyInAnyOrderElementsOf(read);
        assertThat(restarted.failed()).isEmpty();
    }

    private void produce(String topic) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.get("bootstrap.servers"));
        config.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
            }
        }
    }

    /** The group's committed offsets summed over the topic's partitions (0 when it committed none). */
    private long committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers")))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
