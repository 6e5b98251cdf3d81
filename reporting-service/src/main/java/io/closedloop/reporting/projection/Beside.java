package io.closedloop.reporting.projection;

import java.sql.SQLException;

/** Work run on a thread of its own, beside the caller's, and waited for: one of a rebuild's two branches. */
final class Beside {

    /** What runs beside. */
    @FunctionalInterface
    interface Work {
        void run() throws SQLException;
    }

    private final Thread thread;
    private Throwable failure;

    private Beside(String name, Work work) {
        this.thread = Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure = e;
            }
        });
    }

    static Beside start(String name, Work work) {
        Beside beside = new Beside(name, work);
        beside.thread.start();
        return beside;
    }

    /** Waits for the work; what it threw is thrown here. */
    void join() throws SQLException {
        awaitEnd();
        if (failure instanceof SQLException e) {
            throw e;
        } else if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Waits for the work after the caller's own failed: what the work threw goes with {@code failed}. */
    void joinAfter(Exception failed) {
        awaitEnd();
        if (failure != null) {
            failed.addSuppressed(failure);
        }
    }

    private void awaitEnd() {
        boolean interrupted = false;
        // The caller closes (returns to the pool) what the work uses only once it is done with it.
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
