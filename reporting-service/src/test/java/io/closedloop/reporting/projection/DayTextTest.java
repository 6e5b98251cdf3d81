package io.closedloop.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DayTextTest {

    /** Zones whose days are not 24 hours long or do not start at midnight, and one far from UTC. */
    private static final String[] ZONES = {"UTC", "Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham",
            "America/Havana", "Pacific/Kiritimati"};

    @Test
    void every_instant_in_order_gets_the_day_it_falls_on_in_the_zone() {
        for (String name : ZONES) {
            ZoneId zone = ZoneId.of(name);
            DayText days = new DayText(zone);
            // Every 7 minutes for two years that include clock changes at and around midnight (Sao Paulo until 2019).
            for (Instant at = Instant.parse("2017-06-01T00:00:00Z"); at.isBefore(Instant.parse("2019-06-01T00:00:00Z"));
                    at = at.plus(Duration.ofMinutes(7))) {
                assertThat(days.of(at)).as(name + " at " + at).isEqualTo(LocalDate.ofInstant(at, zone).toString());
            }
        }
    }

    @Test
    void instants_out_of_order_and_at_the_edges_of_a_day_get_their_own_day() {
        Random random = new Random(18);
        for (String name : ZONES) {
            ZoneId zone = ZoneId.of(name);
            DayText days = new DayText(zone);
            for (int i = 0; i < 20_000; i++) {
                LocalDate day = LocalDate.of(2017, 1, 1).plusDays(random.nextInt(1_000));
                Instant start = day.atStartOfDay(zone).toInstant();
                Instant at = switch (i % 4) {
                    case 0 -> start;
                    case 1 -> start.minusNanos(1);
                    case 2 -> start.plusSeconds(random.nextInt(86_400));
                    default -> Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L));
                };
                assertThat(days.of(at)).as(name + " at " + at).isEqualTo(LocalDate.ofInstant(at, zone).toString());
            }
        }
    }
}
