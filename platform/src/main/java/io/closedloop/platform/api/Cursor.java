package io.closedloop.platform.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
}
