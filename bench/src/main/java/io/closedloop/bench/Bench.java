package io.closedloop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.closedloop.stack.Directories;
import io.closedloop.stack.ServiceProcess;
import io.closedloop.stack.Suite;

/**
 * {@code ./closedloop bench [roundtrips|startup|intake|e2e|scorecards|replay|hostile|soak|all]}: starts the whole suite on free ports (the packaged services, a
 * fresh PostgreSQL and Kafka, as {@code ./closedloop run} does), runs the benchmarks with their baselines in the same
 * run, prints a Markdown report, and stops everything.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        // The HTTP clients' pools are not daemon threads: leave as soon as the report is printed, or the run failed.
        try {
            run(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        List<String> which = args.length == 0 || args[0].equals("all") ? List.of("roundtrips", "startup", "intake", "e2e", "scorecards", "replay", "hostile") : List.of(args);
        int runs = Integer.getInteger("bench.runs", 3);
        Path home = Path.of(System.getProperty("closedloop.home", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("closedloop-bench-");
        System.out.printf("# Closed Loop benchmarks%n%nCommand: `./closedloop bench %s`.%n%nMachine: %d CPUs, %s %s, Java %s (%s). Runs: %d.%n%n",
                args.length == 0 ? "all" : String.join(" ", args),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), runs);
        String settings = String.join(" ", System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.")
                && !k.equals("bench.pgbench")).sorted().map(k -> "-D" + k + "=" + System.getProperty(k)).toList());
        if (!settings.isEmpty()) {
            System.out.printf("Settings (`BENCH_OPTS`): `%s`.%n%n", settings);
        }
        System.out.printf("Benchmark JVM (load, watcher, Kafka broker) options: `%s`.%n%n",
                String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X")).toList()));
        // The services' JVM options, as for ./closedloop run: CLOSEDLOOP_SERVICE_JAVA_OPTS compares other settings.
        String javaOptions = ServiceProcess.configuredJavaOptions();
        System.out.printf("Service JVM options: `%s`.%n%n", javaOptions);
        for (String service : Suite.SERVICES) {
            String own = ServiceProcess.ownJavaOptions(service);
            if (!own.isBlank()) {
                System.out.printf("Added for %s: `%s`.%n%n", service, own);
            }
        }
        Suite.Options options = Suite.Options.onFreePorts(home, work).withJavaOptions(javaOptions);
        try (Suite suite = Suite.start(options, Duration.ofSeconds(120))) {
            Map<String, Duration> firstStart = suite.readyAfter();
            settleClassData(suite);
            for (String name : which) {
                switch (name) {
                    case "intake" -> new IntakeBench(suite, runs).run();
                    case "startup" -> new StartupBench(suite, runs, firstStart).run();
                    case "e2e" -> new EndToEndBench(suite, runs).run();
                    case "scorecards" -> new ScorecardBench(suite, runs).run();
                    case "replay" -> new ReplayBench(suite, runs).run();
                    case "hostile" -> new HostileBench(suite, runs).run();
                    case "roundtrips" -> new RoundTripBench(suite).run();
                    case "soak" -> new SoakBench(suite).run();
                    default -> throw new IllegalArgumentException("No benchmark " + name
                            + "; there are roundtrips, startup, intake, e2e, scorecards, replay, hostile, soak (not in all), all");
                }
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /**
     * The first start after a build trains each service's class data archive, which is written when that process
     * stops: restart those once, so every benchmark measures the services as every later start runs them.
     */
    private static void settleClassData(Suite suite) {
        for (String name : Suite.SERVICES) {
            ServiceProcess service = suite.service(name);
            if (service.trainingClassData()) {
                service.stop(Duration.ofSeconds(60));
                service.start().awaitReady(Duration.ofSeconds(60));
            }
        }
    }
}
