package io.closedloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.closedloop.stack.DevTokens;
import io.closedloop.stack.ServiceProcess;
import io.closedloop.stack.Suite;

/**
 * "A 600 KB hostile request answered in under a second with the service still up": the request that once ran a
 * 96 MB service out of memory — a list of 200,000 empty objects — sent to one operation of each service, one at a
 * time and then eight at once. Baseline, in the same run: the same 600 KB body without a token, which the service
 * reads whole and refuses (401) without parsing it, so the ratio is what parsing up to the list's bound costs.
 */
final class HostileBench {

    private static final int ELEMENTS = 200_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private record Target(String service, String method, String path, String body) {
    }

    private final Suite suite;
    private final int runs;

    HostileBench(Suite suite, int runs) {
        this.suite = suite;
        this.runs = runs;
    }

    void run() throws Exception {
        String list = "[" + "{},".repeat(ELEMENTS - 1) + "{}]";
        List<Target> targets = List.of(
                new Target("leads-service", "PUT", "/sla-policies", "{\"policies\":" + list + "}"),
                new Target("feedback-service", "POST", "/complaints", "{\"items\":" + list + "}"),
                new Target("reporting-service", "POST", "/evidence", "{\"items\":" + list + "}"));
        String token = DevTokens.mint("bench-admin", "admin", "integrator");
        int samples = Math.max(10, runs * 10);
        System.out.printf("## A 600 KB hostile request (goal: answered in under a second, the service still up)%n%n");
        System.out.printf("Each request: a list of %,d empty objects (%,d bytes), %d times one after another, then 8 at once"
                + " from one client. Baseline: the same body without a token (read whole, refused 401 unparsed).%n%n",
                ELEMENTS, targets.getFirst().body().length(), samples);
        System.out.printf("| service | operation | answer | median (ms) | slowest (ms) | baseline median (ms) | ratio | "
                + "8 at once: answers, slowest (ms) | same process, ready after | RSS after (MB) |%n"
                + "|---|---|---|---|---|---|---|---|---|---|%n");
        for (Target target : targets) {
            ServiceProcess service = suite.service(target.service());
            long pid = service.pid();
            List<Long> baseline = new ArrayList<>();
            List<Long> hostile = new ArrayList<>();
            String answer = "";
            for (int i = 0; i < samples; i++) {
                baseline.add(send(service, target, null).millis());
                Timed timed = send(service, target, token);
                hostile.add(timed.millis());
                answer = Integer.toString(timed.status());
            }
            List<Timed> together = atOnce(service, target, token, 8);
            String statuses = together.stream().map(t -> Integer.toString(t.status())).sorted().distinct()
                    .reduce((a, b) -> a + "/" + b).orElse("");
            long slowestTogether = together.stream().mapToLong(Timed::millis).max().orElse(0);
            boolean up = service.pid() == pid && ready(service);
            System.out.printf("| %s | %s %s | %s | %.0f | %d | %.0f | %.2f | %s, %d | %s | %d |%n", target.service(),
                    target.method(), target.path(), answer, Stats.median(hostile),
                    hostile.stream().mapToLong(Long::longValue).max().orElse(0), Stats.median(baseline),
                    Stats.median(hostile) / Math.max(1, Stats.median(baseline)), statuses, slowestTogether,
                    up ? "yes" : "NO", Rss.megabytes(service.pid()));
        }
        System.out.printf("%nWhat limits these figures: sending 600 KB over loopback and reading it on the event loop "
                + "(the baseline), then parsing up to the list's bound; the client, the three services, PostgreSQL and "
                + "Kafka share the machine's CPUs. Eight at once from one address pass its 4 MB share of body buffer "
                + "only if they overlap; those beyond it are told 429.%n%n");
    }

    private record Timed(int status, long millis) {
    }

    private static Timed send(ServiceProcess service, Target target, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url() + target.path()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(target.method(), HttpRequest.BodyPublishers.ofString(target.body()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token).header("If-Match", "*");
        }
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Timed(response.statusCode(), (System.nanoTime() - started) / 1_000_000);
    }

    private static List<Timed> atOnce(ServiceProcess service, Target target, String token, int copies) {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<CompletableFuture<Timed>> sent = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return send(service, target, token);
                    } catch (Exception e) {
                        return new Timed(-1, -1);
                    }
                }, pool));
            }
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean ready(ServiceProcess service) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }
}
