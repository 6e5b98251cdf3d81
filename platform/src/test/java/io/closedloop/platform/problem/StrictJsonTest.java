package io.closedloop.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    record Person(String name, Set<String> roles, List<String> notes, Instant away, LocalDate since, YearMonth month, java.util.UUID lead) {
    }

    private final ObjectMapper mapper = strictMapper();

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return mapper;
    }

    private Person read(String json) throws Exception {
        return mapper.readValue(json, Person.class);
    }

    record Limited(@jakarta.validation.constraints.Size(max = 3) List<Person> people, List<String> unbounded,
                   java.util.Map<String, Integer> counts) {
    }

    @Test
    void aCollectionStopsAtItsDeclaredSizeBeforeItsItemsAreBuilt() {
        assertThatThrownBy(() -> mapper.readValue("{\"people\":[{},{},{},{}]}", Limited.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class)
                .hasMessageContaining("must have at most 3 items")
                .satisfies(e -> assertThat(((com.fasterxml.jackson.databind.JsonMappingException) e).getPath())
                        .extracting(com.fasterxml.jackson.databind.JsonMappingException.Reference::getFieldName)
                        .containsExactly("people"));
        // Two hundred thousand empty objects, as the request that ran a service out of memory: refused at the first
        // item too many, with nothing built.
        String hostile = "{\"unbounded\":[" + "\"x\",".repeat(200_000) + "\"x\"]}";
        assertThatThrownBy(() -> mapper.readValue(hostile, Limited.class))
                .hasMessageContaining("must have at most " + StrictJson.DEFAULT_MAX_ITEMS + " items");
        String manyEntries = "{\"counts\":{" + java.util.stream.IntStream.range(0, 1_001).mapToObj(i -> "\"k" + i + "\":1")
                .collect(java.util.stream.Collectors.joining(",")) + "}}";
        assertThatThrownBy(() -> mapper.readValue(manyEntries, Limited.class))
                .hasMessageContaining("must have at most " + StrictJson.DEFAULT_MAX_ITEMS + " entries");
    }

    /**
     * A list too long inside an item of a bounded list (one assignment rule with 200,000 territories): refused at the
     * inner list's bound, having read only the first few kilobytes of the body. Copying the outer list's tokens aside
     * to count them read all 1.4 MB and held 200,000 strings first.
     */
    @Test
    void aListTooLongInsideAnItemIsRefusedWithoutReadingTheRest() {
        String hostile = "{\"people\":[{\"notes\":[" + "\"territory\",".repeat(200_000) + "\"x\"]}]}";
        byte[] body = hostile.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        java.io.InputStream counted = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                int n = super.read(buffer, offset, length);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        assertThatThrownBy(() -> mapper.readValue(counted, Limited.class))
                .hasMessageContaining("must have at most " + StrictJson.DEFAULT_MAX_ITEMS + " items")
                .satisfies(e -> assertThat(((StrictJson.TooMany) e).field()).isEqualTo("people[0].notes"));
        assertThat(read.get()).as("bytes read of " + body.length).isLessThan(64 * 1024);
    }

    @Test
    void whatFitsIsReadAsBefore() throws Exception {
        Limited limited = mapper.readValue("{\"people\":[{\"name\":\"a\",\"roles\":[\"x\",\"y\"]},{},{\"notes\":[]}],"
                + "\"unbounded\":[\"a\",\"b\"],\"counts\":{\"a\":1}}", Limited.class);
        assertThat(limited.people()).hasSize(3);
        assertThat(limited.people().getFirst().roles()).containsExactlyInAnyOrder("x", "y");
        assertThat(limited.unbounded()).containsExactly("a", "b");
        assertThat(limited.counts()).containsEntry("a", 1);
    }

    @Test
    void aDocumentNestsOnlySoDeep() {
        // Even where it would be skipped unread, as a field the service does not know.
        String deep = "{\"extra\":" + "[".repeat(40) + "]".repeat(40) + "}";
        assertThatThrownBy(() -> mapper.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(deep, Limited.class)).hasMessageContaining("nesting depth");
    }

    @Test
    void datesLieBetweenTheYearsOneAndNineThousandNineHundredNinetyNine() throws Exception {
        assertThat(read("{\"away\":\"9999-12-31T23:59:59Z\",\"since\":\"0001-01-01\"}").since()).isEqualTo(LocalDate.of(1, 1, 1));
        assertThatThrownBy(() -> read("{\"away\":\"+999999999-12-31T23:59:59Z\"}")).isInstanceOf(StrictJson.InvalidText.class)
                .hasMessageContaining("must lie between the years 1 and 9999");
        assertThatThrownBy(() -> read("{\"away\":\"+10000-01-01T00:00:00Z\"}")).isInstanceOf(StrictJson.InvalidText.class);
        assertThatThrownBy(() -> read("{\"since\":\"+10000-01-01\"}")).isInstanceOf(StrictJson.InvalidText.class);
        assertThatThrownBy(() -> read("{\"since\":\"-0001-01-01\"}")).isInstanceOf(StrictJson.InvalidText.class);
        assertThatThrownBy(() -> read("{\"month\":\"12026-01\"}")).isInstanceOf(StrictJson.InvalidText.class);
    }

    @Test
    void isoDatesAndTimesAreRead() throws Exception {
        Person p = read("""
                {"away":"2026-03-01T09:30:00Z","since":"2026-03-01","month":"2026-03"}""");
        assertThat(p.away()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(p.since()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(p.month()).isEqualTo(YearMonth.of(2026, 3));
    }

    @Test
    void aNumberIsNotATimestamp() {
        assertThatThrownBy(() -> read("{\"away\":12345}")).hasMessageContaining("Instant");
        assertThatThrownBy(() -> read("{\"away\":\"-1\"}")).isInstanceOf(StrictJson.InvalidText.class)
                .hasMessageContaining("must be an ISO-8601 timestamp");
        assertThatThrownBy(() -> read("{\"away\":\"12345.5\"}")).isInstanceOf(StrictJson.InvalidText.class);
        assertThatThrownBy(() -> read("{\"since\":[2026,3,1]}")).hasMessageContaining("LocalDate");
    }

    record Policy(java.time.Duration within) {
    }

    @Test
    void aDurationIsIsoTextNeverANumberOfSecondsNorBlank() throws Exception {
        assertThat(mapper.readValue("{\"within\":\"PT4H\"}", Policy.class).within()).isEqualTo(java.time.Duration.ofHours(4));
        assertThatThrownBy(() -> mapper.readValue("{\"within\":12345}", Policy.class)).hasMessageContaining("Duration");
        assertThatThrownBy(() -> mapper.readValue("{\"within\":\"12345\"}", Policy.class))
                .isInstanceOf(StrictJson.InvalidText.class).hasMessageContaining("must be an ISO-8601 duration");
        assertThatThrownBy(() -> mapper.readValue("{\"within\":\" \"}", Policy.class)).isInstanceOf(StrictJson.InvalidText.class);
        assertThatThrownBy(() -> mapper.readValue("{\"within\":\"\\u0000\"}", Policy.class)).isInstanceOf(StrictJson.InvalidText.class);
    }

    @Test
    void blankIsNotAnAbsentDate() {
        assertThatThrownBy(() -> read("{\"away\":\" \"}")).isInstanceOf(StrictJson.InvalidText.class);
        assertThatThrownBy(() -> read("{\"since\":\"\"}")).isInstanceOf(StrictJson.InvalidText.class)
                .hasMessageContaining("must be an ISO-8601 date");
    }

    @Test
    void controlCharactersAreNotAnAbsentValue() throws Exception {
        assertThatThrownBy(() -> read("{\"away\":\"\\u0000\"}")).isInstanceOf(StrictJson.InvalidText.class);
        assertThatThrownBy(() -> read("{\"lead\":\"\\u0000\"}")).isInstanceOf(StrictJson.InvalidText.class)
                .hasMessageContaining("must be a UUID");
        assertThatThrownBy(() -> read("{\"lead\":\" \"}")).isInstanceOf(StrictJson.InvalidText.class);
        assertThat(read("{\"lead\":\"3f2b6c1e-8d4a-4c55-9f0e-1a2b3c4d5e6f\"}").lead()).hasToString("3f2b6c1e-8d4a-4c55-9f0e-1a2b3c4d5e6f");
    }

    @Test
    void nullStillMeansAbsent() throws Exception {
        Person p = read("{\"away\":null,\"roles\":null}");
        assertThat(p.away()).isNull();
        assertThat(p.roles()).isNull();
    }

    @Test
    void aSetMustNotRepeatAnItem() throws Exception {
        assertThat(read("{\"roles\":[\"agent\",\"manager\"]}").roles()).containsExactlyInAnyOrder("agent", "manager");
        assertThatThrownBy(() -> read("{\"roles\":[\"agent\",\"agent\",\"agent\",\"agent\"]}"))
                .isInstanceOf(StrictJson.InvalidText.class)
                .hasMessageContaining("must not repeat an item (\"agent\" is given twice)");
    }

    @Test
    void aListMayRepeat() throws Exception {
        assertThat(read("{\"notes\":[\"x\",\"x\"]}").notes()).containsExactly("x", "x");
    }

    @Test
    void setItemsAreStillStrictText() {
        assertThatThrownBy(() -> read("{\"roles\":[\"a\\u0000b\"]}")).isInstanceOf(StrictJson.InvalidText.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> read("{\"roles\":[12]}")).hasMessageContaining("String");
    }
}
