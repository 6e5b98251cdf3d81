package io.closedloop.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;

/** Generates the JSON Schema of an event's data from its record: {@code @NotNull} components are required. */
final class EventSchemas {

    private static final SchemaGenerator GENERATOR = new SchemaGenerator(configuration());

    private EventSchemas() {
    }

    /** {@code @NotNull} components and primitives (always written) are required. */
    private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig configuration() {
        SchemaGeneratorConfigBuilder builder =
                new SchemaGeneratorConfigBuilder(EventJson.mapper(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                        .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                        .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                                JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
                        .with(Option.INLINE_ALL_SCHEMAS, Option.EXTRA_OPEN_API_FORMAT_VALUES,
                                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                        .without(Option.SCHEMA_VERSION_INDICATOR);
        builder.forFields().withRequiredCheck(field -> field.getRawMember().getType().isPrimitive());
        return builder.build();
    }

    static JsonNode generate(EventType<?> type) {
        ObjectNode schema = EventJson.mapper().createObjectNode();
        schema.put("$schema", SchemaVersion.DRAFT_2020_12.getIdentifier());
        schema.put("$id", type.schemaUri());
        schema.put("title", type.type());
        schema.put("description", "Data of the CloudEvent " + type.type() + ", published on topic " + type.topic()
                + " with the aggregate id as record key.");
        schema.setAll((ObjectNode) GENERATOR.generateSchema(type.dataType()));
        return schema;
    }
}
