package io.closedloop.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.closedloop.stack.ServiceProcess;
import io.closedloop.stack.Suite;

/**
 * Goal 5, first half: each service's time from process start to its first 200 on /q/health/ready (restarted one at a
 * time on an up-to-date database and a running broker, as a rolling restart does), and its RSS when idle 10 s after.
 * RSS under load is sampled by the intake benchmark, which loads all three.
 */
final class StartupBench {

    private final Suite suite;
    private final int runs;
    private final Map<String, Duration> firstStart;

    /** @param firstStart each service's first start in this run: after a build, the one that trains its archive */
    StartupBench(Suite suite, int runs, Map<String, Duration> firstStart) {
        this.suite = suite;
        this.runs = runs;
        this.firstStart = firstStart;
    }

    void run() throws InterruptedException {
        System.out.printf("## Time to ready and idle RSS (goal: ready ≤ 3 s, RSS ≤ 256 MB)%n%n");
        System.out.printf("| service | ready, median of %d (s) | each run (s) | RSS idle, median (MB) | first start of the run (s) |%n"
                + "|---|---|---|---|---|%n", runs);
        for (String name : Suite.SERVICES) {
            ServiceProcess service = suite.service(name);
            List<Double> ready = new ArrayList<>();
            List<Long> rss = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                service.stop(Duration.ofSeconds(25));
                service.start();
                ready.add(service.awaitReady(Duration.ofSeconds(60)).toMillis() / 1000.0);
                Thread.sleep(10_000);
                rss.add(Rss.megabytes(service.pid()));
            }
            System.out.printf("| %s | %.2f | %s | %d | %.2f |%n", name, Stats.median(ready),
                    ready.stream().map(r -> String.format("%.2f", r)).toList(), (long) Stats.median(rss),
                    firstStart.get(name).toMillis() / 1000.0);
        }
        System.out.printf("%nThe first start after a build has no class data archive of its own yet: it writes one when it "
                + "stops (ClassDataArchive), and every later start, the measured ones, uses it.%n%n");
    }
}
