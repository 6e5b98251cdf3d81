package io.closedloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one service's CPU goes while a load runs, told two ways: by thread (Linux's per-thread user + system time,
 * which also sees the compiler and the garbage collector) and, for the Java code, by library (Java Flight Recorder's
 * execution samples, each charged to the first frame from the top of its stack that belongs to a known library —
 * a {@code HashMap.get} called by Hibernate is Hibernate's).
 */
final class Profile {

    /** Package prefixes and the name the report gives them, most specific first. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("org.postgresql.", "PostgreSQL JDBC driver"),
            Map.entry("io.agroal.", "connection pool (Agroal)"),
            Map.entry("com.arjuna.", "transactions (Narayana)"),
            Map.entry("io.narayana.", "transactions (Narayana)"),
            Map.entry("io.quarkus.narayana.", "transactions (Narayana)"),
            Map.entry("org.hibernate.validator.", "bean validation"),
            Map.entry("org.hibernate.", "Hibernate ORM"),
            Map.entry("io.quarkus.hibernate.", "Hibernate ORM"),
            Map.entry("com.fasterxml.jackson.", "JSON (Jackson)"),
            Map.entry("io.smallrye.jwt.", "bearer tokens (SmallRye JWT, jose4j)"),
            Map.entry("org.jose4j.", "bearer tokens (SmallRye JWT, jose4j)"),
            Map.entry("io.quarkus.smallrye.jwt.", "bearer tokens (SmallRye JWT, jose4j)"),
            Map.entry("io.quarkus.security.", "security checks"),
            Map.entry("io.quarkus.vertx.http.runtime.security.", "security checks"),
            Map.entry("kafka.", "Kafka broker"),
            Map.entry("org.apache.kafka.server.", "Kafka broker"),
            Map.entry("org.apache.kafka.storage.", "Kafka broker"),
            Map.entry("org.apache.kafka.raft.", "Kafka broker"),
            Map.entry("org.apache.kafka.metadata.", "Kafka broker"),
            Map.entry("org.apache.kafka.coordinator.", "Kafka broker"),
            Map.entry("org.apache.kafka.", "Kafka client"),
            Map.entry("jdk.internal.net.http.", "JDK HTTP client"),
            Map.entry("io.micrometer.", "metrics (Micrometer)"),
            Map.entry("io.quarkus.micrometer.", "metrics (Micrometer)"),
            Map.entry("io.opentelemetry.", "tracing (OpenTelemetry)"),
            Map.entry("io.quarkus.opentelemetry.", "tracing (OpenTelemetry)"),
            Map.entry("org.jboss.logmanager.", "logging"),
            Map.entry("org.jboss.logging.", "logging"),
            Map.entry("org.jboss.resteasy.", "REST endpoints (RESTEasy)"),
            Map.entry("io.quarkus.resteasy.", "REST endpoints (RESTEasy)"),
            Map.entry("io.netty.", "HTTP server (Vert.x, Netty)"),
            Map.entry("io.vertx.", "HTTP server (Vert.x, Netty)"),
            Map.entry("io.quarkus.vertx.", "HTTP server (Vert.x, Netty)"),
            Map.entry("io.closedloop.", "Closed Loop's own code"),
            Map.entry("io.quarkus.arc.", "CDI (ArC)"),
            Map.entry("io.smallrye.context.", "context propagation"),
            Map.entry("org.jboss.threads.", "worker threads"),
            Map.entry("io.quarkus.", "Quarkus, other"),
            Map.entry("io.smallrye.", "SmallRye, other"));

    private final long pid;
    private final Path recording;
    private final Map<String, Long> threadTicks;
    private final long startNanos;

    private Profile(long pid, Path recording) {
        this.pid = pid;
        this.recording = recording;
        this.threadTicks = threadTicks(pid);
        this.startNanos = System.nanoTime();
    }

    /** Starts a flight recording (the JDK's "profile" settings: a sample every 10 ms per running thread). */
    static Profile start(long pid) throws IOException, InterruptedException {
        Path file = Files.createTempFile("profile-" + pid + "-", ".jfr");
        jcmd(pid, "JFR.start", "name=bench-profile", "settings=profile");
        return new Profile(pid, file);
    }

    /** Stops the recording and answers the two tables, cores used by thread group and sample shares by library. */
    Result stop() throws IOException, InterruptedException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Long> after = threadTicks(pid);
        jcmd(pid, "JFR.stop", "name=bench-profile", "filename=" + recording);
        Map<String, Double> cores = new TreeMap<>();
        after.forEach((group, ticks) -> {
            double used = (ticks - threadTicks.getOrDefault(group, 0L)) / 100.0 / seconds;
            if (used > 0) {
                cores.put(group, used);
            }
        });
        Map<String, Long> samples = new TreeMap<>();
        Map<String, Long> methods = new TreeMap<>();
        Map<String, Long> own = new TreeMap<>();
        long total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    List<RecordedFrame> frames = event.getStackTrace().getFrames();
                    samples.merge(library(frames), 1L, Long::sum);
                    if (!frames.isEmpty() && frames.getFirst().getMethod() != null) {
                        var method = frames.getFirst().getMethod();
                        methods.merge(method.getType().getName() + "." + method.getName(), 1L, Long::sum);
                    }
                    ownMethods(frames).forEach(m -> own.merge(m, 1L, Long::sum));
                    total++;
                }
            }
        } finally {
            keepOrDelete(recording);
        }
        return new Result(cores, samples, methods, own, total);
    }

    /**
     * {@code -Dbench.profile.keep=DIR}: the recording is moved there (named by the service's process id) for a closer
     * look with {@code jfr} or JDK Mission Control; otherwise deleted.
     */
    private static void keepOrDelete(Path recording) throws IOException {
        String keep = System.getProperty("bench.profile.keep");
        if (keep == null || keep.isBlank()) {
            Files.deleteIfExists(recording);
            return;
        }
        Path dir = Files.createDirectories(Path.of(keep));
        Files.move(recording, dir.resolve(recording.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closed Loop's methods anywhere on a stack, each once: what the samples under them cost, callees included. */
    static java.util.Set<String> ownMethods(List<RecordedFrame> frames) {
        java.util.Set<String> own = new java.util.LinkedHashSet<>();
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() != null && frame.getMethod().getType() != null
                    && frame.getMethod().getType().getName().startsWith("io.closedloop.")) {
                String type = frame.getMethod().getType().getName();
                own.add(type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName());
            }
        }
        return own;
    }

    /** Cores used per thread group, and execution samples per library and per method on top of the stack. */
    record Result(Map<String, Double> coresByThreads, Map<String, Long> samplesByLibrary,
                  Map<String, Long> samplesByTopMethod, Map<String, Long> samplesUnderOwnMethod, long samples) {

        double cores() {
            return coresByThreads.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Markdown: the heading, CPU per unit of work, the cores by thread, the samples by library and by method. */
        void print(String heading, String service, double perSecond, String unit) {
            System.out.printf("## %s%n%n%s used %.2f cores at %,.0f %ss per second: %.3f ms of CPU per %s.%n%n", heading,
                    service, cores(), perSecond, unit, 1000 * cores() / perSecond, unit);
            System.out.printf("| threads | cores | ms per %s |%n|---|---|---|%n", unit);
            coresByThreads.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .filter(e -> e.getValue() >= 0.005)
                    .forEach(e -> System.out.printf("| `%s` | %.2f | %.3f |%n", e.getKey(), e.getValue(),
                            1000 * e.getValue() / perSecond));
            System.out.printf("%nJava execution samples (%d), each charged to the first library frame from the top of its "
                    + "stack:%n%n| library | share of samples |%n|---|---|%n", samples);
            samplesByLibrary.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("| %s | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / samples));
            System.out.printf("%nThe methods most often on top of the stack:%n%n| method | share of samples |%n|---|---|%n");
            samplesByTopMethod.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(15)
                    .forEach(e -> System.out.printf("| `%s` | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / samples));
            System.out.printf("%nClosed Loop's methods, by the samples on the stack under them (callees included; a sample "
                    + "counts for every one of them on its stack):%n%n| method | share of samples |%n|---|---|%n");
            samplesUnderOwnMethod.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(20)
                    .forEach(e -> System.out.printf("| `%s` | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / samples));
            System.out.println();
        }
    }

    static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> library : LIBRARIES) {
                if (type.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        return "the JDK alone (no library frame on the stack)";
    }

    /** utime + stime per thread group: a thread's name with its trailing number dropped ("executor-thread-3"). */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> groups = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    groups.merge(group(name), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // The thread ended between listing and reading.
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return groups;
    }

    /** Linux keeps 15 characters of a thread's name; numbered threads of one pool become one group. */
    static String group(String threadName) {
        String name = threadName.replaceAll("[-#\\s]*\\d+$", "");
        return name.isEmpty() ? threadName : name;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || out.contains("Could not") || out.contains("Exception")) {
            throw new IllegalStateException(String.join(" ", line) + " failed:\n" + out);
        }
    }
}
