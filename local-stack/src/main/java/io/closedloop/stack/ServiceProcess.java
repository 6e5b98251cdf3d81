package io.closedloop.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, as in production: the
 * API on one port, the operations endpoints ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}) on the
 * management interface's; its output goes to a log file, readiness is read from {@code /q/health/ready}, and it
 * stops with SIGTERM (graceful) or SIGKILL (a crash).
 */
public final class ServiceProcess {

    /**
     * Three services, a broker and a database share a developer's laptop or a 2-core runner (measurements in
     * BENCHMARKS.md, "Time to ready and RSS" and "Issue 17"): the serial collector, and a heap capped at 64 MB, 2–3× the
     * live sets after a full collection (leads 27 MB, feedback 28–33, reporting 22–24, from GC logs of a 10-minute
     * soak), because under load Serial GC grows its old generation to the cap rather than collect it (with 96 MB,
     * every service passed 256 MB of RSS in a long soak); the free ratios hand memory back after a collection. Not
     * compact object headers: measured in the same conditions they cost start-up (ready 3.1-3.4 s against 2.6-3.1 s)
     * and RSS under load (leads 256 against 247 MB). C1 only: C2, once warm, takes leads-service's unrouted intake from
     * ~640 to ~800 a second, but it holds ~63 MB more under load (its code cache, the compiled methods' data, method
     * profiles and the compiler threads' freed arenas; Native Memory Tracking, BENCHMARKS.md, 2026-12-07), which no
     * service's 256 MB budget has room for, and its compilations delay the start on two cores (ready in 2.9 s, not
     * 2.0). A code-cache sweep only after half the code cache has been filled since the last one
     * ({@code SweeperThreshold=50}, default 15): each sweep is a full collection of the serial collector, and the
     * default's, every 9.6 MB of compiled code, stopped feedback-service for 674 ms and reporting-service for 534 ms
     * while they warmed up under load (BENCHMARKS.md, issue 18); a service's C1 code reached ~16 MB in the same runs
     * and triggered none; a code cache near full is still swept at once.
     */
    public static final String DEFAULT_JAVA_OPTIONS = "-XX:+UseSerialGC -Xms32m -Xmx64m -Xss512k "
            + "-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1 "
            + "-XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:SweeperThreshold=50 -XX:+ExitOnOutOfMemoryError";

    /** The services' JVM options for ./closedloop run and the benchmarks: CLOSEDLOOP_SERVICE_JAVA_OPTS replaces them. */
    public static String configuredJavaOptions() {
        return System.getenv().getOrDefault("CLOSEDLOOP_SERVICE_JAVA_OPTS", DEFAULT_JAVA_OPTIONS);
    }

    /**
     * One service's additions to the shared options, after them (the last {@code -Xmx} wins):
     * CLOSEDLOOP_SERVICE_JAVA_OPTS_LEADS_SERVICE and the like — to try one service's settings, or log its collections.
     */
    public static String ownJavaOptions(String service) {
        return System.getenv().getOrDefault(
                "CLOSEDLOOP_SERVICE_JAVA_OPTS_" + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), "");
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private final Path logFile;
    private final List<String> javaOptions;
    private final Path appDir;
    private final ClassDataArchive classData;
    private Process process;
    private long startedAtNanos;

    /**
     * @param port           the API's port ({@code QUARKUS_HTTP_PORT})
     * @param managementPort the operations endpoints' port ({@code QUARKUS_MANAGEMENT_PORT})
     * @param environment    the rest of the process's environment
     */
    public ServiceProcess(String name, Path jar, int port, int managementPort, Map<String, String> environment,
                          Path logFile, String javaOptions) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        Map<String, String> env = new java.util.LinkedHashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        // Whoever opens the API's address in a browser lands on its documentation, where it is served (the local run).
        if ("true".equals(env.get("QUARKUS_SWAGGER_UI_ENABLED"))) {
            env.putIfAbsent("CLOSEDLOOP_HTTP_FRONT_PAGE", "http://" + env.getOrDefault("QUARKUS_MANAGEMENT_HOST", "127.0.0.1")
                    + ":" + managementPort + "/q/swagger-ui");
        }
        this.environment = Map.copyOf(env);
        this.logFile = logFile;
        this.javaOptions = List.of((javaOptions.strip() + " " + ownJavaOptions(name)).strip().split("\\s+"));
        this.appDir = jar.toAbsolutePath().getParent();
        this.classData = new ClassDataArchive(appDir);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The API. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int managementPort() {
        return managementPort;
    }

    /** The operations endpoints: {@code /q/health}, {@code /q/metrics}, {@code /q/openapi}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing (run ./mvnw package)");
        }
        for (int p : List.of(port, managementPort)) {
            if (!FreePorts.isFree(p)) {
                throw new IllegalStateException("Port " + p + " for " + name + " is in use: is another Closed Loop "
                        + "running? Stop it, or choose other ports.");
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(ProcessHandle.current().info().command().orElse("java")).toString());
        command.addAll(javaOptions);
        if (classData.training()) {
            classData.afterExit(false); // The previous process ended without being stopped: a crash.
        }
        command.addAll(classData.optionsForStart());
        command.add("-jar");
        command.add(jar.getFileName().toString());
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(appDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            startedAtNanos = System.nanoTime();
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Waits for {@code /q/health/ready} to answer 200; returns how long it took since {@link #start()}. */
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited before it was ready; see " + logFile);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedAtNanos);
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + logFile);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
    public synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        process.destroy();
        boolean endedOnItsOwn = false;
        try {
            endedOnItsOwn = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            if (!endedOnItsOwn) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        classData.afterExit(endedOnItsOwn);
        process = null;
    }

    /** True while this process is the one whose exit writes the service's class data archive. */
    public synchronized boolean trainingClassData() {
        return classData.training();
    }

    /** SIGKILL: the process gets no chance to finish anything, as in a crash. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        classData.afterExit(false);
        process = null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
