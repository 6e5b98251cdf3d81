package io.closedloop.e2e.hostile;

import java.util.Map;

import io.closedloop.e2e.PrivateSuite;
import io.closedloop.stack.Suite;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One suite for the hostile walkers, which nobody else writes to, so that "nothing stored" can be checked by counting
 * every table's rows: {@code @ExtendWith(IdleSuite.class)} and a {@link Suite} parameter. The services run with their
 * real 64 MB heaps; a body has 2 s to arrive rather than 10, so the slow-body probes take seconds. Stopped and
 * deleted when the test run ends.
 */
public final class IdleSuite implements ParameterResolver {

    static final java.time.Duration BODY_DEADLINE = java.time.Duration.ofSeconds(2);

    private static Holder holder;

    private record Holder(PrivateSuite running) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            running.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Suite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        synchronized (IdleSuite.class) {
            if (holder == null) {
                holder = new Holder(PrivateSuite.start("idle", Map.of(
                        "CLOSEDLOOP_HTTP_BODY_DEADLINE", BODY_DEADLINE.toSeconds() + "s")));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(IdleSuite.class.getName(), holder);
            }
            return holder.running().suite();
        }
    }
}
