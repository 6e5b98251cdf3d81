package io.closedloop.feedback.loop;

import io.closedloop.events.EventCatalog;
import io.closedloop.platform.inbox.EventHandler;
import io.closedloop.platform.inbox.IdempotentConsumer;
import io.closedloop.platform.inbox.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Lead events from leads-service: every referral and handoff opens or moves a loop. */
@ApplicationScoped
public class LeadEventsConsumer implements EventHandler {

    static final String CONSUMER = "feedback.lead-events";

    private final IdempotentConsumer consumer;
    private final LoopOpening opening;

    LeadEventsConsumer(IdempotentConsumer consumer, LoopOpening opening) {
        this.consumer = consumer;
        this.opening = opening;
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
        opening.onLeadReceived(event.data(EventCatalog.LEAD_RECEIVED));
    }
}
