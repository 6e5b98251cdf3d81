package io.closedloop.e2e.hostile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The requests that cost a careless service its memory or its threads, for one operation: every list of its body
 * (optional ones and those inside list items too) with 200,000 elements, every date, time and duration at the edges
 * of what a computer can hold, a request line and a header block past the documented limits. Every one is invalid
 * by construction. Slow bodies and concurrent duplicates are sent by the walker itself.
 */
final class ResourceProbes {

    /** 200,000 elements: {@code [{},{},…]} is ~600 KB, the request that ended a service with a 96 MB heap. */
    static final int HUGE_LIST = 200_000;
    private static final String HUGE_MARKER = "__closedloop_huge_list__";

    /** Dates beyond years 1–9999, the largest and smallest a JSON date parser accepts, and a year zero. */
    private static final Map<String, List<String>> EXTREMES = Map.of(
            "date", List.of("+999999999-12-31", "-999999999-01-01", "10000-01-01", "0000-01-01"),
            "date-time", List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "10000-01-01T00:00:00Z",
                    "0000-12-31T23:59:59Z"),
            "duration", List.of("PT2562047788015215H", "P106751991167300D", "PT-1S"));

    record Path(List<String> segments) {
        @Override
        public String toString() {
            return String.join(".", segments).replace(".[]", "[]");
        }

        Path then(String segment) {
            List<String> longer = new ArrayList<>(segments);
            longer.add(segment);
            return new Path(List.copyOf(longer));
        }

        /** The property a service names when it refuses the value: the last named segment. */
        String field() {
            for (int i = segments.size() - 1; i >= 0; i--) {
                if (!segments.get(i).equals("[]")) {
                    return segments.get(i);
                }
            }
            return "";
        }
    }

    private final Probes probes;

    ResourceProbes(Probes probes) {
        this.probes = probes;
    }

    boolean hasBody() {
        return probes.requestSchema() != null;
    }

    /** A plausible body: what the slow-body probe sends half of. */
    String plausibleBody() {
        return probes.plausible(probes.requestSchema(), 0).toString();
    }

    /** For each list in the body, a body with that list 200,000 elements long: 400 or 413, never work. */
    List<Probes.Probe> oversizedLists() {
        List<Probes.Probe> found = new ArrayList<>();
        JsonNode schema = probes.requestSchema();
        if (schema == null) {
            return found;
        }
        walk(schema, new Path(List.of()), 0, (path, property) -> {
            if (!property.path("type").asText().equals("array")) {
                return;
            }
            String element = minimalElement(probes.resolve(property.path("items")));
            String body = Probes.json(variant(schema, path.segments(), Probes.NODES.textNode(HUGE_MARKER), 0))
                    .replace("\"" + HUGE_MARKER + "\"", "[" + (element + ",").repeat(HUGE_LIST - 1) + element + "]");
            found.add(new Probes.Probe("body " + path + " with " + HUGE_LIST + " elements (" + body.length() / 1024
                    + " KB)", probes.method(), probes.path(Map.of()), "application/json", body, false));
        });
        return found;
    }

    /** For each date, date-time and duration in the body and the query, each extreme value: 400 naming the field. */
    List<Named> extremeValues() {
        List<Named> found = new ArrayList<>();
        JsonNode schema = probes.requestSchema();
        if (schema != null) {
            walk(schema, new Path(List.of()), 0, (path, property) -> {
                for (String value : EXTREMES.getOrDefault(property.path("format").asText(), List.of())) {
                    String body = Probes.json(variant(schema, path.segments(), Probes.NODES.textNode(value), 0));
                    found.add(new Named(path.field(), new Probes.Probe("body " + path + "=" + value, probes.method(),
                            probes.path(Map.of()), "application/json", body, false)));
                }
            });
        }
        for (JsonNode parameter : probes.parameters()) {
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            JsonNode parameterSchema = probes.resolve(parameter.path("schema"));
            if (parameterSchema.path("type").asText().equals("array")) {
                parameterSchema = probes.resolve(parameterSchema.path("items"));
            }
            for (String value : EXTREMES.getOrDefault(parameterSchema.path("format").asText(), List.of())) {
                found.add(new Named(name, new Probes.Probe("query " + name + "=" + value, probes.method(),
                        probes.path(Map.of()) + "?" + name + "=" + Probes.encode(value), contentType(), invalidBody(),
                        probes.method().equals("GET"))));
            }
        }
        return found;
    }

    /** A probe and the field its refusal must name. */
    record Named(String field, Probes.Probe probe) {
    }

    /** A request line of ~12 KB (past the 8 KiB limit, inside the HTTP layer's 16 KiB): 414. */
    Probes.Probe longRequestLine() {
        String name = probes.parameters().stream().filter(p -> p.path("in").asText().equals("query"))
                .map(p -> p.path("name").asText()).findFirst().orElse("filter");
        String pair = name + "=" + "x".repeat(40);
        int repetitions = 12 * 1024 / (pair.length() + 1);
        String query = String.join("&", java.util.Collections.nCopies(repetitions, pair));
        return new Probes.Probe("a 12 KB request line (" + name + " × " + repetitions + ")", probes.method(),
                probes.path(Map.of()) + "?" + query, contentType(), invalidBody(), false);
    }

    private String contentType() {
        return hasBody() ? "application/json" : null;
    }

    private String invalidBody() {
        return hasBody() ? "{\"zzUnknownField\":1}" : null;
    }

    /** Every property under {@code schema}, optional ones included, into list items, down to depth 4. */
    private void walk(JsonNode schema, Path path, int depth, BiConsumer<Path, JsonNode> visit) {
        JsonNode resolved = probes.resolve(schema);
        if (depth > 4) {
            return;
        }
        if (!path.segments().isEmpty()) {
            visit.accept(path, resolved);
        }
        if (resolved.path("type").asText().equals("array")) {
            walk(resolved.path("items"), path.then("[]"), depth + 1, visit);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            walk(property.getValue(), path.then(property.getKey()), depth + 1, visit);
        }
    }

    /** A plausible value of {@code schema} with {@code value} at {@code path} (creating what leads to it). */
    private JsonNode variant(JsonNode schema, List<String> path, JsonNode value, int depth) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode resolved = probes.resolve(schema);
        String head = path.getFirst();
        List<String> rest = path.subList(1, path.size());
        if (head.equals("[]")) {
            ArrayNode array = Probes.NODES.arrayNode();
            array.add(variant(resolved.path("items"), rest, value, depth + 1));
            return array;
        }
        JsonNode plausible = probes.plausible(resolved, depth);
        ObjectNode object = plausible instanceof ObjectNode o ? o : Probes.NODES.objectNode();
        object.set(head, variant(resolved.path("properties").path(head), rest, value, depth + 1));
        return object;
    }

    private static String minimalElement(JsonNode items) {
        return switch (items.path("type").asText(items.has("properties") ? "object" : "string")) {
            case "object" -> "{}";
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            case "array" -> "[]";
            default -> "\"x\"";
        };
    }
}
