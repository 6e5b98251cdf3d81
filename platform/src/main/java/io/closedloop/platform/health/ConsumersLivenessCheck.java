package io.closedloop.platform.health;

import java.util.List;

import io.closedloop.platform.kafka.TopicConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * A subscription whose handler gave up on a batch has stopped there, its offsets uncommitted: restart the service so
 * the batch is read again, rather than leave its topic unread.
 */
@Liveness
@ApplicationScoped
public class ConsumersLivenessCheck implements HealthCheck {

    private final TopicConsumers consumers;

    ConsumersLivenessCheck(TopicConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> failed = consumers.failed();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumers").status(failed.isEmpty());
        for (int i = 0; i < failed.size(); i++) {
            response.withData("stopped-" + i, failed.get(i));
        }
        return response.build();
    }
}
