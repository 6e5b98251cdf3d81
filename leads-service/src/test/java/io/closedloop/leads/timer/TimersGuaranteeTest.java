package io.closedloop.leads.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.closedloop.leads.support.Api;
import io.closedloop.leads.support.EventLog;
import io.closedloop.platform.timer.DueTimer;
import io.closedloop.platform.timer.Timers;
import io.closedloop.stack.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timers are rows, not threads: they fire from the database whatever process wrote them, and several sweepers at
 * once (several replicas) fire each exactly once.
 */
@QuarkusTest
class TimersGuaranteeTest {

    @Inject
    Timers timers;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void tearDown() {
        Api.noRules();
        TestClock.INSTANCE.reset();
    }

    @Test
    void concurrent_sweepers_fire_every_due_timer_exactly_once() throws Exception {
        String team = Api.unique("t");
        Api.team(team, Api.unique("m"), Api.ALWAYS_OPEN);
        for (int i = 0; i < 3; i++) {
            Api.agent(Api.unique("a"), team);
        }
        Api.routeEverythingTo(team, "ROUND_ROBIN");
        TestClock.INSTANCE.freezeAt(Instant.parse("2026-11-23T10:00:00Z"));
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            leads.add(Api.newLead("desk", "agent", null));
        }
        // Default policy: reminder at 50 min, escalation at 60, bounce at 90. At 61, the first two are due for every lead.
        TestClock.INSTANCE.advance(java.time.Duration.ofMinutes(61));

        ExecutorService sweepers = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> sweeps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sweeps.add(() -> timers.fireDue(10_000));
        }
        int fired = 0;
        for (Future<Integer> f : sweepers.invokeAll(sweeps)) {
            fired += f.get();
        }
        sweepers.shutdown();
        assertThat(fired).isGreaterThanOrEqualTo(leads.size() * 2);
        for (String lead : leads) {
            List<String> types = EventLog.types(EventLog.including(lead, "lead.sla-reminded", "lead.sla-escalated"));
            assertThat(types.stream().filter("lead.sla-reminded"::equals).count()).as(lead).isEqualTo(1);
            assertThat(types.stream().filter("lead.sla-escalated"::equals).count()).as(lead).isEqualTo(1);
        }
    }

    @Test
    void a_second_sweeper_does_not_fire_a_leads_escalation_while_the_first_fires_its_reminder() throws Exception {
        String team = Api.unique("t");
        Api.team(team, Api.unique("m"), Api.ALWAYS_OPEN);
        Api.agent(Api.unique("a"), team);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
        TestClock.INSTANCE.freezeAt(Instant.parse("2026-11-23T10:00:00Z"));
        String lead = Api.newLead("desk", "agent", null);
        String ref = "lead:" + lead;
        // Reminder at 50 min, escalation at 60: both due at 61.
        TestClock.INSTANCE.advance(java.time.Duration.ofMinutes(61));
        List<Long> scheduled = timers.pending(ref).stream().map(DueTimer::id).toList();
        assertThat(scheduled).hasSizeGreaterThanOrEqualTo(2);

        // The first sweeper, as another replica: it holds the lead's reminder as if firing it.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService firstReplica = Executors.newSingleThreadExecutor();
        Future<?> holding = firstReplica.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("SELECT id FROM timer WHERE ref = ?1 ORDER BY due_at, id LIMIT 1 FOR UPDATE")
                    .setParameter(1, ref).getResultList();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the reminder held").isTrue();
            // Sweeps until nothing is left that it may fire: the escalation must wait for the reminder.
            timers.fireDue(10_000);
            assertThat(timers.pending(ref).stream().map(DueTimer::id).toList())
                    .as("the lead's timers while its reminder is being fired elsewhere").isEqualTo(scheduled);
        } finally {
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
            firstReplica.shutdown();
        }

        timers.fireDue(10_000);
        List<String> types = EventLog.types(EventLog.including(lead, "lead.sla-reminded", "lead.sla-escalated"));
        assertThat(types).containsSubsequence("lead.sla-reminded", "lead.sla-escalated");
    }

    @Test
    void a_timer_written_by_another_process_fires_from_the_database_alone() {
        String team = Api.unique("t");
        Api.team(team, Api.unique("m"), Api.ALWAYS_OPEN);
        String owner = Api.unique("owner");
        Api.agent(owner, team);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
        TestClock.INSTANCE.freezeAt(Instant.parse("2026-11-23T10:00:00Z"));
        String lead = Api.newLead("desk", "agent", null);
        String ackDue = Api.admin().get("/leads/" + lead).then().extract().path("sla.acknowledgeBy");
        // As if a previous process had scheduled it and died: a bare row, nothing in memory.
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("DELETE FROM timer WHERE ref = ?1").setParameter(1, "lead:" + lead).executeUpdate();
            entityManager.createNativeQuery("INSERT INTO timer (kind, ref, due_at, payload) VALUES ('lead-sla', ?1, ?2, ?3)")
                    .setParameter(1, "lead:" + lead)
                    .setParameter(2, java.sql.Timestamp.from(Instant.parse("2026-11-23T10:14:00Z")))
                    .setParameter(3, "ACKNOWLEDGE|ESCALATE|" + owner + "|" + ackDue)
                    .executeUpdate();
        });
        TestClock.INSTANCE.advance(java.time.Duration.ofMinutes(14));
        assertThat(timers.fireDue(10_000)).isGreaterThanOrEqualTo(1);
        assertThat(EventLog.types(EventLog.including(lead, "lead.sla-escalated"))).contains("lead.sla-escalated");
        assertThat(timers.pending("lead:" + lead)).isEmpty();
    }

    @Test
    void a_stale_timer_does_nothing() {
        String team = Api.unique("t");
        Api.team(team, Api.unique("m"), Api.ALWAYS_OPEN);
        String owner = Api.unique("owner");
        Api.agent(owner, team);
        Api.routeEverythingTo(team, "ROUND_ROBIN");
        TestClock.INSTANCE.freezeAt(Instant.parse("2026-11-23T10:00:00Z"));
        String lead = Api.newLead("desk", "agent", null);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "INSERT INTO timer (kind, ref, due_at, payload) VALUES ('lead-sla', ?1, ?2, ?3)")
                .setParameter(1, "lead:" + lead)
                .setParameter(2, java.sql.Timestamp.from(Instant.parse("2026-11-23T10:01:00Z")))
                .setParameter(3, "ACKNOWLEDGE|ESCALATE|someone-else|2026-11-23T10:15:00Z")
                .executeUpdate());
        TestClock.INSTANCE.advance(java.time.Duration.ofMinutes(2));
        timers.fireDue(10_000);
        // A later event of the same key: the topic keeps a key's order, so anything the stale timer had published
        // would be read before it.
        Api.as(owner, "agent").post("/leads/" + lead + "/acknowledgment").then().statusCode(200);
        assertThat(EventLog.types(EventLog.including(lead, "lead.acknowledged"))).doesNotContain("lead.sla-escalated");
    }
}
