package io.closedloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class WatcherWindowTest {

    private final List<EndToEndBench.Lead> leads = IntStream.range(0, 6)
            .mapToObj(i -> new EndToEndBench.Lead(UUID.randomUUID(), "owner-" + i)).toList();

    private UUID id(int i) {
        return leads.get(i).id();
    }

    @Test
    void the_oldest_due_and_not_yet_seen_are_looked_up_and_nothing_not_yet_due() {
        Map<UUID, Long> due = Map.of(id(0), 0L, id(1), 1L, id(2), 2L, id(3), 3L);
        Map<UUID, Long> seen = Map.of(id(1), 5L);

        assertThat(EndToEndBench.awaited(leads, 0, due, seen, 10)).containsExactly(id(0), id(2), id(3));
    }

    @Test
    void at_most_the_given_number_from_the_oldest_awaited_on() {
        Map<UUID, Long> due = Map.of(id(0), 0L, id(1), 1L, id(2), 2L, id(3), 3L, id(4), 4L, id(5), 5L);
        Map<UUID, Long> seen = Map.of(id(0), 5L, id(2), 6L);

        assertThat(EndToEndBench.awaited(leads, 1, due, seen, 2)).containsExactly(id(1), id(3));
    }
}
