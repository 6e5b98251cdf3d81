package io.closedloop.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.junit.jupiter.api.Test;

class StrictQueriesTest {

    enum Colour { RED, GREEN }

    @SuppressWarnings("unused")
    static final class Resource {
        void list(@QueryParam("status") Set<Colour> status, @QueryParam("limit") @DefaultValue("50") int limit,
                  @QueryParam("overdue") boolean overdue, @QueryParam("since") Instant since,
                  @QueryParam("day") LocalDate day, @QueryParam("lead") UUID lead, @QueryParam("q") String q,
                  String body) {
        }
    }

    private static Map<String, StrictQueries.Accepts> declared() throws NoSuchMethodException {
        Method list = Resource.class.getDeclaredMethod("list", Set.class, int.class, boolean.class, Instant.class,
                LocalDate.class, UUID.class, String.class, String.class);
        return StrictQueries.declared(list);
    }

    private static String problem(String parameter, String value) throws NoSuchMethodException {
        return declared().get(parameter).problem().apply(value);
    }

    @Test
    void an_operation_takes_the_query_parameters_it_declares_and_no_others() throws Exception {
        assertThat(declared()).containsOnlyKeys("status", "limit", "overdue", "since", "day", "lead", "q");
        assertThat(declared().get("status").many()).isTrue();
        assertThat(declared().get("limit").many()).isFalse();
    }

    @Test
    void each_value_is_of_its_parameters_type() throws Exception {
        assertThat(problem("status", "RED")).isNull();
        assertThat(problem("status", "red")).isEqualTo("must be one of RED, GREEN");
        assertThat(problem("limit", "50")).isNull();
        assertThat(problem("limit", "abc")).isEqualTo("must be a whole number");
        assertThat(problem("limit", "99999999999")).isEqualTo("must be a whole number");
        assertThat(problem("overdue", "true")).isNull();
        assertThat(problem("overdue", "yes")).isEqualTo("must be true or false");
        assertThat(problem("since", "2026-03-01T09:30:00Z")).isNull();
        assertThat(problem("since", "+999999999-12-31T23:59:59Z")).isEqualTo("must lie between the years 1 and 9999");
        assertThat(problem("since", "yesterday")).startsWith("must be an ISO-8601 timestamp");
        assertThat(problem("day", "2026-02-30")).startsWith("must be an ISO-8601 date");
        assertThat(problem("lead", "not-a-uuid")).startsWith("must be a UUID");
        assertThat(problem("q", "anything at all")).isNull();
    }
}
