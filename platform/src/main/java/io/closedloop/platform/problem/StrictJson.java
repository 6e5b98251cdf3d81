package io.closedloop.platform.problem;

import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import jakarta.validation.constraints.Size;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Text fields take JSON strings only, and never the NUL character or a lone UTF-16 surrogate; whole numbers are not
 * given as fractions, nor booleans as numbers. Jackson would otherwise turn {@code "name": 12345}
 * into the name "12345" (a client bug accepted as data), and a NUL would reach PostgreSQL, which cannot store it in
 * text and fails the whole request with a server error; a lone surrogate cannot be encoded and would be stored as "?". Both are found by the hostile-input test.
 * <p>
 * Dates and times come as ISO-8601 strings only: Jackson would read {@code 12345} or {@code "-1"} as seconds since 1970
 * and {@code " "} as "no value", so a client's bug would silently become a date in 1970 or clear a field. A JSON array
 * read into a set must not repeat an item: the contract says {@code uniqueItems}, and folding
 * {@code ["agent","agent","agent","agent"]} into one role would hide the client's mistake and dodge {@code maxItems}.
 * <p>
 * Size before substance: an array or object read into a collection or map may hold at most its {@code @Size(max)}
 * items (or {@link #DEFAULT_MAX_ITEMS} where none is declared), counted as the tokens go by: at most that many are built.
 * Without it, 200,000 empty objects in a 600 KB body became 200,000 records, each validated, and the JVM ran out of
 * memory long before {@code @Size} said no. Documents nest at most {@link #MAX_DEPTH} deep.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** The most items of a collection or map without a declared {@code @Size(max)}. */
    public static final int DEFAULT_MAX_ITEMS = 1_000;
    /** How deep a request document may nest: the deepest contract has five levels. */
    public static final int MAX_DEPTH = 32;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(1_000_000).maxNumberLength(100).build());
        mapper.registerModule(new SimpleModule("closedloop-strict-text").addDeserializer(String.class, new StrictText())
                .setDeserializerModifier(new StrictShapes()));
        // A capacity of 1.5 is not 1, and "active": 2 is not true.
        mapper.disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Boolean)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    }

    /** Raised for a collection or map with more items than it may hold; its message is what the caller is told. */
    public static final class TooMany extends com.fasterxml.jackson.databind.exc.MismatchedInputException {

        private final String field;

        TooMany(JsonParser parser, String message, Class<?> type) {
            super(parser, message, type);
            this.field = containerPath(parser);
        }

        /**
         * Where the container too long is, such as {@code rules[0].match.territories}: from the parser's position,
         * since the path Jackson builds as the error unwinds may or may not name the item too many as well.
         */
        public String field() {
            return field;
        }

        private static String containerPath(JsonParser parser) {
            com.fasterxml.jackson.core.JsonStreamContext container = parser.getParsingContext();
            JsonToken token = parser.currentToken();
            if (token != null && token.isStructStart() && container.getParent() != null) {
                container = container.getParent();
            }
            // Each context above the container's names how it holds its child: by index in an array, by name in an object.
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.core.JsonStreamContext holder = container.getParent(); holder != null && !holder.inRoot();
                 holder = holder.getParent()) {
                path.insert(0, holder.inArray() ? "[" + holder.getCurrentIndex() + "]" : "." + holder.getCurrentName());
            }
            return !path.isEmpty() && path.charAt(0) == '.' ? path.substring(1) : path.toString();
        }
    }

    /** Raised for text that is a string but not acceptable text; its message is what the caller is told. */
    public static final class InvalidText extends InvalidFormatException {
        InvalidText(JsonParser parser, String message, String value) {
            super(parser, message, value, String.class);
        }
    }

    static final class StrictShapes extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (type.getPackageName().equals("java.time") && Temporal.class.isAssignableFrom(type) || type == UUID.class
                    || type == java.time.Duration.class || type == java.time.Period.class) {
                return new IsoTextOnly(deserializer);
            }
            return deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                BeanDescription description, JsonDeserializer<?> deserializer) {
            return new Bounded(Set.class.isAssignableFrom(type.getRawClass()) ? new NoRepeats(deserializer) : deserializer,
                    DEFAULT_MAX_ITEMS);
        }

        @Override
        public JsonDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
                                                           BeanDescription description, JsonDeserializer<?> deserializer) {
            return new Bounded(deserializer, DEFAULT_MAX_ITEMS);
        }

        @Override
        public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
                                                         BeanDescription description, JsonDeserializer<?> deserializer) {
            return new Bounded(deserializer, DEFAULT_MAX_ITEMS);
        }
    }

    /**
     * A collection, array or map of at most {@code max} items: the property's {@code @Size(max)} where it declares one.
     * The items are counted as the delegate reads them, through {@link Counting}, and the first one too many ends the
     * reading: a refused request has built at most {@code max} items and buffered nothing. (Copying the tokens aside
     * to count them first, as this did before, buffered every token nested inside the items too: one rule holding a
     * 200,000-element list was 200,000 strings in a token buffer before the inner list's own bound could say no, and
     * eight such bodies at once filled a 64 MB heap.)
     */
    static final class Bounded extends DelegatingDeserializer {

        private final int max;

        Bounded(JsonDeserializer<?> delegate, int max) {
            super(delegate);
            this.max = max;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Bounded(delegate, max);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = super.createContextual(context, property);
            Size size = property == null ? null : property.getAnnotation(Size.class);
            if (size == null || size.max() == Integer.MAX_VALUE || !(contextual instanceof Bounded bounded)) {
                return contextual;
            }
            return new Bounded(bounded.getDelegatee(), Math.min(size.max(), DEFAULT_MAX_ITEMS * 10));
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken start = parser.currentToken();
            if (start != JsonToken.START_ARRAY && start != JsonToken.START_OBJECT) {
                return super.deserialize(parser, context);
            }
            return super.deserialize(new Counting(parser, start == JsonToken.START_ARRAY, max, handledType()), context);
        }
    }

    /**
     * The parser a bounded container's deserializer reads through, positioned on the container's start: counts the
     * container's own items (array values, or object entries) as they go by and fails on the first one past
     * {@code max}. Every way of advancing a {@link JsonParser} ({@code nextFieldName}, {@code nextTextValue}, …) is
     * built on {@code nextToken}, except the two overridden here besides it.
     */
    static final class Counting extends JsonParserDelegate {

        private final boolean array;
        private final int max;
        private final Class<?> type;
        private int depth = 1;
        private int items;

        Counting(JsonParser parser, boolean array, int max, Class<?> type) {
            super(parser);
            this.array = array;
            this.max = max;
            this.type = type;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            if (token == null || depth == 0) {
                return token;
            }
            if (depth == 1 && (array ? token != JsonToken.END_ARRAY : token == JsonToken.FIELD_NAME) && ++items > max) {
                throw new TooMany(this, "must have at most " + max + (array ? " items" : " entries"), type);
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        /** Skipped items are still counted: the delegate's own skipping would pass them by unseen. */
        @Override
        public JsonParser skipChildren() throws IOException {
            JsonToken current = currentToken();
            if (current == null || !current.isStructStart()) {
                return this;
            }
            for (int open = 1; open > 0; ) {
                JsonToken token = nextToken();
                if (token == null) {
                    break;
                }
                open += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            }
            return this;
        }
    }

    /**
     * A date, time, duration or UUID as a string in its standard form, never a number, an array of fields, or text that Jackson
     * would trim to nothing and read as "absent" (blank, or only control characters such as NUL).
     */
    static final class IsoTextOnly extends DelegatingDeserializer {

        /** What Jackson would read as seconds (or days) since 1970 rather than parse as ISO-8601. */
        private static final java.util.regex.Pattern EPOCH_NUMBER = java.util.regex.Pattern.compile("\\s*[-+]?\\d+(\\.\\d*)?\\s*");

        IsoTextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new IsoTextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText();
            if (text.trim().isEmpty() || EPOCH_NUMBER.matcher(text).matches() || text.indexOf('\u0000') >= 0) {
                throw new InvalidText(parser, handledType() == UUID.class ? "must be a UUID, e.g. 3f2b6c1e-8d4a-4c55-9f0e-1a2b3c4d5e6f"
                        : "must be an ISO-8601 " + describe(handledType()), text);
            }
            Object value = super.deserialize(parser, context);
            if (value instanceof Temporal temporal && !Years.inRange(temporal)) {
                throw new InvalidText(parser, "must lie between the years " + Years.FIRST + " and " + Years.LAST, text);
            }
            return value;
        }

        private static String describe(Class<?> type) {
            return switch (type.getSimpleName()) {
                case "Instant", "OffsetDateTime", "ZonedDateTime" -> "timestamp with offset, e.g. 2026-03-01T09:30:00Z";
                case "LocalDate" -> "date, e.g. 2026-03-01";
                case "LocalTime" -> "time, e.g. 09:30";
                case "LocalDateTime" -> "date and time, e.g. 2026-03-01T09:30";
                case "Duration" -> "duration, e.g. PT4H or P2D";
                case "Period" -> "period, e.g. P1M";
                default -> type.getSimpleName();
            };
        }
    }

    /** A set given as a JSON array whose items are all different. */
    static final class NoRepeats extends DelegatingDeserializer {

        NoRepeats(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new NoRepeats(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return super.deserialize(parser, context);
            }
            JsonNode items = context.readTree(parser);
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode item : items) {
                if (!seen.add(item)) {
                    throw new InvalidText(parser, "must not repeat an item (" + abbreviate(item.toString()) + " is given twice)",
                            item.toString());
                }
            }
            try (JsonParser again = items.traverse(parser.getCodec())) {
                again.nextToken();
                return super.deserialize(again, context);
            }
        }

        private static String abbreviate(String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }
    }

    static final class StrictText extends StdScalarDeserializer<String> {

        StrictText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\u0000') {
                    throw new InvalidText(parser, "must not contain the NUL character (U+0000)", text);
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new InvalidText(parser, "is not valid Unicode: a lone surrogate (\\u" + Integer.toHexString(c) + ") at "
                            + i, text);
                }
            }
            return text;
        }
    }
}
