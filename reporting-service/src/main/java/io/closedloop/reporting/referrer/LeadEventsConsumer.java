package io.closedloop.reporting.referrer;

import io.closedloop.events.EventCatalog;
import io.closedloop.platform.inbox.EventHandler;
import io.closedloop.platform.inbox.IdempotentConsumer;
import io.closedloop.platform.inbox.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class LeadEventsConsumer implements EventHandler {

    static final String CONSUMER = "reporting.lead-events";

    private final IdempotentConsumer consumer;
    private final ReferrerReporting referrers;

    LeadEventsConsumer(IdempotentConsumer consumer, ReferrerReporting referrers) {
        this.consumer = consumer;
        this.referrers = referrers;
    }

    @Incoming("lead-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(CONSUMER, records, this);
    }

    @Override
    public boolean handles(String type) {
        return EventCatalog.LEAD_RECEIVED.type().equals(type);
    }

    @Override
    public void handle(IncomingEvent event) {
        referrers.onLeadReceived(event.data(EventCatalog.LEAD_RECEIVED));
    }
}
