package io.closedloop.platform.worker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A background worker's thread: it does a round of work, and when the round found nothing to do it sleeps until
 * woken ({@link #wakeUp()}, typically after a commit that gave it work) or until {@code idle} has passed, which also
 * picks up work nobody woke it for (a retry coming due, a crashed replica's leftovers). A round that did something is
 * followed by another at once. A failing round is logged and tried again a second later.
 */
public final class WakeableLoop {

    /** One round of work; returns how many things it did (0: nothing was due). */
    @FunctionalInterface
    public interface Round {
        int run() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(WakeableLoop.class);

    private final String name;
    private final Duration idle;
    private final Round round;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;

    public WakeableLoop(String name, Duration idle, Round round) {
        this.name = name;
        this.idle = idle;
        this.round = round;
    }

    public void start() {
        running = true;
        Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** Ends the loop after its current round. */
    public void stop() {
        running = false;
        wakeUp();
    }

    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (round.run() == 0) {
                    wakeUps.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("%s failed, trying again: %s", name, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
