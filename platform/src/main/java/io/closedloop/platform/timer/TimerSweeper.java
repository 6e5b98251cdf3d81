package io.closedloop.platform.timer;

import io.closedloop.platform.config.PlatformConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Fires due timers every {@code closedloop.timers.sweep-every}. Tests turn it off and fire timers by hand. */
@ApplicationScoped
public class TimerSweeper {

    private static final Logger LOG = Logger.getLogger(TimerSweeper.class);

    private final Timers timers;
    private final PlatformConfig.Timers config;

    TimerSweeper(Timers timers, PlatformConfig config) {
        this.timers = timers;
        this.config = config.timers();
    }

    @Scheduled(every = "${closedloop.timers.sweep-every:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!config.enabled()) {
            return;
        }
        try {
            int fired;
            do {
                fired = timers.fireDue(config.batchSize());
            } while (fired == config.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("Timer sweep failed, next sweep will retry: %s", e.getMessage());
        }
    }
}
