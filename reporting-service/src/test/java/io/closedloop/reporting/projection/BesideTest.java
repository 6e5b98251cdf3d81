package io.closedloop.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class BesideTest {

    @Test
    void join_returns_once_the_work_has_run_to_its_end() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Beside beside = Beside.start("beside-test", () -> {
            started.countDown();
            sleep(200);
            done.set(true);
        });
        started.await();
        beside.join();
        assertThat(done).isTrue();
    }

    @Test
    void what_the_work_threw_is_thrown_by_join() {
        Beside beside = Beside.start("beside-test", () -> {
            throw new SQLException("counters failed");
        });
        assertThatThrownBy(beside::join).isInstanceOf(SQLException.class).hasMessage("counters failed");
    }

    @Test
    void after_the_callers_own_failure_the_works_goes_with_it() {
        AtomicBoolean done = new AtomicBoolean();
        Beside beside = Beside.start("beside-test", () -> {
            sleep(200);
            done.set(true);
            throw new IllegalStateException("counters failed too");
        });
        SQLException own = new SQLException("rows failed");
        beside.joinAfter(own);
        assertThat(done).as("waited for the work").isTrue();
        assertThat(own.getSuppressed()).singleElement().satisfies(e -> assertThat(e).hasMessage("counters failed too"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
