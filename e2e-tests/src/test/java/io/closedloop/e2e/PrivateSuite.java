package io.closedloop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
        try {
            Path home = Path.of(System.getProperty("closedloop.home", "..")).toAbsolutePath().normalize();
            Path work = Files.createTempDirectory("closedloop-" + purpose + "-");
            return new PrivateSuite(work, Suite.start(Suite.Options.onFreePorts(home, work), Duration.ofSeconds(120)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException | RuntimeException e) {
            // A temporary folder: the machine cleans it up eventually.
        }
    }
}
