package io.closedloop.reporting.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** One activity counts once, however many sources report it; the grouping depends only on the set of records. */
class ActivitiesTest {

    private static final Duration WINDOW = Duration.ofHours(2);
    private static final Instant NINE = Instant.parse("2026-11-16T09:00:00Z");

    private static Activities.Member verified(String source, String id, int minutes) {
        return new Activities.Member(source, id, NINE.plus(Duration.ofMinutes(minutes)), Trust.VERIFIED, false);
    }

    private static Activities.Member logged(String source, String id, int minutes) {
        return new Activities.Member(source, id, NINE.plus(Duration.ofMinutes(minutes)), Trust.LOGGED, false);
    }

    private static long verifiedActivities(Map<String, Activities.Counts> counts) {
        return counts.values().stream().filter(Activities.Counts::firstVerified).count();
    }

    private static long loggedActivities(Map<String, Activities.Counts> counts) {
        return counts.values().stream().filter(Activities.Counts::firstLogged).count();
    }

    @Test
    void one_call_confirmed_by_two_systems_is_one_verified_call() {
        Map<String, Activities.Counts> counts = Activities.group(List.of(verified("telephony", "t1", 0),
                verified("crm", "c1", 3)), WINDOW);

        assertThat(verifiedActivities(counts)).isEqualTo(1);
        assertThat(counts.get("telephony\u0000t1").firstVerified()).isTrue();
        assertThat(counts.get("crm\u0000c1").firstVerified()).isFalse();
    }

    @Test
    void two_calls_from_one_system_are_two_calls_even_close_together() {
        assertThat(verifiedActivities(Activities.group(List.of(verified("telephony", "t1", 0),
                verified("telephony", "t2", 5)), WINDOW))).isEqualTo(2);
    }

    @Test
    void two_systems_each_seeing_two_calls_make_two_calls_not_four() {
        Map<String, Activities.Counts> counts = Activities.group(List.of(verified("telephony", "t1", 0),
                verified("crm", "c1", 2), verified("telephony", "t2", 30), verified("crm", "c2", 31)), WINDOW);

        assertThat(verifiedActivities(counts)).isEqualTo(2);
    }

    @Test
    void records_further_apart_than_the_window_are_separate_activities_and_the_window_is_inclusive() {
        assertThat(verifiedActivities(Activities.group(List.of(verified("telephony", "t1", 0),
                verified("crm", "c1", 120)), WINDOW))).isEqualTo(1);
        assertThat(verifiedActivities(Activities.group(List.of(verified("telephony", "t1", 0),
                verified("crm", "c1", 121)), WINDOW))).isEqualTo(2);
    }

    @Test
    void an_activity_spans_a_window_from_its_first_record_not_a_chain_of_them() {
        // crm at +100 joins telephony's call at 0; geo at +200 is too far from 0 and starts its own.
        Map<String, Activities.Counts> counts = Activities.group(List.of(verified("telephony", "t1", 0),
                verified("crm", "c1", 100), verified("geo", "g1", 200)), WINDOW);

        assertThat(verifiedActivities(counts)).isEqualTo(2);
        assertThat(counts.get("geo\u0000g1").firstVerified()).isTrue();
    }

    @Test
    void a_logged_call_and_its_telephony_record_are_one_call_both_logged_and_verified() {
        Map<String, Activities.Counts> counts = Activities.group(List.of(logged("leads-service", "contact:1", 0),
                verified("telephony", "t1", 4)), WINDOW);

        assertThat(verifiedActivities(counts)).isEqualTo(1);
        assertThat(loggedActivities(counts)).isEqualTo(1);
    }

    @Test
    void six_logged_attempts_without_a_system_record_are_six_logged_and_none_verified() {
        List<Activities.Member> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            attempts.add(logged("leads-service", "contact:" + i, i * 10));
        }
        Map<String, Activities.Counts> counts = Activities.group(attempts, WINDOW);

        assertThat(loggedActivities(counts)).isEqualTo(6);
        assertThat(verifiedActivities(counts)).isZero();
    }

    @Test
    void a_win_is_confirmed_when_its_activity_has_a_verified_record() {
        Activities.Member won = new Activities.Member("leads-service", "outcome:1", NINE, Trust.LOGGED, true);
        Activities.Member loanSystem = new Activities.Member("loans", "l1", NINE.plus(Duration.ofDays(3)), Trust.VERIFIED, false);

        assertThat(Activities.group(List.of(won), Duration.ofDays(14)).get(won.key()).wonConfirmed()).isFalse();
        Map<String, Activities.Counts> confirmed = Activities.group(List.of(won, loanSystem), Duration.ofDays(14));
        assertThat(confirmed.get(won.key()).wonConfirmed()).isTrue();
        assertThat(verifiedActivities(confirmed)).isEqualTo(1);
        // A win its owner's manager closed confirms itself.
        Activities.Member closedByManager = new Activities.Member("leads-service", "outcome:2", NINE, Trust.VERIFIED, true);
        assertThat(Activities.group(List.of(closedByManager), Duration.ofDays(14)).get(closedByManager.key()).wonConfirmed())
                .isTrue();
    }

    @Test
    void the_grouping_is_the_same_whatever_order_the_records_arrive_in() {
        List<Activities.Member> records = new ArrayList<>();
        Random random = new Random(42);
        String[] sources = {"telephony", "crm", "leads-service", "geo"};
        for (int i = 0; i < 60; i++) {
            String source = sources[random.nextInt(sources.length)];
            records.add(random.nextBoolean() ? verified(source, "r" + i, random.nextInt(600))
                    : logged(source, "r" + i, random.nextInt(600)));
        }
        Map<String, Activities.Counts> expected = Activities.group(records, WINDOW);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(records, random);
            assertThat(Activities.group(records, WINDOW)).isEqualTo(expected);
        }
        // Verified never exceeds the busiest source's own count plus what no other source saw: at most the records.
        assertThat(verifiedActivities(expected)).isLessThanOrEqualTo(records.stream()
                .filter(r -> r.trust() == Trust.VERIFIED).count());
    }

    @Test
    void records_of_one_source_are_each_alone_in_their_activity_whatever_their_times() {
        // What a bulk load computes in SQL for the groups no second source reported (Activities.alone).
        Random random = new Random(7);
        List<Activities.Member> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Trust trust = random.nextBoolean() ? Trust.VERIFIED : Trust.LOGGED;
            records.add(new Activities.Member("telephony", "t" + i, NINE.plus(Duration.ofMinutes(random.nextInt(90))),
                    trust, random.nextInt(3) == 0));
        }
        Map<String, Activities.Counts> counts = Activities.group(records, WINDOW);

        for (Activities.Member m : records) {
            assertThat(counts.get(m.key())).as(m.toString()).isEqualTo(Activities.alone(m.trust(), m.won()));
        }
        assertThat(Activities.alone(Trust.VERIFIED, true)).isEqualTo(new Activities.Counts(true, false, true));
        assertThat(Activities.alone(Trust.LOGGED, true)).isEqualTo(new Activities.Counts(false, true, false));
    }
}
