package io.closedloop.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WakeableLoopTest {

    @Test
    void an_idle_loop_runs_again_when_woken_long_before_its_interval() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        WakeableLoop loop = new WakeableLoop("test-woken", Duration.ofMinutes(1), () -> {
            first.countDown();
            second.countDown();
            return 0;
        });
        loop.start();
        try {
            assertThat(first.await(5, TimeUnit.SECONDS)).as("the first round at start").isTrue();
            loop.wakeUp();
            assertThat(second.await(5, TimeUnit.SECONDS)).as("a round when woken, not a minute later").isTrue();
        } finally {
            loop.stop();
        }
    }

    @Test
    void a_round_that_did_work_is_followed_by_another_and_a_failing_round_is_tried_again() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        WakeableLoop loop = new WakeableLoop("test-busy", Duration.ofMinutes(1), () -> {
            int round = rounds.incrementAndGet();
            if (round == 1) {
                throw new IllegalStateException("the database is away");
            }
            if (round == 4) {
                done.countDown();
            }
            return round < 4 ? 1 : 0;
        });
        loop.start();
        try {
            // Round 1 fails (retried a second later); rounds 2 and 3 did work, so 3 and 4 follow at once.
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300);
            assertThat(rounds.get()).as("no round after one that found nothing, until woken").isEqualTo(4);
        } finally {
            loop.stop();
        }
    }
}
