package io.closedloop.events;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides whether a new JSON Schema of an event's data would break a consumer. A topic holds old and new events
 * and is read by old and new consumers at once, so compatibility must hold both ways. Breaking: a property
 * removed, retyped, re-formatted or given another pattern; an optional property made required, or a new required property (old events
 * lack it); a required property made optional (old consumers rely on it); an enum value removed (old events carry
 * it) or added (old consumers bind enums strictly). The one compatible change is a new optional property, which
 * every consumer ignores until it knows it.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    static List<String> breakingChanges(JsonNode published, JsonNode next) {
        List<String> problems = new ArrayList<>();
        compare("$", published, next, problems);
        return problems;
    }

    private static void compare(String path, JsonNode old, JsonNode neu, List<String> problems) {
        Set<String> oldTypes = types(old);
        Set<String> newTypes = types(neu);
        if (!oldTypes.equals(newTypes)) {
            problems.add(path + " changed type from " + oldTypes + " to " + newTypes);
            return;
        }
        for (String facet : new String[] {"format", "pattern"}) {
            if (!old.path(facet).equals(neu.path(facet))) {
                problems.add(path + " changed " + facet + " from " + old.path(facet) + " to " + neu.path(facet));
            }
        }
        if (old.has("enum") || neu.has("enum")) {
            Set<String> removed = texts(old.path("enum"));
            removed.removeAll(texts(neu.path("enum")));
            Set<String> added = texts(neu.path("enum"));
            added.removeAll(texts(old.path("enum")));
            if (!removed.isEmpty()) {
                problems.add(path + " no longer allows " + removed);
            }
            if (!added.isEmpty()) {
                problems.add(path + " now allows " + added + ", which existing consumers reject");
            }
        }
        if (old.has("properties")) {
            JsonNode newProperties = neu.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = old.get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                String propertyPath = path + "." + property.getKey();
                if (!newProperties.has(property.getKey())) {
                    problems.add(propertyPath + " was removed");
                } else {
                    compare(propertyPath, property.getValue(), newProperties.get(property.getKey()), problems);
                }
            }
        }
        Set<String> newlyRequired = texts(neu.path("required"));
        newlyRequired.removeAll(texts(old.path("required")));
        for (String name : newlyRequired) {
            problems.add(path + "." + name + (old.path("properties").has(name)
                    ? " was optional and is now required"
                    : " is a new required property that earlier events lack"));
        }
        Set<String> noLongerRequired = texts(old.path("required"));
        noLongerRequired.removeAll(texts(neu.path("required")));
        noLongerRequired.retainAll(fieldNames(neu.path("properties")));
        for (String name : noLongerRequired) {
            problems.add(path + "." + name + " was required and is now optional; existing consumers rely on it");
        }
        if (old.has("items")) {
            compare(path + "[]", old.get("items"), neu.path("items"), problems);
        }
        if (old.path("additionalProperties").isObject()) {
            compare(path + "{}", old.get("additionalProperties"), neu.path("additionalProperties"), problems);
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isArray() ? texts(type) : type.isMissingNode() ? Set.of() : Set.of(type.asText());
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

}
