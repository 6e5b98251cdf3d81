package io.closedloop.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.closedloop.stack.Suite;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running suite for all end-to-end tests of the JVM: the packaged services as separate processes on free ports,
 * over a fresh PostgreSQL and Kafka. Stopped when the test run ends.
 */
final class RunningSuite implements ExtensionContext.Store.CloseableResource {

    private static RunningSuite instance;

    private final Suite suite;

    private RunningSuite(Suite suite) {
        this.suite = suite;
    }

    static synchronized Suite get(ExtensionContext context) {
        if (instance == null) {
            try {
                Path home = Path.of(System.getProperty("closedloop.home", "..")).toAbsolutePath().normalize();
                Path work = Files.createTempDirectory("closedloop-e2e-");
                instance = new RunningSuite(Suite.start(Suite.Options.onFreePorts(home, work), Duration.ofSeconds(120)));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSuite.class.getName(), instance);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return instance.suite;
    }

    @Override
    public void close() {
        suite.close();
    }
}
