package io.closedloop.platform.api;

import java.util.List;
import java.util.function.Function;

import io.closedloop.platform.problem.ProblemException;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every collection the API answers with, in one shape: a page of items and, when there are more, the cursor to pass
 * back as {@code cursor} for the next page. The cursor is opaque and belongs to the listing (and sort) it came from.
 */
public record Page<T>(
        @NotNull @Schema(description = "This page's items, in the listing's order") List<T> items,
        @Schema(description = "Pass back as cursor for the next page; absent on the last page",
                examples = "MjAyNi0xMS0zMFQwOTozMDowMFp8M2YyYjZjMWU") String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /** The page of at most {@code limit} items after the one {@code cursor} names, of a list already in its order. */
    public static <T> Page<T> slice(List<T> ordered, Function<T, String> id, String cursor, int limit) {
        int from = 0;
        if (cursor != null && !cursor.isBlank()) {
            String after = Cursor.decode(cursor, "item", 1)[0];
            int at = -1;
            for (int i = 0; i < ordered.size(); i++) {
                if (id.apply(ordered.get(i)).equals(after)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                throw ProblemException.invalid("cursor", "names an item no longer in this listing; start again without it");
            }
            from = at + 1;
        }
        int to = Math.min(ordered.size(), from + limit);
        List<T> items = ordered.subList(from, to);
        String next = to < ordered.size() ? Cursor.encode("item", id.apply(items.getLast())) : null;
        return new Page<>(items, next);
    }
}
