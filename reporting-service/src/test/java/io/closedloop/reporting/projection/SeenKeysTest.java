package io.closedloop.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SeenKeysTest {

    @Test
    void a_key_seen_before_is_always_flagged_however_full_the_filter() {
        // Sized for a thousand keys and given a hundred times as many: flags grow, misses never happen.
        SeenKeys seen = new SeenKeys(1_000);
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String id = UUID.nameUUIDFromBytes(Long.toString(random.nextLong()).getBytes()).toString();
            seen.add("crm", id);
            ids.add(id);
            if (i % 7 == 0) {
                String earlier = ids.get(random.nextInt(ids.size()));
                assertThat(seen.add("crm", earlier)).as("again: " + earlier).isTrue();
            }
        }
        for (String id : ids) {
            assertThat(seen.add("crm", id)).as(id).isTrue();
        }
    }

    @Test
    void keys_never_seen_are_rarely_flagged_while_the_filter_holds_what_it_was_sized_for() {
        int keys = 1_000_000;
        SeenKeys seen = new SeenKeys(keys);
        int flagged = 0;
        for (int i = 0; i < keys; i++) {
            // The shape of the benchmark's ids: one source, ids that differ in their last digits.
            if (seen.add("bench-pbx", "replay-" + i)) {
                flagged++;
            }
        }
        // 1,345 of the million (the filter is deterministic): about 1 in 400 once full, fewer while it fills.
        assertThat(flagged).as("distinct keys flagged as seen").isLessThan(keys / 200);
    }

    @Test
    void the_same_id_from_another_source_is_another_key() {
        SeenKeys seen = new SeenKeys(1_000);
        int flagged = 0;
        for (int i = 0; i < 1_000; i++) {
            seen.add("crm", "id-" + i);
            if (seen.add("geo", "id-" + i)) {
                flagged++;
            }
        }
        assertThat(flagged).isLessThan(20);
    }
}
