package io.closedloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.closedloop.stack.PostgresServer;
import io.closedloop.stack.Suite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The event pipeline as the benchmarks see it from outside: whether it is idle, and how much each consumer applied. */
final class Pipeline {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PROCESSED = Pattern.compile(
            "^closedloop_events_consumed_total\\{[^}]*outcome=\"processed\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private Pipeline() {
    }

    /**
     * Until every service's outbox is empty and every consumer group of the suite has read everything, twice in a row
     * 200 ms apart (an event still in an outbox is not yet in any topic's end offset).
     */
    static void awaitQuiet(Suite suite) throws Exception {
        Properties common = new Properties();
        common.put("bootstrap.servers", suite.kafka().bootstrapServers());
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        int quietInARow = 0;
        try (Admin admin = Admin.create(common)) {
            while (quietInARow < 2) {
                long backlog = unrelayed(suite) + lag(admin);
                quietInARow = backlog == 0 ? quietInARow + 1 : 0;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the pipeline still holds " + backlog + " events after 5 minutes");
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Until the machine has been nearly idle (below {@code cores} busy) for a whole second, or {@code atMost} has
     * passed; answers how long it waited. An empty pipeline is not yet a quiet machine: after a run at a rate the
     * machine cannot hold, autovacuum and the services' own clean-ups go on working through the next run's start.
     */
    static Duration awaitIdleMachine(double cores, Duration atMost) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            long before = Cpu.machineBusyTicks();
            Thread.sleep(1_000);
            if ((Cpu.machineBusyTicks() - before) / 100.0 < cores) {
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Events a service has applied so far (its consumers' {@code processed} outcome, summed). */
    static long processed(Suite suite, String service) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create(suite.service(service).managementUrl() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        double total = 0;
        Matcher m = PROCESSED.matcher(metrics.body());
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return Math.round(total);
    }

    private static long unrelayed(Suite suite) throws Exception {
        long rows = 0;
        for (String service : Suite.SERVICES) {
            try (Connection c = DriverManager.getConnection(suite.postgres().jdbcUrl(Suite.database(service)),
                    PostgresServer.SUPERUSER, ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event")) {
                rs.next();
                rows += rs.getLong(1);
            }
        }
        return rows;
    }

    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        for (var group : admin.listConsumerGroups().all().get()) {
            if (group.groupId().startsWith("bench.")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
        }
        return lag;
    }
}
