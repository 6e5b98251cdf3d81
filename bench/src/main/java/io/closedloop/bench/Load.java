package io.closedloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** HTTP load: as fast as N clients go (throughput), or at a fixed offered rate (latency, coordinated-omission safe). */
final class Load {

    record Result(long ok, long failed, double seconds, List<Long> latenciesMicros) {
        double perSecond() {
            return ok / seconds;
        }

        double percentileMillis(double p) {
            return Stats.percentile(latenciesMicros, p) / 1000.0;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(4)).build();

    private Load() {
    }

    /** {@code clients} loops sending requests back to back for {@code duration}; counts the 2xx answers. */
    static Result closed(int clients, Duration duration, LongFunction<HttpRequest> request) throws InterruptedException {
        return closed(clients, duration, Long.MAX_VALUE, request);
    }

    /**
     * As {@link #closed(int, Duration, LongFunction)}, but no more than {@code limit} requests (numbered 1 … limit):
     * for requests that each use up something prepared, such as a lead to acknowledge.
     */
    static Result closed(int clients, Duration duration, long limit, LongFunction<HttpRequest> request)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                long n;
                while (System.nanoTime() < end && (n = sequence.incrementAndGet()) <= limit) {
                    long sent = System.nanoTime();
                    if (send(request.apply(n))) {
                        ok.incrementAndGet();
                        latencies.add((System.nanoTime() - sent) / 1_000);
                    } else {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return new Result(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9, List.copyOf(latencies));
    }

    /**
     * Requests at {@code perSecond} on a fixed schedule for {@code duration}; each latency is measured from the moment
     * the request was due, so a stall counts against every request it delayed.
     */
    static Result open(int perSecond, Duration duration, LongFunction<HttpRequest> request) throws InterruptedException {
        return open(perSecond, duration, request, (n, due) -> { });
    }

    /** As {@link #open(int, Duration, LongFunction)}, telling {@code onDue} when each request was due (nanoTime). */
    static Result open(int perSecond, Duration duration, LongFunction<HttpRequest> request,
                       java.util.function.BiConsumer<Long, Long> onDue) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        paced(perSecond, perSecond * duration.toSeconds(), (n, due) -> {
            onDue.accept(n, due);
            pool.submit(() -> {
                if (send(request.apply(n))) {
                    ok.incrementAndGet();
                    latencies.add((System.nanoTime() - due) / 1_000);
                } else {
                    failed.incrementAndGet();
                }
            });
        });
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        return new Result(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9, List.copyOf(latencies));
    }

    /**
     * Calls {@code each} with 0 … count−1 and the {@link System#nanoTime()} each was due at, {@code perSecond} apart
     * on a fixed schedule: a late call does not push back the ones after it.
     */
    static void paced(int perSecond, long count, java.util.function.BiConsumer<Long, Long> each) throws InterruptedException {
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            each.accept(i, due);
        }
    }

    private static boolean send(HttpRequest request) {
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static HttpRequest.Builder to(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }
}
