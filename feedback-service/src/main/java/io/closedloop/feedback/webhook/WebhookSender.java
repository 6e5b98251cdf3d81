package io.closedloop.feedback.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one delivery, and says how it went without quoting the network back: the receiver's address is checked again
 * first ({@link UrlPolicy}: a name may have come to point inside), and the whole exchange — connecting, the response's
 * headers and its body — must end within the timeout, or it is abandoned. A receiver that sends its headers and then
 * stalls holds one sender for the timeout, never the others.
 */
final class WebhookSender {

    /** What became of an attempt, as the subscriber is told it. */
    enum Outcome { DELIVERED, HTTP_ERROR, TIMEOUT, UNREACHABLE, ADDRESS_REFUSED }

    /** An attempt's outcome, the receiver's HTTP status when it answered, and how long it took. */
    record Attempt(Outcome outcome, Integer status, long durationMs) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final UrlPolicy.Rules rules;

    WebhookSender(Duration timeout, UrlPolicy.Rules rules) {
        this.timeout = timeout;
        this.rules = rules;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Attempt send(WebhookDispatcher.Leased delivery, Instant signedAt) {
        long started = System.nanoTime();
        if (UrlPolicy.problem(delivery.url(), rules) != null) {
            return new Attempt(Outcome.ADDRESS_REFUSED, null, 0);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "ClosedLoop-Webhooks/1")
                .header(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(), signedAt, delivery.body()))
                .header("Closedloop-Event-Id", delivery.notificationId().toString())
                .header("Closedloop-Event-Type", delivery.type())
                .header("Closedloop-Delivery-Id", delivery.deliveryId().toString())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            int status = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return new Attempt(status >= 200 && status < 300 ? Outcome.DELIVERED : Outcome.HTTP_ERROR, status, elapsed(started));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Attempt(Outcome.TIMEOUT, null, elapsed(started));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Attempt(Outcome.UNREACHABLE, null, elapsed(started));
        } catch (ExecutionException e) {
            // The client's own request timeout (the same length) can fire before ours: a timeout either way.
            return new Attempt(e.getCause() instanceof HttpTimeoutException ? Outcome.TIMEOUT : Outcome.UNREACHABLE,
                    null, elapsed(started));
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
