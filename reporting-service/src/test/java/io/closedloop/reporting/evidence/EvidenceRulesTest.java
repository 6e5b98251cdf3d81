package io.closedloop.reporting.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceMethod;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.platform.problem.FieldViolation;
import org.junit.jupiter.api.Test;

class EvidenceRulesTest {

    private static EvidenceRecorded evidence(ActivityKind kind, EvidenceMethod method, Integer duration, Integer distance) {
        return new EvidenceRecorded("src", "x1", "ann", "ref:acme", kind, method, Instant.parse("2026-11-16T09:00:00Z"),
                duration, distance, null, null);
    }

    @Test
    void an_answered_call_long_enough_verifies_a_call_and_a_short_ring_does_not() {
        assertThat(EvidenceRules.counts(evidence(ActivityKind.CALL, EvidenceMethod.CALL_RECORD, 20, null), 20, 500)).isTrue();
        assertThat(EvidenceRules.counts(evidence(ActivityKind.CALL, EvidenceMethod.CALL_RECORD, 19, null), 20, 500)).isFalse();
    }

    @Test
    void a_check_in_near_the_customer_verifies_a_visit_and_one_far_away_does_not() {
        assertThat(EvidenceRules.counts(evidence(ActivityKind.VISIT, EvidenceMethod.GEO_CHECKIN, null, 500), 20, 500)).isTrue();
        assertThat(EvidenceRules.counts(evidence(ActivityKind.VISIT, EvidenceMethod.GEO_CHECKIN, null, 501), 20, 500)).isFalse();
    }

    @Test
    void calendar_events_customer_confirmations_and_system_records_verify_as_they_are() {
        assertThat(EvidenceRules.counts(evidence(ActivityKind.MEETING, EvidenceMethod.CALENDAR_EVENT, null, null), 20, 500)).isTrue();
        assertThat(EvidenceRules.counts(evidence(ActivityKind.VISIT, EvidenceMethod.CUSTOMER_CONFIRMATION, null, null), 20, 500)).isTrue();
        assertThat(EvidenceRules.counts(evidence(ActivityKind.OUTCOME, EvidenceMethod.SYSTEM_RECORD, null, null), 20, 500)).isTrue();
    }

    @Test
    void a_method_that_cannot_prove_the_kind_or_lacks_its_measure_is_named_precisely() {
        assertThat(EvidenceRules.problems(evidence(ActivityKind.VISIT, EvidenceMethod.CALL_RECORD, null, null), "items[3]."))
                .extracting(FieldViolation::field)
                .containsExactly("items[3].kind", "items[3].durationSeconds");
        assertThat(EvidenceRules.problems(evidence(ActivityKind.VISIT, EvidenceMethod.GEO_CHECKIN, null, -1), ""))
                .extracting(FieldViolation::field).containsExactly("distanceMeters");
        assertThat(EvidenceRules.problems(evidence(ActivityKind.CALL, EvidenceMethod.CALENDAR_EVENT, null, null), ""))
                .extracting(FieldViolation::message).containsExactly("a calendar event is evidence of a MEETING");
        assertThat(EvidenceRules.counts(evidence(ActivityKind.VISIT, EvidenceMethod.CALL_RECORD, 600, null), 20, 500)).isFalse();
    }
}
