package io.closedloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.closedloop.stack.Suite;

/**
 * The pipeline's stages as the services measure them, between two scrapes of their /q/metrics: how long an event
 * waited from its time to the commit of its effect in each consumer (a histogram: medians to its bucket's bound), and
 * how each consumer batched.
 */
final class Stages {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Every sample line of every service: "service metric{labels}" → value. */
    record Snapshot(Map<String, Double> samples) {

        static Snapshot take(Suite suite) throws Exception {
            Map<String, Double> samples = new HashMap<>();
            for (String service : Suite.SERVICES) {
                String body = HTTP.send(HttpRequest.newBuilder(URI.create(suite.service(service).managementUrl() + "/q/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String line : body.split("\n")) {
                    if (line.startsWith("closedloop_consumer_") || line.startsWith("closedloop_events_consumed_total")) {
                        int space = line.lastIndexOf(' ');
                        try {
                            samples.put(service + " " + line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                        } catch (NumberFormatException e) {
                            // not a sample
                        }
                    }
                }
            }
            return new Snapshot(samples);
        }

        private double delta(Snapshot before, String key) {
            return samples.getOrDefault(key, 0.0) - before.samples.getOrDefault(key, 0.0);
        }
    }

    /** What one consumer did between two snapshots. */
    record Consumer(double delayP50Millis, double delayP99Millis, double batches, double events, double batchMeanMillis) {

        double eventsPerBatch() {
            return batches == 0 ? 0 : events / batches;
        }
    }

    private Stages() {
    }

    static Consumer of(Snapshot before, Snapshot after, String service, String consumer) {
        String labels = "consumer=\"" + consumer + "\"";
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        String prefix = service + " closedloop_consumer_delay_seconds_bucket{";
        for (String key : after.samples().keySet()) {
            if (key.startsWith(prefix) && key.contains(labels)) {
                String le = key.substring(key.indexOf("le=\"") + 4, key.indexOf('"', key.indexOf("le=\"") + 4));
                cumulative.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), after.delta(before, key));
            }
        }
        double batches = sum(before, after, service + " closedloop_consumer_batch_seconds_count{", labels);
        double batchSeconds = sum(before, after, service + " closedloop_consumer_batch_seconds_sum{", labels);
        double events = sum(before, after, service + " closedloop_events_consumed_total{", labels + ",outcome=\"processed\"");
        return new Consumer(quantile(cumulative, 0.5) * 1000, quantile(cumulative, 0.99) * 1000, batches, events,
                batches == 0 ? 0 : batchSeconds / batches * 1000);
    }

    private static double sum(Snapshot before, Snapshot after, String prefix, String labels) {
        return after.samples().keySet().stream().filter(k -> k.startsWith(prefix) && k.contains(labels))
                .mapToDouble(k -> after.delta(before, k)).sum();
    }

    /** The upper bound of the bucket holding quantile {@code q}; NaN when nothing was observed. */
    private static double quantile(TreeMap<Double, Double> cumulative, double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= q * total) {
                return bucket.getKey();
            }
        }
        return Double.NaN;
    }
}
