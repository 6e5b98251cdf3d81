package io.closedloop.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.closedloop.stack.DevTokens;

/**
 * Referrals sent to leads-service the way a careful client sends them: each with its own {@code Idempotency-Key},
 * at a steady rate, a few in flight; a write counts as acknowledged only when a 2xx came back with the lead's id.
 * Writes that got no answer (the service was down, the database gone) are retried later with the same key, which
 * must not create a second lead. Given several replicas, the writes take turns among them, as behind a load
 * balancer, and a retry goes to the next one.
 */
final class ReferralStream {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final java.util.List<String> leadsUrls;
    private final Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
    private final String referrer;
    private final String token = DevTokens.mint("fault-admin", "admin");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<Integer> unanswered = ConcurrentHashMap.newKeySet();
    /** What must never happen, recorded where it happens (a worker thread) and asserted by the test. */
    private final java.util.Queue<String> violations = new java.util.concurrent.ConcurrentLinkedQueue<>();

    ReferralStream(String leadsUrl, String referrer) {
        this(java.util.List.of(leadsUrl), referrer);
    }

    ReferralStream(java.util.List<String> leadsUrls, String referrer) {
        this.leadsUrls = java.util.List.copyOf(leadsUrls);
        this.referrer = referrer;
    }

    String referrer() {
        return referrer;
    }

    /** Sends writes {@code from} (inclusive) to {@code to} (exclusive) at about {@code perSecond}, in the background. */
    CompletableFuture<Void> sendAsync(int from, int to, int perSecond) {
        return CompletableFuture.runAsync(() -> send(from, to, perSecond));
    }

    void send(int from, int to, int perSecond) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        try {
            for (int i = from; i < to; i++) {
                long due = start + (i - from) * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = i;
                pool.submit(() -> attempt(index));
            }
            pool.shutdown();
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("writes still in flight after two minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Retries every unanswered write with its own key until all are acknowledged. */
    void retryUnanswered(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!unanswered.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Writes still unanswered after " + timeout + ": " + new TreeSet<>(unanswered));
            }
            for (Integer index : Set.copyOf(unanswered)) {
                attempt(index);
            }
        }
    }

    /** Index of the write → the id of the lead it created, for every acknowledged write. */
    Map<Integer, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    Set<Integer> unanswered() {
        return Set.copyOf(unanswered);
    }

    java.util.List<String> violations() {
        return java.util.List.copyOf(violations);
    }

    private void attempt(int index) {
        String body = """
                {"source":"REFERRAL","referrerId":"%s","customer":{"name":"Customer %d","email":"%s-%d@example.com"},
                 "product":"Business loan","estimatedValue":{"amount":%d,"currency":"EUR"}}"""
                .formatted(referrer, index, referrer, index, 1000 + index);
        int attempt = attempts.merge(index, 1, Integer::sum) - 1;
        String leadsUrl = leadsUrls.get((index + attempt) % leadsUrls.size());
        HttpRequest request = HttpRequest.newBuilder(URI.create(leadsUrl + "/leads"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", referrer + "-" + index)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(response.body());
            if (response.statusCode() / 100 == 2 && id.find()) {
                String earlier = acknowledged.putIfAbsent(index, id.group(1));
                if (earlier != null && !earlier.equals(id.group(1))) {
                    violations.add("Idempotency-Key " + referrer + "-" + index + " created two leads: "
                            + earlier + " and " + id.group(1));
                }
                unanswered.remove(index);
                return;
            }
            if (response.statusCode() / 100 == 4) {
                violations.add("A valid write was refused: " + response.statusCode() + " " + response.body());
                return;
            }
            unanswered.add(index);
        } catch (IOException e) {
            unanswered.add(index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unanswered.add(index);
        }
    }
}
