package io.closedloop.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.closedloop.platform.config.TopicNames;
import io.closedloop.platform.kafka.EventProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Parks a record that cannot be processed on the service's dead-letter topic: the original key, value and headers,
 * plus where it came from and why it failed (header names as SmallRye Reactive Messaging's dead-letter queue).
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String CONSUMER = "dead-letter-consumer";

    private static final long SEND_TIMEOUT_SECONDS = 15;

    private final EventProducer producer;
    private final TopicNames topics;

    DeadLetters(EventProducer producer, TopicNames topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** Sends and waits for the broker's acknowledgment; throws when it does not come. */
    public void send(String consumer, ConsumerRecord<String, byte[]> record, Throwable failure) throws Exception {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, REASON, describe(failure));
        Throwable root = rootCause(failure);
        if (root != failure) {
            add(headers, CAUSE, describe(root));
        }
        add(headers, TOPIC, record.topic());
        add(headers, PARTITION, Integer.toString(record.partition()));
        add(headers, OFFSET, Long.toString(record.offset()));
        add(headers, CONSUMER, consumer);
        producer.get()
                .send(new ProducerRecord<>(topics.deadLetters(), null, record.key(), record.value(), headers))
                .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        for (int i = 0; i < 20 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        return root;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
