package io.closedloop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.closedloop.stack.Directories;
import io.closedloop.stack.Suite;

/**
 * {@code ./closedloop bench [intake|startup|all]}: starts the whole suite on free ports (the packaged services, a
 * fresh PostgreSQL and Kafka, as {@code ./closedloop run} does), runs the benchmarks with their baselines in the same
 * run, prints a Markdown report, and stops everything.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 || args[0].equals("all") ? List.of("startup", "intake") : List.of(args);
        int runs = Integer.getInteger("bench.runs", 3);
        Path home = Path.of(System.getProperty("closedloop.home", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("closedloop-bench-");
        System.out.printf("# Closed Loop benchmarks%n%nMachine: %d CPUs, %s %s, Java %s (%s). Runs: %d.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), runs);
        try (Suite suite = Suite.start(Suite.Options.onFreePorts(home, work), Duration.ofSeconds(120))) {
            for (String name : which) {
                switch (name) {
                    case "intake" -> new IntakeBench(suite, runs).run();
                    case "startup" -> new StartupBench(suite, runs).run();
                    default -> throw new IllegalArgumentException("No benchmark " + name + "; there are intake, startup, all");
                }
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }
}
