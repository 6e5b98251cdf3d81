package io.closedloop.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local run's webhook receiver: feedback-service delivers the demo's subscriptions to it, and each delivery is
 * written to {@code .closedloop/webhooks} as it arrived — the request line, the signature header and the body — so a
 * newcomer sees what an integration receives without setting one up. Nothing leaves the machine.
 */
public final class LocalWebhooks implements AutoCloseable {

    /** A delivery larger than this is answered 413 and not written. */
    private static final int MAX_BODY = 256 * 1024;

    private final HttpServer server;
    private final Path folder;
    private final AtomicInteger written = new AtomicInteger();

    private LocalWebhooks(int port, Path folder) throws IOException {
        Files.createDirectories(folder);
        this.folder = folder;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/webhooks/", this::receive);
        server.start();
    }

    /** The receiver on {@code port}, or null when the port is taken (the run goes on without it). */
    public static LocalWebhooks start(int port, Path folder) {
        if (!FreePorts.isFree(port)) {
            return null;
        }
        try {
            return new LocalWebhooks(port, folder);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Where a subscription named {@code name} delivers to. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/" + name;
    }

    /** feedback-service may deliver to this machine, over plain http: only where nothing is exposed. */
    public static Map<String, String> environment() {
        return Map.of("CLOSEDLOOP_FEEDBACK_WEBHOOKS_ALLOW_PRIVATE_NETWORK", "true",
                "CLOSEDLOOP_FEEDBACK_WEBHOOKS_REQUIRE_HTTPS", "false");
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            String name = exchange.getRequestURI().getPath().substring("/webhooks/".length()).replaceAll("[^A-Za-z0-9._-]", "_");
            StringBuilder delivery = new StringBuilder("POST ").append(exchange.getRequestURI().getPath()).append('\n');
            // The headers worth reading: what the body is, and Closed Loop's own (the signature, the delivery's id).
            exchange.getRequestHeaders().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("Content-Type") || h.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("closedloop-"))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(h -> delivery.append(h.getKey()).append(": ").append(String.join(", ", h.getValue())).append('\n'));
            delivery.append('\n').append(new String(body, StandardCharsets.UTF_8)).append('\n');
            Files.writeString(folder.resolve(String.format("%04d-%s.http", written.incrementAndGet(), name)), delivery);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
