package io.closedloop.e2e.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.closedloop.e2e.ServedApi;
import io.closedloop.stack.Suite;

/** The walkers' operations (every one of the three served documents) and how a probe is sent. */
final class Requests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Requests() {
    }

    record Operation(String service, Probes probes) {
        String name() {
            return service + " " + probes.method() + " " + probes.template();
        }
    }

    static List<Operation> operations(Suite suite) throws IOException, InterruptedException {
        return ServedApi.operations(suite).stream().map(o -> new Operation(o.service(),
                new Probes(o.document(), o.method(), o.template(), o.pathItem()))).toList();
    }

    static HttpResponse<String> send(Suite suite, String service, Probes.Probe probe, String token)
            throws InterruptedException {
        return send(suite, service, probe, token, Map.of());
    }

    static HttpResponse<String> send(Suite suite, String service, Probes.Probe probe, String token,
                                     Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.service(service).url() + probe.path()))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        headers.forEach(request::header);
        request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body(), StandardCharsets.UTF_8));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(service + " " + probe.method() + " " + probe.path() + " [" + probe.what()
                    + "]: no answer: " + e, e);
        }
    }
}
