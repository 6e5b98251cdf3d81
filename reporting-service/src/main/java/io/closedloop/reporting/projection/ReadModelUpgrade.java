package io.closedloop.reporting.projection;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A release that changes the read models' shape finds the live schema built with the old one: before the consumers
 * start (they start after this observer), every topic is replayed into a fresh schema of the new shape, which becomes
 * the live one. Readiness waits for it; the old schema is left for an operator to drop.
 */
@ApplicationScoped
public class ReadModelUpgrade {

    private static final Logger LOG = Logger.getLogger(ReadModelUpgrade.class);

    void onStart(@Observes @Priority(2) StartupEvent event, ReadModel readModel, ReadModelRebuild rebuild) {
        if (!readModel.outdated()) {
            return;
        }
        String previous = readModel.live();
        String schema = "rm_shape" + ReadModel.SHAPE + "_" + System.currentTimeMillis() / 1000;
        LOG.warnf("The live read models (%s) have an older shape than this release's (%d): rebuilding them into %s "
                + "from every topic before consuming", previous, ReadModel.SHAPE, schema);
        ReadModelRebuild.Result result = rebuild.rebuild(schema, true);
        LOG.infof("Read models rebuilt into %s from %,d events in %,d ms; %s can be dropped", schema, result.records(),
                result.millis(), previous);
    }
}
