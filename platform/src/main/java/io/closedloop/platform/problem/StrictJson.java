package io.closedloop.platform.problem;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
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
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("closedloop-strict-text").addDeserializer(String.class, new StrictText()));
        // A capacity of 1.5 is not 1, and "active": 2 is not true.
        mapper.disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Boolean)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    }

    /** Raised for text that is a string but not acceptable text; its message is what the caller is told. */
    public static final class InvalidText extends InvalidFormatException {
        InvalidText(JsonParser parser, String message, String value) {
            super(parser, message, value, String.class);
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
