package io.closedloop.leads.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RotationTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static Rotation.Member member(String id) {
        return new Rotation.Member(id, true, null, 0, null);
    }

    @Test
    void round_robin_gives_each_member_one_lead_per_round_whatever_the_order_they_joined() {
        List<Rotation.Member> team = List.of(member("carol"), member("alice"), member("bob"));
        Map<String, Integer> counts = new HashMap<>();
        List<String> sequence = new ArrayList<>();
        String last = null;
        for (int i = 0; i < 9; i++) {
            last = Rotation.pick(team, AssignmentRule.Strategy.ROUND_ROBIN, last, NOW, Set.of()).orElseThrow();
            sequence.add(last);
            counts.merge(last, 1, Integer::sum);
        }
        assertThat(counts).containsEntry("alice", 3).containsEntry("bob", 3).containsEntry("carol", 3);
        assertThat(sequence.subList(0, 3)).containsExactly("alice", "bob", "carol");
    }

    @Test
    void the_rotation_continues_after_the_last_picked_even_when_they_left_the_team() {
        List<Rotation.Member> team = List.of(member("alice"), member("carol"), member("dave"));
        assertThat(Rotation.pick(team, AssignmentRule.Strategy.ROUND_ROBIN, "bob", NOW, Set.of())).contains("carol");
        assertThat(Rotation.pick(team, AssignmentRule.Strategy.ROUND_ROBIN, "dave", NOW, Set.of())).contains("alice");
    }

    @Test
    void inactive_out_of_office_full_and_excluded_members_are_skipped() {
        List<Rotation.Member> team = List.of(
                new Rotation.Member("alice", false, null, 0, null),
                new Rotation.Member("bob", true, NOW.plusSeconds(3600), 0, null),
                new Rotation.Member("carol", true, null, 5, 5),
                new Rotation.Member("dave", true, NOW.minusSeconds(60), 4, 5),
                member("erin"));
        assertThat(Rotation.pick(team, AssignmentRule.Strategy.ROUND_ROBIN, null, NOW, Set.of())).contains("dave");
        assertThat(Rotation.pick(team, AssignmentRule.Strategy.ROUND_ROBIN, null, NOW, Set.of("dave"))).contains("erin");
        assertThat(Rotation.pick(team.subList(0, 3), AssignmentRule.Strategy.ROUND_ROBIN, null, NOW, Set.of())).isEmpty();
    }

    @Test
    void least_loaded_takes_the_fewest_open_leads_and_breaks_ties_in_round_order() {
        List<Rotation.Member> team = List.of(new Rotation.Member("alice", true, null, 2, null),
                new Rotation.Member("bob", true, null, 1, null), new Rotation.Member("carol", true, null, 1, null));
        assertThat(Rotation.pick(team, AssignmentRule.Strategy.LEAST_LOADED, null, NOW, Set.of())).contains("bob");
        assertThat(Rotation.pick(team, AssignmentRule.Strategy.LEAST_LOADED, "bob", NOW, Set.of())).contains("carol");
        assertThat(Rotation.pick(team, AssignmentRule.Strategy.LEAST_LOADED, "carol", NOW, Set.of())).contains("bob");
    }
}
