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

    /**
     * An instruction's receipt is due two seconds after it is given, whatever the day or hour, so that the monitoring
     * test sees loops go overdue and echoes arrive late while it watches. Other loops keep their usual policies.
     */
    static final java.util.Map<String, String> SHORT_DEADLINES = java.util.Map.of(
            "CLOSEDLOOP_FEEDBACK_POLICIES_INSTRUCTION_RECEIPT_WITHIN", "PT2S",
            "CLOSEDLOOP_FEEDBACK_POLICIES_INSTRUCTION_BUSINESS_TIME", "false",
            "CLOSEDLOOP_FEEDBACK_POLICIES_INSTRUCTION_ESCALATE_AFTER", "PT5S");

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
                Suite.Options free = Suite.Options.onFreePorts(home, work);
                Suite.Options options = new Suite.Options(free.home(), free.dataDir(), free.logDir(), free.keepData(),
                        free.postgresPort(), free.kafkaPort(), free.kafkaControllerPort(), free.servicePorts(),
                        free.javaOptions(), SHORT_DEADLINES);
                instance = new RunningSuite(Suite.start(options, Duration.ofSeconds(120)));
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
        PrivateSuite.deleteQuietly(suite.options().dataDir().getParent());
    }
}
