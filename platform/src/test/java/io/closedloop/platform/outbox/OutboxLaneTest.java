package io.closedloop.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OutboxLaneTest {

    @Test
    void a_key_always_gets_the_same_lane_and_keys_spread_over_every_lane() {
        Set<Short> lanes = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String key = UUID.randomUUID().toString();
            short lane = Outbox.laneOf(key);
            assertThat(lane).isBetween((short) 0, (short) (Outbox.LANES - 1));
            assertThat(Outbox.laneOf(key)).isEqualTo(lane);
            lanes.add(lane);
        }
        assertThat(lanes).hasSize(Outbox.LANES);
        assertThat(Outbox.laneOf("" + Integer.MIN_VALUE)).isBetween((short) 0, (short) (Outbox.LANES - 1));
    }
}
