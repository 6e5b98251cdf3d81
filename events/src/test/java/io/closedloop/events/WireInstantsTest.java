package io.closedloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireInstantsTest {

    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void reads_every_form_a_producer_writes_as_the_jdk_does() {
        Random random = new Random(20261206);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(FIRST + (long) (random.nextDouble() * (LAST - FIRST)), random.nextInt(1_000_000_000));
            String text = switch (i % 4) {
                case 0 -> instant.toString();
                case 1 -> withFraction(instant, 1 + random.nextInt(9));
                case 2 -> instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
                default -> withOffset(instant, random.nextInt(18 * 60 * 2 + 1) - 18 * 60);
            };
            assertThat(WireInstants.quick(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T12:00:00Z", "2000-02-29T00:00:00.5Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.123456789-18:00", "2026-12-06T19:59:54+05:30", "2026-12-06T00:00:00-00:00"})
    void reads_the_edges_of_the_form_as_the_jdk_does(String text) {
        assertThat(WireInstants.quick(text)).isNotNull().isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
            "2026-12-06T24:00:00Z", "2026-12-06T23:60:00Z", "2026-12-06T23:59:60Z", "2026-12-06t10:00:00Z",
            "2026-12-06T10:00:00z", "2026-12-06T10:00:00.Z", "2026-12-06T10:00:00.1234567891Z", "2026-12-06T10:00:00",
            "2026-12-06T10:00Z", "+12026-12-06T10:00:00Z", "-0001-12-06T10:00:00Z", "2026-12-06T10:00:00+18:30",
            "2026-12-06T10:00:00+0530", "2026-12-06T10:00:00+05", " 2026-12-06T10:00:00Z", "2026-12-06T10:00:00Z ",
            "2026-1a-06T10:00:00Z", "2026-12-06 10:00:00Z", "", "not a time"})
    void leaves_anything_else_to_the_jdk_so_it_is_accepted_or_refused_as_before(String text) {
        assertThat(WireInstants.quick(text)).isNull();
        Instant jdk;
        try {
            jdk = Instant.parse(text);
        } catch (DateTimeParseException refused) {
            assertThatThrownBy(() -> WireInstants.parse(text)).isInstanceOf(DateTimeParseException.class)
                    .hasMessage(refused.getMessage());
            return;
        }
        assertThat(WireInstants.parse(text)).isEqualTo(jdk);
    }

    @Test
    void event_data_is_read_through_it_and_other_forms_as_the_time_module_reads_them() throws Exception {
        ObjectMapper mapper = EventJson.mapper();
        JsonDeserializer<Object> reader = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null)
                .findRootValueDeserializer(mapper.constructType(Instant.class));
        assertThat(reader).isInstanceOf(WireInstants.Deserializer.class);

        assertThat(mapper.readValue("\"2026-12-06T19:59:54.123456Z\"", Instant.class)).isEqualTo(Instant.parse("2026-12-06T19:59:54.123456Z"));
        assertThat(mapper.readValue("\" 2026-12-06T19:59:54Z \"", Instant.class)).isEqualTo(Instant.parse("2026-12-06T19:59:54Z"));
        assertThat(mapper.readValue("\"2026-12-06T23:59:60Z\"", Instant.class)).isEqualTo(Instant.parse("2026-12-06T23:59:60Z"));
        assertThat(mapper.readValue("1765051194.5", Instant.class)).isEqualTo(Instant.ofEpochSecond(1765051194, 500_000_000));
        assertThatThrownBy(() -> mapper.readValue("\"2026-02-29T00:00:00Z\"", Instant.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidFormatException.class);
    }

    @Test
    void writes_an_instant_as_instant_to_string_does() {
        Random random = new Random(61202026);
        for (int i = 0; i < 200_000; i++) {
            long second = FIRST + (long) (random.nextDouble() * (LAST - FIRST));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertThat(WireInstants.format(instant)).isEqualTo(instant.toString());
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(FIRST),
                Instant.ofEpochSecond(LAST, 999_999_999), Instant.ofEpochSecond(FIRST - 1), Instant.ofEpochSecond(LAST + 1),
                Instant.MIN, Instant.MAX, Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(0, 10_000)}) {
            assertThat(WireInstants.format(edge)).isEqualTo(edge.toString());
        }
    }

    @Test
    void event_data_is_written_as_the_time_module_writes_it() throws Exception {
        ObjectMapper timeModule = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(FIRST + (long) (random.nextDouble() * (LAST - FIRST)), random.nextInt(1_000_000_000));
            record Stamp(Instant at, java.util.List<Instant> more) {
            }
            Stamp stamp = new Stamp(instant, java.util.List.of(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
            assertThat(EventJson.mapper().writeValueAsString(stamp)).isEqualTo(timeModule.writeValueAsString(stamp));
        }
    }

    private static String withFraction(Instant instant, int digits) {
        String nanos = String.format("%09d", instant.getNano()).substring(0, digits);
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(instant) + "." + nanos + "Z";
    }

    private static String withOffset(Instant instant, int offsetMinutes) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        String text = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(offset).format(instant);
        String zone = offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
        return text.startsWith("-") || text.startsWith("+") || text.indexOf('-') != 4 ? instant.toString() : text + zone;
    }
}
