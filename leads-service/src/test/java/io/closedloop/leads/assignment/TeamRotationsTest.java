package io.closedloop.leads.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The rotation's one statement chooses exactly as {@link Rotation#pick}, the rule its unit test describes: random
 * teams, both strategies, ids whose order differs between collations (upper and lower case, digits, a hyphen).
 */
@QuarkusTest
class TeamRotationsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> NAMES = List.of("alice", "Bob", "carol", "Dave", "erin-1", "erin2", "ÉMILE", "zoë",
            "9lives", "_under", "alice-b", "ALICE");

    @Inject
    TeamRotations rotations;

    @Test
    void the_statement_chooses_as_the_rule_does_for_random_teams_and_both_strategies() {
        Random random = new Random(17);
        for (int team = 0; team < 40; team++) {
            String teamId = "rot-" + UUID.randomUUID();
            AssignmentRule.Strategy strategy = random.nextBoolean()
                    ? AssignmentRule.Strategy.ROUND_ROBIN : AssignmentRule.Strategy.LEAST_LOADED;
            String last = null;
            for (int lead = 0; lead < 6; lead++) {
                List<Rotation.Member> eligible = new ArrayList<>();
                for (String name : NAMES) {
                    if (random.nextInt(3) > 0) {
                        eligible.add(new Rotation.Member(name, true, null, random.nextInt(3), null));
                    }
                }
                if (eligible.isEmpty()) {
                    continue;
                }
                String expected = Rotation.pick(eligible, strategy, last, NOW, Set.of()).orElseThrow();
                String chosen = QuarkusTransaction.requiringNew().call(() -> rotations.advance(teamId, strategy, eligible, NOW));
                assertThat(chosen).as("team %s, %s after %s among %s", team, strategy, last, eligible).isEqualTo(expected);
                last = chosen;
            }
        }
    }
}
