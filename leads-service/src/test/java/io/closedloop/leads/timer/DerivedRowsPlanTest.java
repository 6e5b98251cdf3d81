package io.closedloop.leads.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.closedloop.leads.support.Api;
import io.closedloop.platform.timer.Timers;
import io.closedloop.platform.tx.TransactionWrites;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * The rows a transaction derives (timers, outbox, history) are written by one statement on its generic plan
 * (platform's GenericPlans), asked for that transaction only.
 */
@QuarkusTest
class DerivedRowsPlanTest {

    @Inject
    Timers timers;

    @Inject
    TransactionWrites writes;

    @Inject
    EntityManager entityManager;

    @Test
    void theDerivedRowsTakeTheirGenericPlanForTheirOwnTransactionOnly() {
        String ref = Api.unique("plan");
        String kind = timers.kinds().get(0);
        String during = QuarkusTransaction.requiringNew().call(() -> {
            String before = planCacheMode();
            assertThat(before).isEqualTo("auto");
            timers.schedule(kind, ref, Instant.now().plusSeconds(3_600), null);
            writes.flush();
            return planCacheMode();
        });
        assertThat(during).isEqualTo("force_generic_plan");
        assertThat(QuarkusTransaction.requiringNew().call(this::planCacheMode)).isEqualTo("auto");
        assertThat(QuarkusTransaction.requiringNew().call(() -> timers.pending(ref))).extracting(t -> t.kind())
                .containsExactly(kind);
        QuarkusTransaction.requiringNew().run(() -> timers.cancel(ref, kind));
        assertThat(QuarkusTransaction.requiringNew().call(() -> timers.pending(ref))).isEmpty();
    }

    private String planCacheMode() {
        return (String) entityManager.createNativeQuery("SELECT current_setting('plan_cache_mode')").getSingleResult();
    }
}
