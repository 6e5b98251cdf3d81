package io.closedloop.e2e.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hostile requests for one operation of an OpenAPI document: hostile path and query values, malformed and
 * mistyped bodies, unknown fields, oversized strings, unicode edge cases and injection strings in otherwise plausible
 * bodies. Every probe is invalid by construction, so a service must refuse it.
 */
final class Probes {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings that have broken parsers, databases and templates; none is a valid id, reference, date or enum. */
    static final List<String> HOSTILE_STRINGS = List.of(
            "' OR '1'='1' --",
            "'; DROP TABLE lead; --",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "{{7*7}}",
            "../../../../etc/passwd",
            "%00%0d%0aSet-Cookie:x=1",
            "\u0000",
            "a\u0000b",
            "\u202Eevil\u202C",
            "\uFEFF\u200B",
            "\uD800",
            "😀🏳️‍🌈",
            "-1",
            "1e309",
            "null",
            " ",
            "x".repeat(70_000));

    record Probe(String what, String method, String path, String contentType, String body, boolean readOnly) {
    }

    private final JsonNode document;
    private final String method;
    private final String template;
    private final JsonNode operation;
    private final List<JsonNode> parameters = new ArrayList<>();

    /** The operation's path and query parameters, as documented. */
    List<JsonNode> parameters() {
        return List.copyOf(parameters);
    }

    Probes(JsonNode document, String method, String template, JsonNode pathItem) {
        this.document = document;
        this.method = method.toUpperCase();
        this.template = template;
        this.operation = pathItem.path(method);
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
    }

    List<Probe> all() {
        List<Probe> probes = new ArrayList<>();
        boolean readOnly = method.equals("GET");
        String basePath = path(Map.of());
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            // Not the 70,000-character string in a URL: past Vert.x's 4,096-byte request line the HTTP layer drops the
            // connection before any application code runs (see the issue notes); a long value still goes in.
            List<String> values = new ArrayList<>(HOSTILE_STRINGS.stream().map(v -> v.length() > 3_000 ? v.substring(0, 3_000) : v).toList());
            values.addAll(wrongTypes(resolve(parameter.path("schema"))));
            for (String value : values) {
                String what = in + " " + name + "=" + shortly(value);
                if (in.equals("path")) {
                    probes.add(new Probe(what, method, path(Map.of(name, value)), contentTypeIfBody(), invalidBodyIfAny(), readOnly));
                } else if (in.equals("query")) {
                    probes.add(new Probe(what, method, basePath + "?" + name + "=" + encode(value), contentTypeIfBody(),
                            invalidBodyIfAny(), readOnly));
                }
            }
        }
        JsonNode schema = requestSchema();
        if (schema != null) {
            for (String malformed : List.of("{\"a\":", "{\"a\":1,}", "[", "", "\u0000", "{'single':'quotes'}",
                    "{\"a\":1}{\"b\":2}", "[]", "\"text\"", "42", "true", "null", "{\"__proto__\":{\"polluted\":true}}",
                    "{\"zzUnknownField\":1}", "[".repeat(5_000) + "]".repeat(5_000),
                    "{\"a\":" + "9".repeat(5_000) + "}")) {
                probes.add(new Probe("body " + shortly(malformed), method, basePath, "application/json", malformed, false));
            }
            probes.add(new Probe("body as text/plain", method, basePath, "text/plain", "hello", false));
            probes.add(new Probe("body as XML", method, basePath, "application/xml", "<lead/>", false));
            probes.add(new Probe("body over the size limit", method, basePath, "application/json",
                    "{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", false));
            JsonNode plausible = plausible(schema, 0);
            if (schema.has("required") && schema.path("required").size() > 0) {
                probes.add(new Probe("body {}", method, basePath, "application/json", "{}", false));
            }
            if (plausible instanceof ObjectNode object) {
                ObjectNode extra = object.deepCopy();
                extra.put("zzUnknownField", "surprise");
                probes.add(new Probe("plausible body + an unknown field", method, basePath, "application/json", extra.toString(), false));
                for (Iterator<Map.Entry<String, JsonNode>> it = resolve(schema).path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    JsonNode propertySchema = resolve(property.getValue());
                    for (JsonNode wrong : invalidValues(propertySchema)) {
                        ObjectNode probe = object.deepCopy();
                        probe.set(property.getKey(), wrong);
                        probes.add(new Probe("body ." + property.getKey() + "=" + shortly(wrong.toString()), method, basePath,
                                "application/json", json(probe), false));
                    }
                }
            }
        }
        return probes;
    }

    /** The same operation with a plausible path, for the token probes. */
    Probe plain() {
        JsonNode schema = requestSchema();
        return new Probe("plain", method, path(Map.of()), schema == null ? null : "application/json",
                schema == null ? null : plausible(schema, 0).toString(), method.equals("GET"));
    }

    String method() {
        return method;
    }

    String template() {
        return template;
    }

    private String contentTypeIfBody() {
        return requestSchema() == null ? null : "application/json";
    }

    /** A path or query probe carries a body that is wrong on its own, so a mutation can never succeed. */
    private String invalidBodyIfAny() {
        return requestSchema() == null ? null : "{\"zzUnknownField\":1}";
    }

    JsonNode requestSchema() {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : resolve(schema);
    }

    String path(Map<String, String> overrides) {
        String path = template;
        for (JsonNode parameter : parameters) {
            if (!parameter.path("in").asText().equals("path")) {
                continue;
            }
            String name = parameter.path("name").asText();
            String value = overrides.containsKey(name) ? overrides.get(name) : plausible(resolve(parameter.path("schema")), 0).asText();
            path = path.replace("{" + name + "}", encode(value));
        }
        return path;
    }

    /** Values no schema of this kind accepts: the wrong JSON type, out of range, too long, not in the enum or pattern. */
    private List<JsonNode> invalidValues(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>();
        String type = schema.path("type").asText("object");
        switch (type) {
            case "string" -> {
                values.add(NODES.numberNode(12345));
                values.add(NODES.objectNode().put("nested", true));
                values.add(NODES.textNode("probe\u0000with a NUL"));
                values.add(NODES.textNode("lone \uD800 surrogate"));
                if (schema.has("maxLength")) {
                    values.add(NODES.textNode("x".repeat(schema.path("maxLength").asInt() + 1)));
                }
                // Injection strings are valid free text (a name may well read "'; DROP TABLE lead; --" and is then
                // stored as such); they must be refused where the alphabet is restricted: ids, references, enums, dates.
                boolean freeText = schema.path("pattern").asText().equals("\\S");
                if ((schema.has("pattern") && !freeText) || schema.has("format") || schema.has("enum")) {
                    String pattern = schema.path("pattern").asText();
                    for (String hostile : HOSTILE_STRINGS) {
                        // "null" or "1e309" are fine person ids: only values the pattern refuses are probes.
                        if (pattern.isEmpty() || !java.util.regex.Pattern.compile(pattern).matcher(hostile).matches()) {
                            values.add(NODES.textNode(hostile));
                        }
                    }
                }
            }
            case "integer", "number" -> {
                values.add(NODES.textNode("twelve"));
                values.add(NODES.booleanNode(true));
                values.add(NODES.numberNode(new java.math.BigInteger("9".repeat(40))));
                values.add(NODES.numberNode(-1));
                if (type.equals("integer")) {
                    values.add(NODES.numberNode(1.5));
                }
            }
            case "boolean" -> {
                values.add(NODES.textNode("yes"));
                values.add(NODES.numberNode(2));
            }
            case "array" -> {
                values.add(NODES.objectNode().put("not", "an array"));
                if (schema.has("maxItems")) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i <= schema.path("maxItems").asInt(); i++) {
                        many.add(plausible(resolve(schema.path("items")), 1));
                    }
                    values.add(many);
                }
                values.add(NODES.arrayNode().add(NODES.nullNode()));
            }
            default -> {
                values.add(NODES.textNode("not an object"));
                values.add(NODES.arrayNode());
            }
        }
        return values;
    }

    private static List<String> wrongTypes(JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> List.of("abc", "1.5", "99999999999999999999999", "-2147483649");
            case "boolean" -> List.of("maybe", "2");
            default -> schema.path("format").asText().isEmpty() ? List.of() : List.of("not-a-" + schema.path("format").asText());
        };
    }

    /** A value of the schema's shape that is as valid as simple rules can make it. */
    JsonNode plausible(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    for (JsonNode required : schema.path("required")) {
                        object.set(required.asText(), plausible(schema.path("properties").path(required.asText()), depth + 1));
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < Math.max(1, schema.path("minItems").asInt(0)) && depth < 4; i++) {
                    array.add(plausible(schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asDouble(1)));
            case "boolean" -> NODES.booleanNode(false);
            default -> NODES.textNode(plausibleString(schema));
        };
    }

    private static String plausibleString(JsonNode schema) {
        String pattern = schema.path("pattern").asText();
        return switch (schema.path("format").asText()) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> "2026-03-02T10:00:00Z";
            case "date" -> LocalDate.of(2026, 3, 2).toString();
            case "duration" -> "PT1H";
            case "local-time" -> "09:00";
            case "email" -> "probe@example.com";
            default -> switch (pattern) {
                case "(ref|email|phone):[^\\s]{1,254}" -> "ref:probe";
                case "[A-Z]{3}" -> "EUR";
                case "\\+?[0-9 ().-]{6,30}" -> "+33 6 12 34 56 78";
                case "[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}" -> UUID.randomUUID().toString();
                // A choice of words, such as a loop kind: the first.
                default -> pattern.matches("[a-z-]+(\\|[a-z-]+)+") ? pattern.substring(0, pattern.indexOf('|'))
                        : pattern.startsWith("rm_") ? "rm_probe" : "probe";
            };
        };
    }

    JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(schema.path("allOf").get(0));
        }
        return schema;
    }

    /**
     * The node as JSON text, with lone surrogates written as {@code \\uXXXX} escapes: Jackson writes them raw, and
     * the UTF-8 encoder would then send "?" in their place — valid text, not the probe intended.
     */
    static String json(JsonNode node) {
        String text = node.toString();
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String shortly(String value) {
        String printable = value.replace("\u0000", "\\0");
        return printable.length() > 40 ? printable.substring(0, 37) + "…(" + value.length() + ")" : printable;
    }
}
