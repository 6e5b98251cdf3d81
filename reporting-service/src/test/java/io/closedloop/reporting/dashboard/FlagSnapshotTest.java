package io.closedloop.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.closedloop.reporting.support.Api;
import io.closedloop.reporting.query.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The dashboards' "people with flags" keeps every flag a scorecard raises, and only the latest answer. */
@QuarkusTest
class FlagSnapshotTest {

    @Inject
    FlagSnapshot snapshot;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_person_flagged_twice_for_one_kind_keeps_both_and_a_new_answer_replaces_the_old() {
        String team = Api.unique("flags");
        FlagSnapshot.Raised calls = new FlagSnapshot.Raised("amy", "INFLATED_CLAIMS", "Claimed 60 calls; 15 verified",
                Map.of("claimed", 60, "verified", 15));
        FlagSnapshot.Raised visits = new FlagSnapshot.Raised("amy", "INFLATED_CLAIMS", "Claimed 20 visits; none verified",
                Map.of("claimed", 20, "verified", 0));
        snapshot.replace(team, "2026-11", List.of(calls, visits), Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(messages(team)).containsExactlyInAnyOrder(calls.message(), visits.message());

        snapshot.replace(team, "2026-11", List.of(visits), Instant.parse("2026-11-30T10:01:00Z"));
        assertThat(messages(team)).containsExactly(visits.message());
    }

    private List<String> messages(String team) {
        return Sql.list(dataSource, "SELECT message FROM flag_snapshot WHERE team_id = ?", rs -> rs.getString(1), team);
    }
}
