package io.closedloop.feedback.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventJson;
import io.closedloop.events.EventType;
import io.closedloop.events.lead.AssignmentStrategy;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.SlaClock;
import io.closedloop.events.lead.SlaReminded;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.loop.Loop;
import io.closedloop.platform.inbox.IncomingEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.StaleStateException;
import org.junit.jupiter.api.Test;

/**
 * The consumer of lead events reads a batch's tracked leads and loops as rows and writes back only those the events
 * changed, whole: every column an event does not change comes back as it was, a changed loop's version goes one up
 * (so a stale copy held elsewhere fails its update), and a row nothing changed is not written at all.
 */
@QuarkusTest
class LeadBatchRowsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @Inject
    LeadEventsConsumer consumer;

    @Inject
    EntityManager entityManager;

    private long offset;

    @Test
    void an_acknowledgment_changes_only_what_it_means_and_leaves_every_other_column_as_it_was() {
        UUID lead = referredAndAssigned();
        // Every nullable column of the loop and the lead filled, with text a mapping could garble.
        sql("UPDATE loop SET subject = 'la recommandation de Zoë Ø''Brien — №1', customer_ref = 'crm:ÉLAN-7',"
                + " opened_by = 'rita@example', progress_due_at = '2026-12-03T09:00:00Z',"
                + " last_progress_at = '2026-12-01T09:30:00.123456Z', outcome_due_at = '2026-12-20T17:00:00Z',"
                + " outcome = 'pending review', closed_at = '2026-12-24T10:00:00Z',"
                + " confirmed_at = '2026-12-25T10:00:00Z', late_echoes = 3 WHERE lead_id = ?1", lead);
        sql("UPDATE tracked_lead SET customer_name = 'Zoë Ø''Brien', product = 'Widget «Pro»', referrer_id = 'rita'"
                + " WHERE id = ?1", lead);
        Map<String, Object> loopBefore = row("SELECT row_to_json(l)::text FROM loop l WHERE lead_id = ?1", lead);
        Map<String, Object> leadBefore = row("SELECT row_to_json(t)::text FROM tracked_lead t WHERE id = ?1", lead);

        apply(EventCatalog.LEAD_ACKNOWLEDGED, new LeadAcknowledged(lead, "amy", "team-a", "rita", T0,
                T0.plusSeconds(3600), T0.plusSeconds(60), false));

        Map<String, Object> loopAfter = row("SELECT row_to_json(l)::text FROM loop l WHERE lead_id = ?1", lead);
        assertThat(without(loopAfter, "version", "receipt_at", "echoes", "next_due_at"))
                .isEqualTo(without(loopBefore, "version", "receipt_at", "echoes", "next_due_at"));
        assertThat(((Number) loopAfter.get("version")).longValue())
                .isEqualTo(((Number) loopBefore.get("version")).longValue() + 1);
        assertThat(loopAfter.get("echoes")).isEqualTo(((Number) loopBefore.get("echoes")).intValue() + 1);
        assertThat(Instant.parse((String) loopAfter.get("receipt_at"))).isEqualTo(T0.plusSeconds(60));

        Map<String, Object> leadAfter = row("SELECT row_to_json(t)::text FROM tracked_lead t WHERE id = ?1", lead);
        assertThat(without(leadAfter, "status", "updated_at")).isEqualTo(without(leadBefore, "status", "updated_at"));
        assertThat(leadAfter.get("status")).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void a_changed_loop_is_one_version_up_and_a_stale_copy_fails_its_update() {
        UUID lead = referredAndAssigned();
        Throwable stale = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
            Loop copy = Loop.find("leadId = ?1 and kind = ?2", lead, LoopKind.REFERRAL).singleResult();
            // Meanwhile the lead is acknowledged: the consumer writes the loop back.
            QuarkusTransaction.requiringNew().run(() -> consumer.handleBatch(List.of(event(
                    EventCatalog.LEAD_ACKNOWLEDGED, new LeadAcknowledged(lead, "amy", "team-a", "rita", T0,
                            T0.plusSeconds(3600), T0.plusSeconds(60), false)))));
            copy.outcome = "a change made on a stale copy";
            entityManager.flush();
        }));
        assertThat(stale).hasRootCauseInstanceOf(StaleStateException.class);
        QuarkusTransaction.requiringNew().run(() -> {
            Loop loop = Loop.find("leadId = ?1 and kind = ?2", lead, LoopKind.REFERRAL).singleResult();
            assertThat(loop.outcome).isNull();
            assertThat(loop.receiptAt).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void a_batch_that_changes_no_loop_or_lead_writes_neither() {
        UUID lead = referredAndAssigned();
        Map<String, Object> loopBefore = row("SELECT row_to_json(l)::text FROM loop l WHERE lead_id = ?1", lead);
        Map<String, Object> leadBefore = row("SELECT row_to_json(t)::text FROM tracked_lead t WHERE id = ?1", lead);
        long xminBefore = xmin(lead);

        apply(EventCatalog.SLA_REMINDED, new SlaReminded(lead, SlaClock.ACKNOWLEDGE, "amy", "team-a",
                T0.plusSeconds(3600), T0.plusSeconds(1800)));

        assertThat(row("SELECT row_to_json(l)::text FROM loop l WHERE lead_id = ?1", lead)).isEqualTo(loopBefore);
        assertThat(row("SELECT row_to_json(t)::text FROM tracked_lead t WHERE id = ?1", lead)).isEqualTo(leadBefore);
        // Not even rewritten with the same values: the rows are the versions the earlier batch left.
        assertThat(xmin(lead)).isEqualTo(xminBefore);
        assertThat(((Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT count(*) FROM notification WHERE lead_id = ?1 AND type = 'lead.reminder'")
                .setParameter(1, lead).getSingleResult())).longValue()).isEqualTo(1);
    }

    /** A referral taken in and assigned to amy, each event in its own batch: its referral loop is open, owned by amy. */
    private UUID referredAndAssigned() {
        UUID lead = UUID.randomUUID();
        apply(EventCatalog.LEAD_RECEIVED, new LeadReceived(lead, LeadSource.REFERRAL, "rita", "email:" + lead,
                "Ms Rows", null, "Widget", null, null, null, null, "intake", T0));
        apply(EventCatalog.LEAD_ASSIGNED, new LeadAssigned(lead, "team-a", null, "amy", "system", "rule",
                AssignmentStrategy.ROUND_ROBIN, T0, T0.plusSeconds(3600), null));
        return lead;
    }

    private long xmin(UUID lead) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT (SELECT xmin::text::bigint FROM loop WHERE lead_id = ?1)"
                        + " + (SELECT xmin::text::bigint FROM tracked_lead WHERE id = ?1)")
                .setParameter(1, lead).getSingleResult()).longValue());
    }

    private void sql(String statement, UUID lead) {
        QuarkusTransaction.requiringNew().run(() -> assertThat(entityManager.createNativeQuery(statement)
                .setParameter(1, lead).executeUpdate()).isEqualTo(1));
    }

    private Map<String, Object> row(String query, UUID lead) {
        String json = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(query)
                .setParameter(1, lead).getSingleResult());
        try {
            return EventJson.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> without(Map<String, Object> row, String... columns) {
        Map<String, Object> rest = new HashMap<>(row);
        rest.keySet().removeAll(Set.of(columns));
        return rest;
    }

    private <T extends Record> void apply(EventType<T> type, T data) {
        List<IncomingEvent> batch = new ArrayList<>(List.of(event(type, data)));
        QuarkusTransaction.requiringNew().run(() -> consumer.handleBatch(batch));
    }

    private <T extends Record> IncomingEvent event(EventType<T> type, T data) {
        return new IncomingEvent(UUID.randomUUID().toString(), "test", type.type(), T0, null, null,
                EventJson.mapper().valueToTree(data), "leads.events", 0, offset++);
    }
}
