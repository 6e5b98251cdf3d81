package io.closedloop.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A service's subscriptions: each topic read by its own consumer in the service's group, on a thread of its own that
 * polls, hands the batch to the handler on that same thread and polls again. Nothing sits between the poll and the
 * handler — no event loop, no worker pool, no context to propagate: at 200 acknowledgments a second those hops had
 * cost reporting-service more CPU than its projections (e2e bench profile, 2026-12-06).
 *
 * <p>At least once: offsets are committed only for batches the handler returned from, about once a second and when
 * partitions are taken away or the service stops; the handlers are idempotent (the inbox), so what a crash leaves
 * uncommitted is only read again. A handler that throws has given up on its batch (the platform's consumer retries
 * database outages and dead-letters poison itself): the subscription stops there, uncommitted, and the liveness check
 * reports it, so a restart reads the batch again rather than skip it.
 */
@ApplicationScoped
public class TopicConsumers {

    private static final Logger LOG = Logger.getLogger(TopicConsumers.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final long COMMIT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Duration CLOSE = Duration.ofSeconds(5);

    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Inject
    public TopicConsumers(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
    }

    /**
     * Starts {@code copies} consumers of {@code topic} in {@code groupId}, each on its own thread, each handing its
     * batches to {@code handler} (so the handler must be safe for that many threads).
     */
    public void subscribe(String name, String topic, String groupId, int copies,
                          Consumer<ConsumerRecords<String, byte[]>> handler) {
        for (int i = 0; i < copies; i++) {
            String clientId = kafkaConfig.getOrDefault("client.id", "closedloop") + "-" + name + (copies > 1 ? "-" + i : "");
            Subscription subscription = new Subscription(name, topic, clientId, consumerConfig(groupId, clientId), handler);
            subscriptions.add(subscription);
            subscription.start();
        }
    }

    /** The subscriptions whose thread has stopped on a failure, by name. */
    public List<String> failed() {
        List<String> failed = new ArrayList<>();
        for (Subscription s : subscriptions) {
            if (s.failure != null) {
                failed.add(s.name + ": " + s.failure);
            }
        }
        return failed;
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops every subscription, each after the batch it is handling, committing what was handled. */
    public void stop() {
        subscriptions.forEach(Subscription::stop);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Subscription s : subscriptions) {
            s.await(deadline);
        }
    }

    private Map<String, Object> consumerConfig(String groupId, String clientId) {
        Map<String, Object> config = KafkaSettings.forClient(kafkaConfig, ConsumerConfig.configNames());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A replica that dies without leaving the group (kill -9, a lost node) holds its partitions until its session
        // times out; nothing of them is consumed meanwhile. 10 s rather than Kafka's 45 s: measured in FaultsIT, a
        // crashed consumer's events resumed ~35 s sooner. Heartbeats every 3 s keep a live consumer well inside it.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return config;
    }

    /** One consumer and its thread. */
    private final class Subscription implements Runnable {

        private final String name;
        private final String topic;
        private final String clientId;
        private final Map<String, Object> config;
        private final Consumer<ConsumerRecords<String, byte[]>> handler;
        private volatile boolean running = true;
        private volatile KafkaConsumer<String, byte[]> consumer;
        private volatile Thread thread;
        private volatile String failure;
        /** True from a batch's hand-over until its handler returns, and for good once one has thrown. */
        private volatile boolean inBatch;

        Subscription(String name, String topic, String clientId, Map<String, Object> config,
                     Consumer<ConsumerRecords<String, byte[]>> handler) {
            this.name = name;
            this.topic = topic;
            this.clientId = clientId;
            this.config = config;
            this.handler = handler;
        }

        void start() {
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            Thread t = new Thread(this, "consumer-" + name);
            t.setDaemon(true);
            thread = t;
            t.start();
        }

        void stop() {
            running = false;
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }

        /** Waits for a batch under way to finish (its handler gives up its retries once the service stops). */
        void await(long deadlineNanos) {
            Thread t = thread;
            if (t != null) {
                try {
                    t.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void run() {
            KafkaConsumer<String, byte[]> c = consumer;
            try (KafkaClientMetrics metrics = new KafkaClientMetrics(c)) {
                metrics.bindTo(registry);
                c.subscribe(List.of(topic), new CommitOnRevoke());
                long committedAt = System.nanoTime();
                boolean uncommitted = false;
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(POLL);
                    if (!records.isEmpty()) {
                        inBatch = true;
                        handler.accept(records);
                        inBatch = false;
                        uncommitted = true;
                    }
                    if (uncommitted && System.nanoTime() - committedAt >= COMMIT_EVERY_NANOS) {
                        c.commitAsync((offsets, e) -> {
                            if (e != null) {
                                LOG.debugf("Offsets of %s not committed (they will be with the next): %s", clientId, e.toString());
                            }
                        });
                        committedAt = System.nanoTime();
                        uncommitted = false;
                    }
                }
            } catch (WakeupException stopping) {
                // stop() woke the poll up.
            } catch (Throwable e) {
                if (running) {
                    failure = e.toString();
                    LOG.errorf(e, "Consumer %s of %s stopped: its batch was not applied and stays uncommitted", clientId, topic);
                }
            } finally {
                close(c, !inBatch);
            }
        }

        private void close(KafkaConsumer<String, byte[]> c, boolean commit) {
            try {
                if (commit) {
                    c.commitSync(CLOSE);
                }
            } catch (RuntimeException e) {
                LOG.debugf("Offsets of %s not committed on stop (read again after the restart): %s", clientId, e.toString());
            }
            try {
                c.close(CLOSE);
            } catch (RuntimeException e) {
                LOG.debugf("Consumer %s did not close cleanly: %s", clientId, e.toString());
            }
        }

        /**
         * Commits what was handled before partitions go to another consumer of the group (called inside poll, and by
         * close): never the batch of a handler that threw.
         */
        private final class CommitOnRevoke implements ConsumerRebalanceListener {

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (inBatch || partitions.isEmpty()) {
                    return;
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
                }
                try {
                    consumer.commitSync(offsets, CLOSE);
                } catch (RuntimeException e) {
                    LOG.debugf("Offsets of %s not committed on rebalance (read again by the next owner): %s", clientId,
                            e.toString());
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        }
    }
}
