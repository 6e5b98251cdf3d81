package io.closedloop.platform.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.closedloop.platform.problem.ProblemException;

/**
 * Page cursors: where a page ended (its last item's sort key and id), tagged with the listing it belongs to, opaque
 * to clients. A cursor from another listing, or one a client made up, is a 400 naming the parameter.
 */
public final class Cursor {

    private static final String SEPARATOR = "\u001f";

    private Cursor() {
    }

    public static String encode(String listing, String... parts) {
        String raw = listing + SEPARATOR + String.join(SEPARATOR, parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this listing made; a cursor of another listing or of another shape is refused. */
    public static String[] decode(String cursor, String listing, int parts) {
        try {
            String[] fields = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1);
            if (fields.length != parts + 1 || !fields[0].equals(listing)) {
                throw new IllegalArgumentException("a cursor of another listing");
            }
            String[] values = new String[parts];
            System.arraycopy(fields, 1, values, 0, parts);
            return values;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this listing returned");
        }
    }

    /**
     * Narrows a Panache query to what comes after the cursor, in a listing sorted by {@code timeField} and then the id
     * (newest first when {@code descending}); the first page (no cursor) is left as it is. The cursor holds the last
     * item's time and id, as {@code encode(listing, time, id)} made it.
     */
    public static void appendAfter(StringBuilder query, Map<String, Object> parameters, String cursor, String listing,
                                   String timeField, boolean descending) {
        if (cursor == null || cursor.isBlank()) {
            return;
        }
        String[] after = decode(cursor, listing, 2);
        String beyond = descending ? "<" : ">";
        query.append(" and (").append(timeField).append(' ').append(beyond).append(" :cAt or (").append(timeField)
                .append(" = :cAt and id ").append(beyond).append(" :cId))");
        try {
            parameters.put("cAt", Instant.parse(after[0]));
            parameters.put("cId", UUID.fromString(after[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this listing returned");
        }
    }
}
