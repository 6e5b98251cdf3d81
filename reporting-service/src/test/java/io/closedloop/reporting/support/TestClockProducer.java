package io.closedloop.reporting.support;

import java.time.Clock;

import io.closedloop.stack.testing.TestClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the service's clock (a default bean) with the one tests move by hand. */
public class TestClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return TestClock.INSTANCE;
    }
}
