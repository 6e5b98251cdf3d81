package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.platform.config.PlatformConfig;
import io.closedloop.platform.inbox.IdempotentConsumer;
import io.closedloop.platform.kafka.KafkaSettings;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.EvidenceSources;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Rebuilds the read models from nothing: every topic they come from is replayed from its beginning into a fresh
 * schema, so the rebuilt schema answers exactly as the live one. Evidence, most of what the topics hold, is loaded in
 * bulk: its records streamed into the schema as they are read ({@link EvidenceStaging}), then grouped, inserted,
 * indexed and counted set-wise ({@link BulkEvidence}); every other model goes through the live path's projector and
 * idempotent consumption (poison skipped, not dead-lettered again). Optionally the rebuilt schema then becomes the
 * live one: live consumption is held back while the rebuild catches up, on the live path, with what arrived meanwhile,
 * then switched.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);

    /** What a rebuild did. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RebuildResult")
    public record Result(String schema, Map<String, Long> recordsPerTopic, long records, long millis, boolean live) {
    }

    private final AgroalDataSource dataSource;
    private final ReadModel readModel;
    private final ProjectionConsumers projection;
    private final IdempotentConsumer consumer;
    private final Map<String, Object> kafkaConfig;
    private final Map<String, String> topics;
    private final ReportingConfig reportingConfig;
    private final EvidenceSources sources;

    @Inject
    ReadModelRebuild(AgroalDataSource dataSource, ReadModel readModel, ProjectionConsumers projection,
                     IdempotentConsumer consumer, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                     PlatformConfig config, ReportingConfig reportingConfig, EvidenceSources sources) {
        this.reportingConfig = reportingConfig;
        this.sources = sources;
        this.dataSource = dataSource;
        this.readModel = readModel;
        this.projection = projection;
        this.consumer = consumer;
        this.kafkaConfig = kafkaConfig;
        this.topics = new LinkedHashMap<>();
        topics.put(config.topics().leads(), ProjectionConsumers.LEADS);
        topics.put(config.topics().feedback(), ProjectionConsumers.FEEDBACK);
        topics.put(config.topics().evidence(), ProjectionConsumers.EVIDENCE);
        topics.put(config.topics().reporting(), ProjectionConsumers.OWN);
    }

    /** Told, after every poll of the topics, how far the rebuild is: records read and to read, per topic. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (read, total) -> { };

        void report(Map<String, Long> readPerTopic, Map<String, Long> totalPerTopic);
    }

    public Result rebuild(String schema, boolean makeLive) {
        return rebuild(schema, makeLive, Progress.NONE);
    }

    public synchronized Result rebuild(String schema, boolean makeLive, Progress progress) {
        ReadModel.checked(schema);
        if (schema.equals(readModel.live())) {
            throw new IllegalArgumentException("Schema " + schema + " is the live one; rebuild into another");
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            readModel.recreate(c, schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> reader = reader(); Connection bulk = dataSource.getConnection()) {
            List<TopicPartition> partitions = partitions(reader);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            Map<String, Long> totals = new LinkedHashMap<>();
            reader.beginningOffsets(partitions).forEach((tp, first) ->
                    totals.merge(tp.topic(), Math.max(0, end.get(tp) - first), Long::sum));
            progress.report(Map.copyOf(counts), totals);
            // Each event is at most a few records; most are one.
            long events = totals.values().stream().mapToLong(Long::longValue).sum();
            EvidenceStaging staging = EvidenceStaging.open(bulk, schema, reportingConfig, sources, events);
            try {
                replay(reader, schema, end, counts, () -> progress.report(Map.copyOf(counts), totals), staging);
                staging.close();
            } catch (RuntimeException | SQLException e) {
                staging.cancel();
                throw e;
            }
            long loaded = System.nanoTime();
            Map<String, Long> steps = BulkEvidence.complete(bulk, dataSource, schema, reportingConfig, staging.repeated());
            LOG.infof("Rebuilt read models in %s from %s: %d evidence records staged (%d events skipped as not valid, "
                            + "%d records whose key may have come before) in %d ms, then %s ms", schema, counts,
                    staging.staged(), staging.skipped(), staging.repeated(), Duration.ofNanos(loaded - started).toMillis(), steps);
            if (makeLive) {
                projection.paused(() -> {
                    replay(reader, schema, reader.endOffsets(partitions), counts, () -> { }, null);
                    try (Connection c = dataSource.getConnection()) {
                        readModel.switchLive(c, schema);
                    } catch (SQLException e) {
                        throw new IllegalStateException("Cannot switch to " + schema + ": " + e.getMessage(), e);
                    }
                    LOG.infof("Read models now served from %s", schema);
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk load into " + schema + " failed: " + e.getMessage(), e);
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new Result(schema, counts, total, Duration.ofNanos(System.nanoTime() - started).toMillis(), makeLive);
    }

    /**
     * Applies what the topics hold up to {@code end}: with {@code staging}, events only evidence reads are staged and
     * the others projected with their evidence staged; without, all go through the live path.
     */
    private void replay(KafkaConsumer<String, byte[]> reader, String schema, Map<TopicPartition, Long> end,
                        Map<String, Long> counts, Runnable afterEachPoll, EvidenceStaging staging) {
        var handler = staging == null ? projection.handler(schema) : projection.handler(schema,
                ReadModelProjector.stagingEvidence(reportingConfig, sources, staging::add));
        while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
            ConsumerRecords<String, byte[]> polled = reader.poll(Duration.ofMillis(500));
            Map<String, Map<TopicPartition, List<ConsumerRecord<String, byte[]>>>> byTopic = new HashMap<>();
            for (TopicPartition tp : polled.partitions()) {
                long last = end.getOrDefault(tp, 0L);
                long taken = 0;
                for (ConsumerRecord<String, byte[]> record : polled.records(tp)) {
                    if (record.offset() >= last) {
                        break; // a partition's records come in the order of their offsets
                    }
                    taken++;
                    if (staging == null || !stage(staging, record)) {
                        byTopic.computeIfAbsent(tp.topic(), t -> new HashMap<>())
                                .computeIfAbsent(tp, p -> new ArrayList<>()).add(record);
                    }
                }
                if (taken > 0) {
                    counts.merge(tp.topic(), taken, Long::sum);
                }
            }
            for (Map.Entry<String, Map<TopicPartition, List<ConsumerRecord<String, byte[]>>>> topic : byTopic.entrySet()) {
                ConsumerRecords<String, byte[]> records = new ConsumerRecords<>(topic.getValue(), Map.of());
                consumer.consume(topics.get(topic.getKey()), records, handler, false);
            }
            for (TopicPartition tp : end.keySet()) {
                if (reader.position(tp) > end.get(tp)) {
                    reader.seek(tp, end.get(tp));
                }
            }
            afterEachPoll.run();
        }
    }

    private static boolean stage(EvidenceStaging staging, ConsumerRecord<String, byte[]> record) {
        try {
            return staging.stage(record);
        } catch (SQLException e) {
            throw new IllegalStateException("Staging evidence failed: " + e.getMessage(), e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> reader) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics.keySet()) {
            List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    private KafkaConsumer<String, byte[]> reader() {
        Map<String, Object> config = KafkaSettings.forClient(kafkaConfig, ConsumerConfig.configNames());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reporting-rebuild-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // What is read but not yet applied survives the young collections of a 64 MB heap, and what outgrows their
        // survivor space is promoted: a fetch of 32 MB and polls of 2,000 records made the collector's full collections
        // (90 ms, every 150 ms) take as long as the rebuild itself. Small fetches and polls keep it young.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
