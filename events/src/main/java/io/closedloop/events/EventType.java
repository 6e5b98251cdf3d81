package io.closedloop.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of event: its CloudEvents type ({@code io.closedloop.<aggregate>.<what-happened>.v<n>}), the topic it is
 * published on and the record its data deserializes to.
 */
public record EventType<T extends Record>(String type, String topic, Class<T> dataType) {

    private static final Pattern NAME = Pattern.compile("io\\.closedloop\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dataType, "dataType");
        if (!NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("Event type must read io.closedloop.<aggregate>.<what-happened>.v<n>: " + type);
        }
    }

    /** The aggregate part of the type name, e.g. {@code lead} for {@code io.closedloop.lead.received.v1}. */
    public String aggregate() {
        return type.split("\\.")[2];
    }

    /** Where the JSON Schema of the data sits inside the events module. */
    public String schemaPath() {
        return "schemas/" + type + ".schema.json";
    }

    /** The CloudEvents {@code dataschema}: the absolute URI that is its committed schema's {@code $id}. */
    public String schemaUri() {
        return CloudEventHeaders.dataSchema(type);
    }

    static <T extends Record> EventType<T> of(String type, String topic, Class<T> dataType) {
        return new EventType<>(type, topic, dataType);
    }
}
