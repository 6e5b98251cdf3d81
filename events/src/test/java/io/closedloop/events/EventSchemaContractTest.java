package io.closedloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The committed schemas under {@code src/main/resources/schemas} are the published contract. This test fails when
 * the records no longer produce them: with a list of what would break a consumer (make a new {@code .vN} type
 * instead), or, for a compatible change, with the command that rewrites the committed files.
 *
 * <p>Rewrite compatible schemas: {@code ./mvnw -pl events test -Dschemas.write=true}. A breaking change is never
 * written.
 */
class EventSchemaContractTest {

    private static final Path DIR = Path.of(System.getProperty("schemas.dir", "src/main/resources/schemas"));
    private static final boolean WRITE = Boolean.getBoolean("schemas.write");
    private static final String HOW_TO_WRITE = "./mvnw -pl events test -Dschemas.write=true";

    @Test
    void every_event_type_matches_its_committed_schema_and_breaks_no_consumer() throws IOException {
        List<String> failures = new ArrayList<>();
        for (EventType<?> type : EventCatalog.all()) {
            JsonNode generated = EventSchemas.generate(type);
            Path file = DIR.resolve(type.type() + ".schema.json");
            if (!Files.exists(file)) {
                if (WRITE) {
                    write(file, generated);
                } else {
                    failures.add(type.type() + ": no committed schema; run " + HOW_TO_WRITE);
                }
                continue;
            }
            JsonNode committed = EventJson.mapper().readTree(file.toFile());
            List<String> breaking = SchemaCompatibility.breakingChanges(committed, generated);
            if (!breaking.isEmpty()) {
                failures.add(type.type() + " would break its consumers: " + breaking
                        + ". Keep the record compatible or publish a new type version.");
            } else if (!committed.equals(generated)) {
                if (WRITE) {
                    write(file, generated);
                } else {
                    failures.add(type.type() + ": compatible change not yet committed; run " + HOW_TO_WRITE);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void no_published_type_disappears_from_the_catalog() throws IOException {
        Set<String> catalog = EventCatalog.all().stream().map(EventType::type).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> orphaned = files.map(f -> f.getFileName().toString().replace(".schema.json", ""))
                    .filter(type -> !catalog.contains(type))
                    .toList();
            assertThat(orphaned).as("published event types removed from EventCatalog").isEmpty();
        }
    }

    @Test
    void event_types_are_unique_and_published_on_the_producing_services_topics() {
        Set<String> topics = Set.of(Topics.LEADS, Topics.FEEDBACK, Topics.REPORTING, Topics.EVIDENCE);
        assertThat(EventCatalog.all()).extracting(EventType::type).doesNotHaveDuplicates();
        assertThat(EventCatalog.all()).allSatisfy(t -> assertThat(topics).contains(t.topic()));
    }

    private static void write(Path file, JsonNode schema) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n");
    }
}
