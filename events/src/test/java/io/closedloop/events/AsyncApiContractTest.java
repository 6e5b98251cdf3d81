package io.closedloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.junit.jupiter.api.Test;

/**
 * The committed AsyncAPI document ({@code events/asyncapi.yaml}) is what the event catalog makes: a new or renamed event
 * type, topic or header shows here first. Rewrite it with {@code ./mvnw -pl events test -Dasyncapi.write=true}. The
 * end-to-end tests validate it with the AsyncAPI parser.
 */
class AsyncApiContractTest {

    private static final Path FILE = Path.of(System.getProperty("asyncapi.file", "asyncapi.yaml"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    @Test
    void the_committed_document_is_the_catalogs() throws IOException {
        JsonNode generated = AsyncApiDocument.generate(System.getProperty("project.version", "0.1.0"));
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(FILE, "# Generated from EventCatalog by AsyncApiContractTest; do not edit by hand.\n"
                    + YAML.writeValueAsString(generated));
        }
        assertThat(FILE).as("events/asyncapi.yaml; write it with ./mvnw -pl events test -Dasyncapi.write=true").exists();
        assertThat(YAML.readTree(FILE.toFile())).as("events/asyncapi.yaml against the catalog; rewrite it with "
                + "./mvnw -pl events test -Dasyncapi.write=true").isEqualTo(generated);
    }

    @Test
    void every_message_points_at_a_committed_schema_whose_id_is_the_events_dataschema() throws IOException {
        Path schemas = Path.of(System.getProperty("schemas.dir", "src/main/resources/schemas"));
        for (EventType<?> type : EventCatalog.all()) {
            Path file = schemas.resolve(type.type() + ".schema.json");
            assertThat(file).exists();
            assertThat(EventJson.mapper().readTree(file.toFile()).path("$id").asText()).isEqualTo(type.schemaUri());
            assertThat(java.net.URI.create(type.schemaUri()).isAbsolute()).isTrue();
        }
    }
}
