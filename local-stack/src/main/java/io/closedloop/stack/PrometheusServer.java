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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the {@code prometheus} binary, e.g. from Debian's package) scraping the running services
 * with the committed scrape configuration and alert rules of {@code deploy/monitoring}: for the local run, and for
 * the test that evaluates every dashboard and alert against live metrics.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path logFile;

    private PrometheusServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** The prometheus binary: $PROMETHEUS_BIN, else the one on the PATH; empty when there is none. */
    public static Optional<Path> binary() {
        String configured = System.getenv("PROMETHEUS_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Tools.onPath("prometheus");
    }

    /**
     * The committed local scrape configuration ({@code deploy/monitoring/prometheus/local.yml}) pointed at these
     * management ports (by job name) and at the rules folder by its absolute path, with this scrape interval.
     */
    public static String localConfig(Path home, Map<String, Integer> managementPorts, Duration scrapeInterval) {
        Path config = home.resolve("deploy/monitoring/prometheus/local.yml");
        String yaml;
        try {
            yaml = Files.readString(config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + config, e);
        }
        List<String> defaults = List.of("127.0.0.1:9081", "127.0.0.1:9082", "127.0.0.1:9083");
        for (int i = 0; i < Suite.SERVICES.size(); i++) {
            Integer port = managementPorts.get(Suite.SERVICES.get(i));
            if (port == null || !yaml.contains(defaults.get(i))) {
                throw new IllegalStateException(config + " no longer scrapes " + Suite.SERVICES.get(i) + " at " + defaults.get(i));
            }
            yaml = yaml.replace(defaults.get(i), "127.0.0.1:" + port);
        }
        String seconds = scrapeInterval.toSeconds() + "s";
        return yaml.replace("../rules/", home.resolve("deploy/monitoring/rules").toAbsolutePath() + "/")
                .replaceAll("scrape_interval: \\S+", "scrape_interval: " + seconds)
                .replaceAll("evaluation_interval: \\S+", "evaluation_interval: " + seconds);
    }

    /** Starts Prometheus with this configuration on 127.0.0.1:{@code port}, its data in {@code workDir}. */
    public static PrometheusServer start(Path binary, String config, Path workDir, int port, Duration readyTimeout) {
        try {
            Files.createDirectories(workDir);
            Path configFile = workDir.resolve("prometheus.yml");
            Files.writeString(configFile, config);
            Path logFile = workDir.resolve("prometheus.log");
            List<String> command = new ArrayList<>(List.of(binary.toString(),
                    "--config.file=" + configFile,
                    "--storage.tsdb.path=" + workDir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--web.enable-lifecycle",
                    "--log.level=warn"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            PrometheusServer server = new PrometheusServer(process, port, logFile);
            server.awaitReady(readyTimeout);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Prometheus", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited before it was ready; see " + logFile);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Prometheus not ready within " + timeout + "; see " + logFile);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
