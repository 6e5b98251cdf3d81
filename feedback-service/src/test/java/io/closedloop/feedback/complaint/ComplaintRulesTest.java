package io.closedloop.feedback.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

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
    void first_return_resolution_counts_the_visits_it_took() {
        assertThat(ComplaintRules.resolvedOnFirstReturn(List.of(), T)).isTrue();
        assertThat(ComplaintRules.resolvedOnFirstReturn(List.of(T.minusSeconds(60)), T)).isTrue();
        assertThat(ComplaintRules.resolvedOnFirstReturn(List.of(T.minusSeconds(3600), T.minusSeconds(60)), T)).isFalse();
        assertThat(ComplaintRules.resolvedOnFirstReturn(List.of(T.minusSeconds(60), T.plusSeconds(60)), T)).isTrue();
    }

    @Test
    void a_low_score_reopens() {
        assertThat(ComplaintRules.reopens(2, 3)).isTrue();
        assertThat(ComplaintRules.reopens(3, 3)).isFalse();
    }
}
