package io.closedloop.platform.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * when to try a failed delivery (a webhook, an e-mail) again: exponential backoff from {@code first}, capped at {@code max}, with up to 25%
 * random jitter so that a receiver coming back is not hit by every retry at once. Pure but for the random source.
 */
public record RetrySchedule(Duration first, Duration max) {

    /** The wait after the {@code attempt}-th failed attempt (1 for the first failure). */
    public Duration after(int attempt, RandomGenerator random) {
        long base = first.toMillis();
        long capped = max.toMillis();
        long delay = attempt >= 62 ? capped : Math.min(capped, base * (1L << Math.min(attempt - 1, 40)));
        long jitter = (long) (delay * 0.25 * random.nextDouble());
        return Duration.ofMillis(Math.min(capped, delay + jitter));
    }
}
