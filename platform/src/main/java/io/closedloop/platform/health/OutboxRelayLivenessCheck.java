package io.closedloop.platform.health;

import io.closedloop.platform.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** A service whose relay thread died would keep accepting writes and never publish them: restart it. */
@Liveness
@ApplicationScoped
public class OutboxRelayLivenessCheck implements HealthCheck {

    private final OutboxRelay relay;

    OutboxRelayLivenessCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox-relay").status(relay.isAlive())
                .withData("backlog", relay.backlog()).build();
    }
}
