package io.closedloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a measurement's CPU went, from Linux's /proc: each named process's user + system time, and the whole
 * machine's busy time, between two snapshots. On two shared cores, "the service is slow" is often "the service got
 * half a core": this says who had the rest.
 */
final class Cpu {

    /** Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids;
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private Map<Long, Long> startPostgres = Map.of();
    private final Map<String, Double> postgresByProcess = new java.util.TreeMap<>();
    private final Map<Long, Double> postgresByPid = new java.util.HashMap<>();
    private long startMachineBusy;
    private long startStolen;
    private long startNanos;

    Cpu(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    /** The suite's three services and the benchmark's own JVM, named as the reports name them. */
    static Cpu ofSuite(io.closedloop.stack.Suite suite) {
        Map<String, Long> pids = new LinkedHashMap<>();
        io.closedloop.stack.Suite.SERVICES.forEach(name -> pids.put(name, suite.service(name).pid()));
        pids.put("load generator", ProcessHandle.current().pid());
        return new Cpu(pids);
    }

    void start() {
        pids.forEach((name, pid) -> startTicks.put(name, ticks(pid)));
        startPostgres = postgresTicks();
        startMachineBusy = machineBusyTicks();
        startStolen = stolenTicks();
        startNanos = System.nanoTime();
    }

    /** Cores used by each process since {@link #start}, and by the machine as a whole ("machine"). */
    Map<String, Double> stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cores.put(name, (ticks(pid) - startTicks.get(name)) / TICKS / seconds));
        long postgres = 0;
        postgresByProcess.clear();
        postgresByPid.clear();
        for (Map.Entry<Long, Long> process : postgresTicks().entrySet()) {
            long used = process.getValue() - startPostgres.getOrDefault(process.getKey(), 0L);
            postgres += used;
            postgresByPid.put(process.getKey(), used / TICKS / seconds);
            if (used > 0) {
                postgresByProcess.merge(postgresRole(process.getKey()), used / TICKS / seconds, Double::sum);
            }
        }
        cores.put("PostgreSQL", postgres / TICKS / seconds);
        cores.put("machine", (machineBusyTicks() - startMachineBusy) / TICKS / seconds);
        cores.put("stolen", (stolenTicks() - startStolen) / TICKS / seconds);
        return cores;
    }

    /** After {@link #stop}: the cores of one PostgreSQL process (a backend, by its pid), 0 if it was not seen. */
    double postgresProcess(long pid) {
        return postgresByPid.getOrDefault(pid, 0.0);
    }

    /** After {@link #stop}: PostgreSQL's cores by kind of process (a database's backends, the WAL writer, ...). */
    Map<String, Double> postgresByProcess() {
        return postgresByProcess;
    }

    /** "backends of leads" for "postgres: postgres leads 127.0.0.1(4711) idle", else the process's title. */
    private static String postgresRole(long pid) {
        try {
            String title = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ').strip();
            if (!title.startsWith("postgres: ")) {
                return "postmaster";
            }
            String[] words = title.substring("postgres: ".length()).split(" ");
            if (words.length >= 3 && words[2].startsWith("127.0.0.1")) {
                return "backends of " + words[1];
            }
            return title.substring("postgres: ".length()).replaceAll("\\s+\\S*\\d+\\S*$", "");
        } catch (IOException | RuntimeException e) {
            return "ended";
        }
    }

    /**
     * utime + stime of every PostgreSQL process (the server and its backends, found by name). A backend that ends
     * between the snapshots is missed; the pools keep theirs.
     */
    static Map<Long, Long> postgresTicks() {
        Map<Long, Long> ticks = new java.util.HashMap<>();
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
                        ticks.put(Long.parseLong(name), ticks(Long.parseLong(name)));
                    }
                } catch (IOException | RuntimeException gone) {
                    // Ended between listing and reading.
                }
            }
        } catch (IOException e) {
            // /proc unreadable: no PostgreSQL processes to count.
        }
        return ticks;
    }

    /** utime + stime of a process, fields 14 and 15 of /proc/PID/stat (after the command name's parenthesis). */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The time the hypervisor ran something else while this machine's CPUs wanted to run (steal, the 8th field of
     * /proc/stat's first line): counted in the machine's busy time, in no process's. An hour in which the same work
     * takes longer shows here.
     */
    static long stolenTicks() {
        String[] f = allCpus();
        try {
            return f.length > 8 ? Long.parseLong(f[8]) : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** All CPUs' time not idle nor waiting for I/O, from the first line of /proc/stat. */
    static long machineBusyTicks() {
        String[] f = allCpus();
        try {
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * The fields of /proc/stat's first line: "cpu", then all CPUs' ticks by kind (user, nice, system, idle, iowait,
     * irq, softirq, steal, …); none when it cannot be read.
     */
    private static String[] allCpus() {
        try {
            return Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }
}
