package io.closedloop.feedback.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ComplaintRulesTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void a_complaint_is_resolved_only_when_every_item_is() {
        assertThat(ComplaintRules.allResolved(List.of(ComplaintItem.State.RESOLVED, ComplaintItem.State.RESOLVED))).isTrue();
        assertThat(ComplaintRules.allResolved(List.of(ComplaintItem.State.RESOLVED, ComplaintItem.State.OPEN))).isFalse();
        assertThat(ComplaintRules.allResolved(List.of())).isFalse();
    }

    @Test
    void first_return_resolution_needs_exactly_one_recorded_visit_before_it() {
        assertThat(ComplaintRules.resolvedOnFirstReturn(List.of(), T)).isFalse();
        assertThat(ComplaintRules.resolvedOnFirstReturn(List.of(T.minusSeconds(60)), T)).isTrue();
        assertThat(ComplaintRules.resolvedOnFirstReturn(List.of(T.minusSeconds(3600), T.minusSeconds(60)), T)).isFalse();
        assertThat(ComplaintRules.resolvedOnFirstReturn(List.of(T.minusSeconds(60), T.plusSeconds(60)), T)).isTrue();
    }

    @Test
    void a_complaint_is_given_to_someone_else_only_by_their_manager_or_the_admin() {
        assertThat(ComplaintRules.whoMayOpen("ann", false, Set.of(), "ann", "paris")).isEmpty();
        assertThat(ComplaintRules.whoMayOpen("max", false, Set.of("paris"), "ann", "paris")).isEmpty();
        assertThat(ComplaintRules.whoMayOpen("root", true, Set.of(), "ann", "paris")).isEmpty();
        assertThat(ComplaintRules.whoMayOpen("bob", false, Set.of(), "ann", "paris")).isPresent();
        assertThat(ComplaintRules.whoMayOpen("lou", false, Set.of("lyon"), "ann", "paris")).isPresent();
        assertThat(ComplaintRules.whoMayOpen("lou", false, Set.of("lyon"), "ann", null)).isPresent();
    }

    @Test
    void the_person_judged_never_rates_their_own_complaint() {
        assertThat(ComplaintRules.whoMayRate("ann", "ann")).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("The person whose work is judged"));
        assertThat(ComplaintRules.whoMayRate("max", "ann")).isEmpty();
    }

    @Test
    void a_low_score_reopens() {
        assertThat(ComplaintRules.reopens(2, 3)).isTrue();
        assertThat(ComplaintRules.reopens(3, 3)).isFalse();
    }
}
