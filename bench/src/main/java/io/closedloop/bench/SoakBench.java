package io.closedloop.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.closedloop.stack.DevTokens;
import io.closedloop.stack.Suite;

/**
 * The crash risk of the services' memory settings: intake at the benchmark's peak (8 clients as fast as they go) for
 * {@code bench.soak.minutes} (10), every lead consumed by the other two services, RSS sampled every second. A service
 * that ran out of heap exits ({@code -XX:+ExitOnOutOfMemoryError}), so "alive at the end, no failed request" is the
 * verdict; throughput per minute shows whether the collector keeps up or the service slows down as it goes.
 */
final class SoakBench {

    private static final int CLIENTS = 8;

    private final Suite suite;
    private final LeadsApi api;
    private final Duration duration = Duration.ofMinutes(Long.getLong("bench.soak.minutes", 10));
    private final String token = DevTokens.mint("soak-agent", "agent");
    private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    private final AtomicLong customers = new AtomicLong();

    SoakBench(Suite suite) {
        this.suite = suite;
        this.api = new LeadsApi(suite);
    }

    void run() throws Exception {
        Map<String, Long> peakRss = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> Suite.SERVICES.forEach(name ->
                peakRss.merge(name, Rss.megabytes(suite.service(name).pid()), Math::max)), 0, 1, TimeUnit.SECONDS);
        System.out.printf("%n## Soak: intake at peak for %d minutes%n%n| minute | leads/s | failed | RSS leads / feedback / reporting (MB) |%n|---|---|---|---|%n",
                duration.toMinutes());
        long failed = 0;
        try {
            for (int minute = 1; minute <= duration.toMinutes(); minute++) {
                Load.Result result = Load.closed(CLIENTS, Duration.ofMinutes(1), this::newLead);
                failed += result.failed();
                System.out.printf("| %d | %.0f | %d | %d / %d / %d |%n", minute, result.perSecond(), result.failed(),
                        Rss.megabytes(suite.service("leads-service").pid()), Rss.megabytes(suite.service("feedback-service").pid()),
                        Rss.megabytes(suite.service("reporting-service").pid()));
            }
        } finally {
            sampler.shutdownNow();
        }
        System.out.printf("%n| service | peak RSS (MB) | alive at the end |%n|---|---|---|%n");
        for (String name : Suite.SERVICES) {
            boolean alive = ProcessHandle.of(suite.service(name).pid()).map(ProcessHandle::isAlive).orElse(false);
            System.out.printf("| %s | %d | %s |%n", name, peakRss.get(name), alive ? "yes" : "**no**");
        }
        System.out.printf("%nFailed requests: %d.%n%n", failed);
    }

    private HttpRequest newLead(long n) {
        return api.newLead(token, "Ms Soak", "soak-%s-%d@example.com".formatted(run, customers.incrementAndGet()),
                "Business loan");
    }
}
