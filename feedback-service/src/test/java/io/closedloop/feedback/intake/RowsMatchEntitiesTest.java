package io.closedloop.feedback.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.closedloop.feedback.loop.LoopRows;
import org.junit.jupiter.api.Test;

/** The rows the consumer of lead events reads and writes name every column of their entities (checked as built). */
class RowsMatchEntitiesTest {

    @Test
    void tracked_leads_and_loops_are_read_and_written_with_every_column() {
        assertThat(TrackedLeadRows.ROWS.table().columns()).hasSize(9);
        assertThat(LoopRows.ROWS.table().columns()).hasSize(23);
    }
}
