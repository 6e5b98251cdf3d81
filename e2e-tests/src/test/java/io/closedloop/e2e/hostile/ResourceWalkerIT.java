package io.closedloop.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.closedloop.e2e.ServedApi;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.ServiceProcess;
import io.closedloop.stack.Suite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Beside the hostile-input walker, the requests that cost a careless service its memory or its threads, for every
 * operation of the three served documents, against the packaged services with their real 64 MB heaps: lists of
 * 200,000 elements, dates and durations at the edges of what a computer holds, request lines and headers past their
 * limits, bodies that never finish arriving, and the heaviest of these many at once. Every answer is a 4xx with
 * problem details, every service is still the same process and ready afterwards, and not a row is stored.
 *
 * <p>"Fast" is measured by {@code ./closedloop bench hostile}; here a request is only held to a bound far above
 * anything sound (five seconds), so that a service that works through 200,000 elements before refusing them fails.
 */
@ExtendWith(IdleSuite.class)
class ResourceWalkerIT {

    private static final String ADMIN = DevTokens.mint("probe-admin", "admin", "integrator");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration SOUND = Duration.ofSeconds(5);

    private static Suite suite;
    private Map<String, Long> pids;
    private Map<String, Long> rows;

    @BeforeAll
    static void start(Suite idle) {
        suite = idle;
    }

    @BeforeEach
    void remember() throws Exception {
        pids = pids();
        rows = Rows.count(suite);
    }

    /** Every service the same process as before, ready, and not a row more anywhere. */
    @AfterEach
    void everyServiceStillUpAndNothingStored() throws Exception {
        assertThat(pids()).as("the services' processes: none died and was restarted").isEqualTo(pids);
        for (String name : Suite.SERVICES) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                    URI.create(suite.service(name).managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(name + " ready afterwards: " + ready.body()).isEqualTo(200);
        }
        assertThat(Rows.count(suite)).as("rows in every table of every database").isEqualTo(rows);
    }

    @Test
    void lists_of_200000_elements_are_refused_before_anything_is_built_from_them() throws Exception {
        List<String> failures = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        for (Requests.Operation operation : Requests.operations(suite)) {
            for (Probes.Probe probe : new ResourceProbes(operation.probes()).oversizedLists()) {
                long started = System.nanoTime();
                HttpResponse<String> response = Requests.send(suite, operation.service(), probe, ADMIN);
                long took = (System.nanoTime() - started) / 1_000_000;
                millis.add(took);
                String verdict = refusedSoundly(response, took, 400, 413);
                if (verdict != null) {
                    failures.add(operation.name() + " [" + probe.what() + "] → " + response.statusCode() + " "
                            + Probes.shortly(response.body()) + ": " + verdict);
                }
            }
        }
        assertThat(failures).isEmpty();
        // Lists in the bodies of leads, feedback and reporting today: fewer means the walker lost its way.
        assertThat(millis).hasSizeGreaterThanOrEqualTo(12);
        report("200,000-element lists", millis);
    }

    @Test
    void dates_and_durations_outside_their_range_are_refused_naming_the_field() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Requests.Operation operation : Requests.operations(suite)) {
            for (ResourceProbes.Named named : new ResourceProbes(operation.probes()).extremeValues()) {
                long started = System.nanoTime();
                HttpResponse<String> response = Requests.send(suite, operation.service(), named.probe(), ADMIN);
                sent++;
                String verdict = refusedSoundly(response, (System.nanoTime() - started) / 1_000_000, 400);
                if (verdict == null && !response.body().contains(named.field())) {
                    verdict = "the problem does not name " + named.field();
                }
                if (verdict != null) {
                    failures.add(operation.name() + " [" + named.probe().what() + "] → " + response.statusCode() + " "
                            + Probes.shortly(response.body()) + ": " + verdict);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(sent).as("extreme values sent").isGreaterThanOrEqualTo(60);
    }

    @Test
    void request_lines_and_headers_past_their_limits_are_answered_with_problems() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Requests.Operation operation : Requests.operations(suite)) {
            ResourceProbes probes = new ResourceProbes(operation.probes());
            Probes.Probe longLine = probes.longRequestLine();
            HttpResponse<String> line = Requests.send(suite, operation.service(), longLine, ADMIN);
            String verdict = refusedSoundly(line, 0, 414);
            if (verdict != null) {
                failures.add(operation.name() + " [" + longLine.what() + "] → " + line.statusCode() + ": " + verdict);
            }
            Probes.Probe plain = operation.probes().plain();
            HttpResponse<String> headers = Requests.send(suite, operation.service(), plain, ADMIN,
                    Map.of("X-Padding", "x".repeat(20 * 1024)));
            verdict = refusedSoundly(headers, 0, 431);
            if (verdict != null) {
                failures.add(operation.name() + " [20 KB of headers] → " + headers.statusCode() + ": " + verdict);
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Half a body, then nothing: every such request is answered 408 once the body deadline passes. Meanwhile, with
     * more bodies stalled than the worker pool has threads (200), each service answers a read from its database at
     * once: a request whose body is still arriving holds no worker thread.
     */
    @Test
    void bodies_that_never_finish_are_cut_off_at_their_deadline_and_hold_nothing_meanwhile() throws Exception {
        List<Requests.Operation> operations = Requests.operations(suite);
        List<Requests.Operation> withBodies = operations.stream().filter(o -> new ResourceProbes(o.probes()).hasBody()).toList();
        assertThat(withBodies).hasSizeGreaterThanOrEqualTo(25);
        Requests.Operation intake = withBodies.stream().filter(o -> o.name().equals("leads-service POST /leads")).findFirst()
                .orElseThrow();
        List<Requests.Operation> stalling = new ArrayList<>(withBodies);
        stalling.addAll(Collections.nCopies(250, intake));
        ExecutorService pool = Executors.newFixedThreadPool(stalling.size());
        try {
            List<CompletableFuture<String>> stalled = new ArrayList<>();
            for (Requests.Operation operation : stalling) {
                stalled.add(CompletableFuture.supplyAsync(() -> halfABody(operation), pool));
            }
            Thread.sleep(IdleSuite.BODY_DEADLINE.toMillis() / 2);
            for (String name : Suite.SERVICES) {
                Requests.Operation read = operations.stream().filter(o -> o.service().equals(name)
                        && o.probes().method().equals("GET") && !o.probes().template().contains("{")).findFirst().orElseThrow();
                long started = System.nanoTime();
                HttpResponse<String> other = Requests.send(suite, name, read.probes().plain(), ADMIN);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(other.statusCode()).as(read.name() + " while bodies stall: " + other.body()).isLessThan(500);
                assertThat(took).as(read.name() + " answer time while bodies stall").isLessThan(SOUND);
            }
            List<String> failures = stalled.stream().map(CompletableFuture::join).filter(f -> f != null).toList();
            assertThat(failures).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The heaviest request of each operation eight times at once, from one client: the 600 KB lists. Besides 400 and
     * 413, a client with too many bodies being read at once may be told 429; the service must stay up.
     */
    @Test
    void the_heaviest_requests_many_at_once_leave_every_service_up() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int sent = 0;
        try {
            for (Requests.Operation operation : Requests.operations(suite)) {
                List<Probes.Probe> lists = new ResourceProbes(operation.probes()).oversizedLists();
                if (lists.isEmpty()) {
                    continue;
                }
                Probes.Probe heaviest = lists.stream().max(java.util.Comparator.comparingInt(p -> p.body().length())).orElseThrow();
                List<CompletableFuture<Void>> copies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    copies.add(CompletableFuture.runAsync(() -> {
                        try {
                            HttpResponse<String> response = Requests.send(suite, operation.service(), heaviest, ADMIN);
                            String verdict = refusedSoundly(response, 0, 400, 413, 429);
                            if (verdict != null) {
                                failures.add(operation.name() + " [" + heaviest.what() + " × 8] → " + response.statusCode()
                                        + ": " + verdict);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, pool));
                    sent++;
                }
                copies.forEach(CompletableFuture::join);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(8 * 8);
    }

    /** Null when the answer is one of {@code statuses}, as problem details, within the sound bound. */
    private static String refusedSoundly(HttpResponse<String> response, long millis, int... statuses) {
        boolean expected = java.util.Arrays.stream(statuses).anyMatch(s -> s == response.statusCode());
        if (!expected) {
            return "expected one of " + java.util.Arrays.toString(statuses);
        }
        if (!ServedApi.isProblem(response)) {
            return "not problem details but " + response.headers().firstValue("content-type").orElse("no body");
        }
        if (millis > SOUND.toMillis()) {
            return "took " + millis + " ms";
        }
        return null;
    }

    /** Sends the headers and half the body, then waits: null when a 408 problem came after the deadline. */
    private static String halfABody(Requests.Operation operation) {
        ResourceProbes probes = new ResourceProbes(operation.probes());
        byte[] body = probes.plausibleBody().getBytes(StandardCharsets.UTF_8);
        ServiceProcess service = suite.service(operation.service());
        String target = operation.probes().plain().path();
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout((int) (IdleSuite.BODY_DEADLINE.toMillis() + SOUND.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write((operation.probes().method() + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + ADMIN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (body.length + 10) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!answer.startsWith("HTTP/1.1 408")) {
                return operation.name() + ": expected 408, got " + Probes.shortly(answer);
            }
            if (!answer.contains("application/problem+json") || !answer.contains("request-timeout")) {
                return operation.name() + ": the 408 is not problem details: " + Probes.shortly(answer);
            }
            if (took.compareTo(IdleSuite.BODY_DEADLINE) < 0) {
                return operation.name() + ": refused after " + took.toMillis() + " ms, before the deadline";
            }
            return null;
        } catch (IOException e) {
            return operation.name() + ": no answer to a stalled body: " + e;
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) != -1) {
            answer.write(buffer, 0, read);
            if (answer.toString(StandardCharsets.UTF_8).contains("\"instance\"")) {
                break;
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new java.util.TreeMap<>();
        Suite.SERVICES.forEach(name -> pids.put(name, suite.service(name).pid()));
        return pids;
    }

    private static void report(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("%s: %d requests, median %d ms, slowest %d ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.getLast());
    }
}
