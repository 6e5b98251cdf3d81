package io.closedloop.feedback.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.closedloop.platform.inbox.EventHandler;
import io.closedloop.platform.inbox.IdempotentConsumer;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.platform.kafka.TopicConsumers;
import io.closedloop.stack.testing.EventWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A consumer's batch runs its set-based statements on generic plans (platform's GenericPlans): the batch's
 * transaction asks for them with its inbox claim, and only that transaction does.
 */
@QuarkusTest
class BatchPlansTest {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    EntityManager entityManager;

    @Test
    void aBatchsTransactionTakesGenericPlansAndNoOtherTransactionDoes() throws Exception {
        String topic = "batch-plans-" + UUID.randomUUID();
        produce(topic, 3);
        List<String> seenInBatches = Collections.synchronizedList(new ArrayList<>());
        EventHandler handler = new EventHandler() {
            @Override
            public boolean handles(String type) {
                return true;
            }

            @Override
            public void handle(IncomingEvent event) {
                seenInBatches.add(planCacheMode());
            }
        };
        TopicConsumers consumers = new TopicConsumers(kafka, new SimpleMeterRegistry());
        consumers.subscribe("batch-plans", topic, "batch-plans-" + UUID.randomUUID(), 1,
                records -> idempotent.consume("batch-plans", records, handler));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> seenInBatches.size() == 3);
        } finally {
            consumers.stop();
        }
        assertThat(seenInBatches).containsOnly("force_generic_plan");
        assertThat(QuarkusTransaction.requiringNew().call(this::planCacheMode)).isEqualTo("auto");
    }

    private String planCacheMode() {
        return (String) entityManager.createNativeQuery("SELECT current_setting('plan_cache_mode')").getSingleResult();
    }

    private void produce(String topic, int count) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.get("bootstrap.servers"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                RecordHeaders headers = new RecordHeaders();
                EventWriter.add(headers, "ce_specversion", "1.0");
                EventWriter.add(headers, "ce_id", UUID.randomUUID().toString());
                EventWriter.add(headers, "ce_source", "/test");
                EventWriter.add(headers, "ce_type", "io.closedloop.test.plan-checked.v1");
                producer.send(new ProducerRecord<>(topic, null, "key-" + i, "{}".getBytes(StandardCharsets.UTF_8), headers)).get();
            }
        }
    }
}
