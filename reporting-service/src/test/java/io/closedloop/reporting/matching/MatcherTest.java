package io.closedloop.reporting.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.closedloop.events.evidence.ActivityKind;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static final Duration WINDOW = Duration.ofHours(2);
    private static final Instant NINE = Instant.parse("2026-11-16T09:00:00Z");

    private static Matcher.Claim claim(int seq, String customer, ActivityKind kind, Instant at) {
        return new Matcher.Claim(seq, customer, kind, at);
    }

    private static Matcher.Evidence evidence(String id, String customer, ActivityKind kind, Instant at) {
        return new Matcher.Evidence("telephony", id, customer, kind, at);
    }

    @Test
    void a_claim_matches_evidence_of_the_same_customer_and_kind_within_the_window() {
        Map<Integer, Matcher.Evidence> matches = Matcher.match(
                List.of(claim(0, "ref:acme", ActivityKind.CALL, NINE)),
                List.of(evidence("c1", "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofMinutes(90)))), WINDOW);

        assertThat(matches).containsOnlyKeys(0);
        assertThat(matches.get(0).externalId()).isEqualTo("c1");
    }

    @Test
    void the_window_is_inclusive_and_nothing_beyond_it_matches() {
        List<Matcher.Claim> claims = List.of(claim(0, "ref:acme", ActivityKind.CALL, NINE),
                claim(1, "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofHours(8))));
        List<Matcher.Evidence> evidence = List.of(
                evidence("exactly-at-the-edge", "ref:acme", ActivityKind.CALL, NINE.minus(WINDOW)),
                evidence("one-second-too-late", "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofHours(10)).plusSeconds(1)));

        Map<Integer, Matcher.Evidence> matches = Matcher.match(claims, evidence, WINDOW);

        assertThat(matches).containsOnlyKeys(0);
        assertThat(matches.get(0).externalId()).isEqualTo("exactly-at-the-edge");
    }

    @Test
    void another_customer_or_another_kind_of_activity_does_not_match() {
        Map<Integer, Matcher.Evidence> matches = Matcher.match(
                List.of(claim(0, "ref:acme", ActivityKind.VISIT, NINE)),
                List.of(evidence("other-customer", "ref:globex", ActivityKind.VISIT, NINE),
                        evidence("a-call-not-a-visit", "ref:acme", ActivityKind.CALL, NINE)), WINDOW);

        assertThat(matches).isEmpty();
    }

    @Test
    void each_piece_of_evidence_backs_one_claim_only() {
        List<Matcher.Claim> claims = List.of(claim(0, "ref:acme", ActivityKind.CALL, NINE),
                claim(1, "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofMinutes(10))),
                claim(2, "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofMinutes(20))));

        Map<Integer, Matcher.Evidence> matches = Matcher.match(claims,
                List.of(evidence("only-call", "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofMinutes(5)))), WINDOW);

        assertThat(matches).hasSize(1);
        assertThat(matches).containsKey(0);
    }

    @Test
    void each_claim_takes_the_nearest_free_evidence() {
        List<Matcher.Claim> claims = List.of(claim(0, "ref:acme", ActivityKind.CALL, NINE),
                claim(1, "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofHours(1))));
        List<Matcher.Evidence> evidence = List.of(
                evidence("at-ten", "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofHours(1))),
                evidence("at-nine-oh-five", "ref:acme", ActivityKind.CALL, NINE.plus(Duration.ofMinutes(5))));

        Map<Integer, Matcher.Evidence> matches = Matcher.match(claims, evidence, WINDOW);

        assertThat(matches.get(0).externalId()).isEqualTo("at-nine-oh-five");
        assertThat(matches.get(1).externalId()).isEqualTo("at-ten");
    }

    @Test
    void the_result_does_not_depend_on_the_order_the_claims_and_evidence_arrive_in() {
        Random random = new Random(42);
        List<Matcher.Claim> claims = new ArrayList<>();
        List<Matcher.Evidence> evidence = new ArrayList<>();
        String[] customers = {"ref:a", "ref:b", "ref:c"};
        for (int i = 0; i < 40; i++) {
            claims.add(claim(i, customers[random.nextInt(3)], ActivityKind.CALL, NINE.plus(Duration.ofMinutes(random.nextInt(600)))));
            evidence.add(evidence("e" + i, customers[random.nextInt(3)], ActivityKind.CALL,
                    NINE.plus(Duration.ofMinutes(random.nextInt(600)))));
        }
        Map<Integer, Matcher.Evidence> expected = Matcher.match(claims, evidence, WINDOW);
        assertThat(expected).isNotEmpty();
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(claims, random);
            Collections.shuffle(evidence, random);
            assertThat(Matcher.match(claims, evidence, WINDOW)).isEqualTo(expected);
        }
    }
}
