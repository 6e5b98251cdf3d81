package io.closedloop.platform.health;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.closedloop.platform.kafka.KafkaSettings;
import io.closedloop.platform.outbox.OutboxRelay;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Kafka readiness. A service is not ready until it has reached the broker once. After that, a broker outage is
 * reported (broker: unreachable, with the outbox backlog) but does not make the service unready: writes are kept
 * in the transactional outbox and published when the broker is back, so turning traffic away would only lose
 * requests that are safe to take.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_MS = 2_000;

    private final Map<String, Object> kafkaConfig;
    private final OutboxRelay relay;
    private volatile Admin admin;
    private volatile Instant lastReached;
    private volatile boolean stopped;

    @Inject
    KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, OutboxRelay relay) {
        this.kafkaConfig = kafkaConfig;
        this.relay = relay;
    }

    /** Reaches the broker once in the background after start, so readiness does not wait for the first probe. */
    void onStart(@Observes StartupEvent event) {
        Thread.ofVirtual().name("kafka-first-contact").start(() -> {
            while (lastReached == null && !stopped) {
                try {
                    reach();
                } catch (Exception e) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        });
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka")
                .withData("outboxBacklog", relay.backlog());
        try {
            int nodes = reach();
            return response.up().withData("broker", "reachable").withData("nodes", nodes).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Instant reached = lastReached;
            if (reached == null) {
                return response.down().withData("broker", "never reached").build();
            }
            return response.up().withData("broker", "unreachable")
                    .withData("lastReached", reached.toString())
                    .withData("writes", "kept in the outbox until the broker is back").build();
        }
    }

    private int reach() throws Exception {
        int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
        lastReached = Instant.now();
        return nodes;
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = KafkaSettings.forClient(kafkaConfig, AdminClientConfig.configNames());
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "closedloop-health");
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
                    admin = Admin.create(config);
                }
                a = admin;
            }
        }
        return a;
    }

    @PreDestroy
    void close() {
        stopped = true;
        Admin a = admin;
        if (a != null) {
            a.close(java.time.Duration.ofSeconds(2));
        }
    }
}
