package io.closedloop.e2e.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** YAML documents (manifests, compose file, rules) as JSON trees. */
final class Yaml {

    static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(new YAMLFactory().createParser(yaml))) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file that uses anchors and merge keys ({@code <<: *defaults}), resolved as YAML 1.1 readers do. */
    static JsonNode readMerging(Path file) {
        try {
            Object loaded = new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
            return MAPPER.valueToTree(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The release the images carry: {@code closedloop.release} of the root POM. */
    static String release() {
        return pomProperty("closedloop.release").orElseThrow();
    }

    /** The project version of the root POM, e.g. 0.1.0-SNAPSHOT. */
    static String projectVersion() {
        try {
            String pom = Files.readString(Commands.home().resolve("pom.xml"));
            Matcher m = Pattern.compile("<artifactId>closedloop-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("No version in the root POM");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<String> pomProperty(String name) {
        try {
            Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
                    .matcher(Files.readString(Commands.home().resolve("pom.xml")));
            return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
