package io.closedloop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.stack.PostgresServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The replay benchmark's two baselines, each run in a JVM of its own with the JDK's default compilers (C1 then C2):
 * the benchmark's JVM, which hosts the load and the Kafka broker, runs C1 only, as the services do, and a baseline
 * measured there would be slower than the best a plain client reaches — which would flatter the rebuild's ratio.
 */
final class ReplayBaselines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayBaselines() {
    }

    /** {@code plain <bootstrap servers> <topic,topic> <records>} or {@code floor <jdbc url> <live schema> <events>}. */
    public static void main(String[] args) throws Exception {
        double rate = switch (args[0]) {
            // Read once to warm the JIT up, as a long-running consumer would be; the second reading is measured.
            case "plain" -> {
                plainConsumer(args[1], Arrays.asList(args[2].split(",")), Long.parseLong(args[3]));
                yield plainConsumer(args[1], Arrays.asList(args[2].split(",")), Long.parseLong(args[3]));
            }
            case "floor" -> postgresFloor(args[1], args[2], Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException("no baseline " + args[0]);
        };
        System.out.println(rate);
    }

    /**
     * Runs one baseline in a fresh JVM (default compilers, 512 MB heap) and answers its rate per second. The plain
     * consumer reads everything twice and counts the second reading: a cold JVM would otherwise read a million records
     * at half its speed while compiling, and flatter the rebuild.
     */
    static double inOwnJvm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                ReplayBaselines.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the " + args[0] + " baseline failed: " + out);
        }
        String[] lines = out.split("\\R");
        return Double.parseDouble(lines[lines.length - 1]);
    }

    /**
     * What PostgreSQL alone needs to hold the evidence a rebuild writes, in the same run: the bench's own rows in COPY
     * text (formatted before the clock starts), streamed into a table shaped as the live {@code evidence} with no
     * index, then the live table's indexes built on it. No Kafka, no decoding, no grouping, no counters. Rows per second.
     */
    static double postgresFloor(String jdbcUrl, String live, long events) throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        Instant start = Instant.now().minus(Duration.ofDays(365));
        for (long i = 0; i < events; i++) {
            String kind = switch ((int) (i % 3)) {
                case 0 -> "CALL\tCALL_RECORD\t%s\t" + (60 + i % 600) + "\t\\N";
                case 1 -> "VISIT\tGEO_CHECKIN\t%s\t\\N\t" + (i % 200);
                default -> "MEETING\tCALENDAR_EVENT\t%s\t\\N\t\\N";
            };
            rows.append("bench-pbx\treplay-").append(i).append("\trp-").append(i % 1000).append("\tref:rc").append(i % 50000)
                    .append('\t').append(kind.formatted(start.plusSeconds(i * 31))).append("\tt\tVERIFIED\tbench\t\\N\tt\tf\tf\n");
            if (rows.length() > 1 << 20) {
                chunks.add(rows.toString().getBytes(StandardCharsets.UTF_8));
                rows.setLength(0);
            }
        }
        chunks.add(rows.toString().getBytes(StandardCharsets.UTF_8));
        List<String> indexes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.SUPERUSER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_floor CASCADE");
            s.execute("CREATE SCHEMA bench_floor");
            // As the rebuild's bulk steps set them: their connection's memory, and no autovacuum while the table fills.
            s.execute("SET maintenance_work_mem = '128MB'");
            s.execute("CREATE TABLE bench_floor.evidence (LIKE " + live + ".evidence INCLUDING DEFAULTS) "
                    + "WITH (autovacuum_enabled = false)");
            try (ResultSet rs = s.executeQuery("SELECT replace(pg_get_indexdef(indexrelid), ' " + live + ".', ' bench_floor.') "
                    + "FROM pg_index WHERE indrelid = '" + live + ".evidence'::regclass")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1).replaceFirst("INDEX (\\S+) ON", "INDEX ON"));
                }
            }
            long started = System.nanoTime();
            var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("COPY bench_floor.evidence (source, "
                    + "external_id, person_id, customer_ref, kind, method, occurred_at, duration_seconds, distance_meters, "
                    + "counts, trust, recorded_by, outcome, first_verified, first_logged, won_confirmed) FROM STDIN");
            for (byte[] chunk : chunks) {
                copy.writeToCopy(chunk, 0, chunk.length);
            }
            copy.endCopy();
            for (String index : indexes) {
                s.execute(index);
            }
            double rate = events / ((System.nanoTime() - started) / 1e9);
            s.execute("DROP SCHEMA bench_floor CASCADE");
            return rate;
        }
    }

    /** Reads every record of the topics from the beginning with a fresh group, parsing each value; records per second. */
    static double plainConsumer(String bootstrapServers, List<String> topics, long expected) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrapServers);
        c.put("group.id", "bench-plain-" + UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        c.put("enable.auto.commit", "false");
        c.put("max.poll.records", "2000");
        long read = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long idleSince = System.nanoTime();
            while (read < expected) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (System.nanoTime() - idleSince > Duration.ofSeconds(30).toNanos()) {
                        throw new IllegalStateException("plain consumer stalled at " + read + " of " + expected);
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.value() != null) {
                        try {
                            JSON.readTree(r.value());
                        } catch (Exception e) {
                            // Poison from other benchmarks or tests: read, as the projector reads it.
                        }
                    }
                    read++;
                }
            }
        }
        return read / ((System.nanoTime() - start) / 1e9);
    }

}
