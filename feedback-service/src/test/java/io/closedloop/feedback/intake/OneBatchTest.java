package io.closedloop.feedback.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.EventJson;
import io.closedloop.events.EventType;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.Money;
import io.closedloop.events.lead.AssignmentStrategy;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.loop.Echo;
import io.closedloop.feedback.loop.Loop;
import io.closedloop.feedback.loop.LoopState;
import io.closedloop.feedback.notification.Notification;
import io.closedloop.platform.inbox.IncomingEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A batch is applied in memory and written at commit: a loop opened, owned, acknowledged and closed within one batch
 * ends as if its events had come one by one, and so does a loop of an earlier batch whose echo is the batch's first
 * write (the echo rows may then reach the database before the new loop's row).
 */
@QuarkusTest
class OneBatchTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    @Inject
    LeadEventsConsumer consumer;

    private final List<IncomingEvent> pending = new ArrayList<>();
    private long offset;

    @Test
    void a_loop_opened_and_closed_in_one_batch_and_an_older_loop_echoed_first() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String rita = "rita-" + tag;
        String amy = "amy-" + tag;
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();

        add(EventCatalog.LEAD_RECEIVED, received(older, rita));
        add(EventCatalog.LEAD_ASSIGNED, assigned(older, amy));
        apply();

        add(EventCatalog.LEAD_ACKNOWLEDGED, new LeadAcknowledged(older, amy, null, rita, T0, T0.plusSeconds(3600),
                T0.plusSeconds(60), false));
        add(EventCatalog.LEAD_RECEIVED, received(newer, rita));
        add(EventCatalog.LEAD_ASSIGNED, assigned(newer, amy));
        add(EventCatalog.LEAD_ACKNOWLEDGED, new LeadAcknowledged(newer, amy, null, rita, T0, T0.plusSeconds(3600),
                T0.plusSeconds(120), false));
        add(EventCatalog.LEAD_WON, new LeadWon(newer, amy, null, rita, "email:" + newer, LeadSource.REFERRAL,
                new Money(new BigDecimal("1000"), "EUR"), T0, amy, T0.plusSeconds(600)));
        apply();

        QuarkusTransaction.requiringNew().run(() -> {
            Loop first = Loop.find("leadId = ?1 and kind = ?2", older, LoopKind.REFERRAL).singleResult();
            assertThat(first.ownerId).isEqualTo(amy);
            assertThat(first.receiptAt).isEqualTo(T0.plusSeconds(60));
            assertThat(first.state).isEqualTo(LoopState.OPEN);
            assertThat(first.echoes).isEqualTo(1);

            Loop second = Loop.find("leadId = ?1 and kind = ?2", newer, LoopKind.REFERRAL).singleResult();
            assertThat(second.ownerId).isEqualTo(amy);
            assertThat(second.receiptAt).isEqualTo(T0.plusSeconds(120));
            assertThat(second.state).isEqualTo(LoopState.CLOSED);
            assertThat(second.echoes).isEqualTo(2);
            assertThat(Echo.<Echo>list("loopId", second.id).stream().map(e -> e.kind))
                    .containsExactlyInAnyOrder(EchoKind.RECEIPT, EchoKind.OUTCOME);

            TrackedLead lead = TrackedLead.findById(newer);
            assertThat(lead.status).isEqualTo("WON");
            assertThat(lead.ownerId).isEqualTo(amy);
            assertThat(Notification.count("recipientId = ?1 and loopId = ?2", rita, second.id)).isEqualTo(2);
        });
    }

    private static LeadReceived received(UUID lead, String referrer) {
        return new LeadReceived(lead, LeadSource.REFERRAL, referrer, "email:" + lead, "Ms Batch", null, "Widget", null,
                null, null, null, "intake", T0);
    }

    private static LeadAssigned assigned(UUID lead, String owner) {
        return new LeadAssigned(lead, null, null, owner, "system", "rule", AssignmentStrategy.ROUND_ROBIN, T0,
                T0.plusSeconds(3600), null);
    }

    private <T extends Record> void add(EventType<T> type, T data) {
        long n = offset++;
        pending.add(new IncomingEvent(UUID.randomUUID().toString(), "test", type.type(), T0, null, null,
                EventJson.mapper().valueToTree(data), "leads.events", 0, n));
    }

    private void apply() {
        List<IncomingEvent> batch = List.copyOf(pending);
        pending.clear();
        QuarkusTransaction.requiringNew().run(() -> consumer.handleBatch(batch));
    }
}
