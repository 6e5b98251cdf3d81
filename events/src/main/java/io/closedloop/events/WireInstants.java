package io.closedloop.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Reads and writes the instants of the wire format — event data and the CloudEvents {@code time} header — as
 * {@link DateTimeFormatter#ISO_INSTANT} does, and quickly for the form every producer writes
 * ({@code 2026-12-06T19:59:54.123456Z}: four-digit year, seconds, 0–9 fraction digits, {@code Z} or {@code ±HH:MM}).
 *
 * <p>Why: {@code DateTimeFormatter}'s general parser was 9% of reporting-service's CPU at 200 acknowledgments/s (an
 * event carries several instants; the JFR profile of the end-to-end benchmark, 2026-12-06). Anything outside that
 * form — lowercase letters, a leap second, {@code 24:00}, a signed or longer year, a date that does not exist — is
 * left to the JDK's parser, so what is accepted and what is refused, and with which error, is exactly as before.
 * Written, an instant reads as {@link Instant#toString} writes it; {@code DateTimeFormatter} was 4.8% of a rebuild's
 * reading thread, which writes every record's time into its {@code COPY} rows.
 */
public final class WireInstants {

    private static final long FIRST_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long LAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private WireInstants() {
    }

    /** As {@link Instant#parse}: the instant, or a {@link java.time.format.DateTimeParseException}. */
    public static Instant parse(String text) {
        Instant quick = quick(text);
        return quick != null ? quick : Instant.parse(text);
    }

    /**
     * As {@link Instant#toString} ({@code DateTimeFormatter.ISO_INSTANT}: seconds always, the fraction in groups of
     * three digits, as many as it needs), without the general formatter for years 0000–9999.
     */
    public static String format(Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return at.toString();
        }
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nanos = at.getNano();
        byte[] out = new byte[30];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int length = 19;
        if (nanos != 0) {
            out[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                length = digits(out, length, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                length = digits(out, length, nanos / 1_000, 6);
            } else {
                length = digits(out, length, nanos, 9);
            }
        }
        out[length++] = 'Z';
        return new String(out, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code from}; answers where it ended. */
    private static int digits(byte[] out, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return from + width;
    }

    /** The instant when {@code text} is in the common form and valid, else null (the JDK's parser decides). */
    static Instant quick(String text) {
        int n = text.length();
        if (n < 20 || n > 35 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year)) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(text.charAt(i))) {
                nanos = nanos * 10 + (text.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && text.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59
                    || (offsetHours == 18 && offsetMinutes > 0)) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The number written by {@code count} ASCII digits at {@code from}, or -1 when one of them is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Jackson's writing of an instant in event data: as the JSR-310 module writes it (ISO-8601, UTC), sooner. */
    static final class Serializer extends StdScalarSerializer<Instant> {

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format(value));
        }
    }

    /** Jackson's reading of an instant in event data: the quick form here, anything else as the JSR-310 module reads it. */
    static final class Deserializer extends StdScalarDeserializer<Instant> {

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant quick = quick(parser.getText());
                if (quick != null) {
                    return quick;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
