package io.closedloop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.closedloop.stack.Directories;
import io.closedloop.stack.Suite;

/**
 * A suite of its own, for tests that break things (kill services, stop the broker or the database) or that must see
 * an otherwise idle system: started on free ports in a temporary folder, stopped and deleted by {@link #close()}.
 */
public final class PrivateSuite implements AutoCloseable {

    private final Path work;
    private final Suite suite;

    private PrivateSuite(Path work, Suite suite) {
        this.work = work;
        this.suite = suite;
    }

    public static PrivateSuite start(String purpose) {
        return start(purpose, Map.of());
    }

    /** With {@code environment} added to every service's. */
    public static PrivateSuite start(String purpose, Map<String, String> environment) {
        return start(purpose, environment, 1);
    }

    /** With {@code environment} added to every service's, and {@code replicas} processes of each service. */
    public static PrivateSuite start(String purpose, Map<String, String> environment, int replicas) {
        Path work;
        try {
            work = Files.createTempDirectory("closedloop-" + purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path home = Path.of(System.getProperty("closedloop.home", "..")).toAbsolutePath().normalize();
            Suite.Options options = Suite.Options.onFreePorts(home, work).withEnvironment(environment)
                    .withReplicas(replicas);
            return new PrivateSuite(work, Suite.start(options, Duration.ofSeconds(120)));
        } catch (RuntimeException e) {
            deleteQuietly(work);
            throw e;
        }
    }

    public Suite suite() {
        return suite;
    }

    @Override
    public void close() {
        try {
            suite.close();
        } finally {
            deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException | RuntimeException e) {
            // A temporary folder: the machine cleans it up eventually.
        }
    }
}
