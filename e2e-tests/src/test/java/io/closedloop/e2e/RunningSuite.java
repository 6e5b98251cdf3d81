package io.closedloop.e2e;

import java.util.Map;

import io.closedloop.stack.Suite;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running suite for all end-to-end tests of the JVM that do not break it: the packaged services as separate
 * processes on free ports, over a fresh PostgreSQL and Kafka. Stopped and deleted when the test run ends.
 */
final class RunningSuite implements ExtensionContext.Store.CloseableResource {

    /**
     * An instruction's receipt is due two seconds after it is given, whatever the day or hour, so that the monitoring
     * test sees loops go overdue and echoes arrive late while it watches. Other loops keep their usual policies.
     */
    static final Map<String, String> SHORT_DEADLINES = Map.of(
            "CLOSEDLOOP_FEEDBACK_POLICIES_INSTRUCTION_RECEIPT_WITHIN", "PT2S",
            "CLOSEDLOOP_FEEDBACK_POLICIES_INSTRUCTION_BUSINESS_TIME", "false",
            "CLOSEDLOOP_FEEDBACK_POLICIES_INSTRUCTION_ESCALATE_AFTER", "PT5S");

    private static RunningSuite instance;

    private final PrivateSuite running;

    private RunningSuite(PrivateSuite running) {
        this.running = running;
    }

    static synchronized Suite get(ExtensionContext context) {
        if (instance == null) {
            instance = new RunningSuite(PrivateSuite.start("e2e", SHORT_DEADLINES));
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSuite.class.getName(), instance);
        }
        return instance.running.suite();
    }

    @Override
    public void close() {
        running.close();
    }
}
