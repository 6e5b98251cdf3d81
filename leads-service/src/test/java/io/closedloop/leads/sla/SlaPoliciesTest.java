package io.closedloop.leads.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.Priority;
import io.closedloop.events.lead.SlaClock;
import io.closedloop.platform.problem.FieldViolation;
import org.junit.jupiter.api.Test;
import io.closedloop.platform.time.BusinessCalendar;

class SlaPoliciesTest {

    private static final SlaPolicy.Ladder LADDER = new SlaPolicy.Ladder(Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(15));

    private static SlaPolicy policy(String id, LeadSource source, Priority priority) {
        return new SlaPolicy(id, source, priority, Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(2), false, LADDER);
    }

    @Test
    void the_most_specific_policy_applies() {
        SlaPolicies policies = new SlaPolicies(List.of(policy("any", null, null), policy("high", null, Priority.HIGH),
                policy("referral", LeadSource.REFERRAL, null), policy("hot-referral", LeadSource.REFERRAL, Priority.HIGH)));
        assertThat(policies.select(LeadSource.REFERRAL, Priority.HIGH).id()).isEqualTo("hot-referral");
        assertThat(policies.select(LeadSource.REFERRAL, Priority.NORMAL).id()).isEqualTo("referral");
        assertThat(policies.select(LeadSource.INBOUND, Priority.HIGH).id()).isEqualTo("high");
        assertThat(policies.select(LeadSource.PARTNER, Priority.NORMAL).id()).isEqualTo("any");
    }

    @Test
    void the_defaults_cover_every_lead_and_pass_their_own_checks() {
        assertThat(SlaPolicies.DEFAULTS.problems()).isEmpty();
        assertThat(SlaPolicies.DEFAULTS.select(LeadSource.REFERRAL, Priority.NORMAL).acknowledgeWithin()).isEqualTo(Duration.ofMinutes(15));
        assertThat(SlaPolicies.DEFAULTS.select(LeadSource.INBOUND, Priority.NORMAL).firstContactWithin()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void a_set_without_catch_all_with_duplicates_or_a_bad_ladder_is_refused_with_reasons() {
        SlaPolicy badLadder = new SlaPolicy("x", LeadSource.INBOUND, null, Duration.ZERO, Duration.ofHours(1),
                Duration.ofDays(1), true, new SlaPolicy.Ladder(Duration.ofMinutes(5), Duration.ofMinutes(20), Duration.ofMinutes(10)));
        List<FieldViolation> problems = new SlaPolicies(List.of(badLadder, policy("x", LeadSource.INBOUND, null))).problems();
        assertThat(problems).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                "[0].acknowledgeWithin", "[0].ladder.reassignAfter", "[1].id", "[1]", "policies");
    }

    @Test
    void no_duration_may_pass_a_year_so_that_no_deadline_overflows() {
        Duration huge = Duration.ofHours(2_562_047_788_015_215L);
        SlaPolicy excessive = new SlaPolicy("far", null, null, huge, Duration.ofDays(367), Duration.ofDays(366), false,
                new SlaPolicy.Ladder(huge, huge, huge.plusSeconds(1)));
        assertThat(new SlaPolicies(List.of(excessive)).problems())
                .extracting(FieldViolation::field, FieldViolation::message).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("[0].acknowledgeWithin", "must be at most 366 days"),
                        org.assertj.core.groups.Tuple.tuple("[0].firstContactWithin", "must be at most 366 days"),
                        org.assertj.core.groups.Tuple.tuple("[0].ladder.remindBefore", "must be at most 366 days"),
                        org.assertj.core.groups.Tuple.tuple("[0].ladder.escalateAfter", "must be at most 366 days"),
                        org.assertj.core.groups.Tuple.tuple("[0].ladder.reassignAfter", "must be at most 366 days"));
    }

    @Test
    void the_ladder_reminds_before_escalates_at_and_reassigns_after_the_acknowledgment_deadline() {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        Deadlines.Plan plan = Deadlines.plan(policy("p", null, null), BusinessCalendar.ALWAYS, SlaClock.ACKNOWLEDGE, start);
        assertThat(plan.deadline()).isEqualTo(start.plus(Duration.ofMinutes(15)));
        assertThat(plan.steps()).containsExactly(
                new Deadlines.Step(Deadlines.Rung.REMIND, start.plus(Duration.ofMinutes(10))),
                new Deadlines.Step(Deadlines.Rung.ESCALATE, start.plus(Duration.ofMinutes(15))),
                new Deadlines.Step(Deadlines.Rung.REASSIGN, start.plus(Duration.ofMinutes(30))));
    }

    @Test
    void contact_and_follow_up_clocks_never_reassign() {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(Deadlines.plan(policy("p", null, null), BusinessCalendar.ALWAYS, SlaClock.FIRST_CONTACT, start).steps())
                .extracting(Deadlines.Step::rung).containsExactly(Deadlines.Rung.REMIND, Deadlines.Rung.ESCALATE);
        assertThat(Deadlines.plan(policy("p", null, null), BusinessCalendar.ALWAYS, SlaClock.FOLLOW_UP, start).deadline())
                .isEqualTo(start.plus(Duration.ofDays(2)));
    }

    @Test
    void no_reminder_when_the_window_is_shorter_than_the_reminder() {
        SlaPolicy tight = new SlaPolicy("t", null, null, Duration.ofMinutes(3), Duration.ofHours(1), Duration.ofDays(1), false, LADDER);
        assertThat(Deadlines.plan(tight, BusinessCalendar.ALWAYS, SlaClock.ACKNOWLEDGE, Instant.EPOCH).steps())
                .extracting(Deadlines.Step::rung).containsExactly(Deadlines.Rung.ESCALATE, Deadlines.Rung.REASSIGN);
    }
}
