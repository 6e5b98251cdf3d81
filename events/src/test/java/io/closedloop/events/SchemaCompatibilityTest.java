package io.closedloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private static final String PUBLISHED = """
            {"type":"object",
             "properties":{
               "id":{"type":"string","format":"uuid"},
               "note":{"type":"string"},
               "count":{"type":"integer"},
               "kind":{"type":"string","enum":["A","B"]},
               "money":{"type":"object","properties":{"amount":{"type":"number"}},"required":["amount"]},
               "tags":{"type":"array","items":{"type":"string"}}},
             "required":["id"]}
            """;

    @Test
    void identical_schema_is_compatible() {
        assertThat(breaking(PUBLISHED)).isEmpty();
    }

    @Test
    void adding_an_optional_property_is_compatible() {
        String next = PUBLISHED.replace("\"note\":{\"type\":\"string\"}", "\"note\":{\"type\":\"string\"},\"extra\":{\"type\":\"string\"}");
        assertThat(breaking(next)).isEmpty();
    }

    @Test
    void adding_an_enum_value_breaks_consumers_that_bind_the_old_list() {
        String next = PUBLISHED.replace("[\"A\",\"B\"]", "[\"A\",\"B\",\"C\"]");
        assertThat(breaking(next)).containsExactly("$.kind now allows [C], which existing consumers reject");
    }

    @Test
    void removing_a_property_breaks() {
        String next = PUBLISHED.replace("\"note\":{\"type\":\"string\"},", "");
        assertThat(breaking(next)).containsExactly("$.note was removed");
    }

    @Test
    void retyping_a_property_breaks_even_when_nested() {
        String next = PUBLISHED.replace("\"count\":{\"type\":\"integer\"}", "\"count\":{\"type\":\"string\"}")
                .replace("{\"amount\":{\"type\":\"number\"}}", "{\"amount\":{\"type\":\"string\"}}")
                .replace("\"items\":{\"type\":\"string\"}", "\"items\":{\"type\":\"integer\"}");
        assertThat(breaking(next)).containsExactlyInAnyOrder(
                "$.count changed type from [integer] to [string]",
                "$.money.amount changed type from [number] to [string]",
                "$.tags[] changed type from [string] to [integer]");
    }

    @Test
    void changing_a_format_breaks() {
        String next = PUBLISHED.replace("\"format\":\"uuid\"", "\"format\":\"date-time\"");
        assertThat(breaking(next)).hasSize(1).first().asString().startsWith("$.id changed format");
    }

    @Test
    void retyping_the_values_of_a_map_breaks() {
        String withMap = PUBLISHED.replace("\"note\":{\"type\":\"string\"}",
                "\"note\":{\"type\":\"string\"},\"hours\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"array\",\"items\":{\"type\":\"boolean\"}}}");
        String next = withMap.replace("\"items\":{\"type\":\"boolean\"}}}", "\"items\":{\"type\":\"integer\"}}}");
        assertThat(SchemaCompatibility.breakingChanges(json(withMap), json(next)))
                .containsExactly("$.hours{}[] changed type from [boolean] to [integer]");
    }

    @Test
    void changing_a_pattern_breaks() {
        String withPattern = PUBLISHED.replace("\"note\":{\"type\":\"string\"}", "\"note\":{\"type\":\"string\",\"pattern\":\"[a-z]+\"}");
        String next = withPattern.replace("[a-z]+", "[a-z]{2}");
        assertThat(SchemaCompatibility.breakingChanges(json(withPattern), json(next)))
                .containsExactly("$.note changed pattern from \"[a-z]+\" to \"[a-z]{2}\"");
    }

    @Test
    void making_an_optional_property_required_breaks() {
        String next = PUBLISHED.replace("\"required\":[\"id\"]}", "\"required\":[\"id\",\"note\"]}");
        assertThat(breaking(next)).containsExactly("$.note was optional and is now required");
    }

    @Test
    void a_new_required_property_breaks_because_earlier_events_lack_it() {
        String next = PUBLISHED.replace("\"note\":{\"type\":\"string\"}", "\"note\":{\"type\":\"string\"},\"owner\":{\"type\":\"string\"}")
                .replace("\"required\":[\"id\"]}", "\"required\":[\"id\",\"owner\"]}");
        assertThat(breaking(next)).containsExactly("$.owner is a new required property that earlier events lack");
    }

    @Test
    void removing_an_enum_value_breaks() {
        String next = PUBLISHED.replace("[\"A\",\"B\"]", "[\"A\"]");
        assertThat(breaking(next)).containsExactly("$.kind no longer allows [B]");
    }

    @Test
    void making_a_required_property_optional_breaks_consumers_that_rely_on_it() {
        String next = PUBLISHED.replace("\"required\":[\"id\"]}", "\"required\":[]}");
        assertThat(breaking(next)).containsExactly("$.id was required and is now optional; existing consumers rely on it");
    }

    private static java.util.List<String> breaking(String next) {
        return SchemaCompatibility.breakingChanges(json(PUBLISHED), json(next));
    }

    private static JsonNode json(String s) {
        try {
            return EventJson.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
