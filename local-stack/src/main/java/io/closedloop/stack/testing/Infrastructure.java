package io.closedloop.stack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.closedloop.stack.Directories;
import io.closedloop.stack.FreePorts;
import io.closedloop.stack.KafkaBroker;
import io.closedloop.stack.PostgresServer;

/**
 * The real PostgreSQL server and Kafka broker of one test JVM, started on first use on free loopback ports and
 * stopped when the JVM exits. Each application under test gets its own database and topics on them.
 */
public final class Infrastructure {

    private static Infrastructure shared;

    private final Path root;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;

    private Infrastructure(Path root, PostgresServer postgres, KafkaBroker kafka) {
        this.root = root;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "test-infrastructure-stop"));
        }
        return shared;
    }

    private static Infrastructure start() {
        try {
            Path root = Files.createTempDirectory("closedloop-test-");
            PostgresServer postgres = new PostgresServer(root.resolve("postgres"), FreePorts.find(), false);
            KafkaBroker kafka = KafkaBroker.onFreePorts(root.resolve("kafka"));
            Thread kafkaStart = new Thread(kafka::start, "test-kafka-start");
            kafkaStart.start();
            postgres.start();
            kafkaStart.join();
            kafka.awaitReady(Duration.ofSeconds(60));
            return new Infrastructure(root, postgres, kafka);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    private void stop() {
        try {
            kafka.stop();
        } catch (RuntimeException e) {
            // The JVM is exiting; a broker that will not stop cleanly is gone with it.
        }
        try {
            postgres.stop();
        } catch (RuntimeException e) {
            // As above.
        }
        try {
            Directories.deleteRecursively(root);
        } catch (IOException e) {
            // Temp files; the OS cleans them eventually.
        }
    }
}
