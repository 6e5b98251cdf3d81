package io.closedloop.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.closedloop.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PageTest {

    private static final List<String> LETTERS = List.of("a", "b", "c", "d", "e");

    @Test
    void pages_follow_each_other_through_the_cursor_and_the_last_has_none() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<String> page = Page.slice(LETTERS, s -> s, cursor, 2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(LETTERS);
        assertThat(pages).isEqualTo(3);
        assertThat(Page.slice(LETTERS, s -> s, null, 5).nextCursor()).as("all on one page").isNull();
        assertThat(Page.slice(List.<String>of(), s -> s, null, 5).items()).isEmpty();
    }

    @Test
    void a_cursor_of_another_listing_or_made_up_is_refused_naming_the_parameter() {
        String otherListing = Cursor.encode("lead", "2026-01-01T00:00:00Z", "x");
        for (String cursor : List.of(otherListing, "not-base64-%%", Cursor.encode("item", "zz"))) {
            assertThatThrownBy(() -> Page.slice(LETTERS, s -> s, cursor, 2)).isInstanceOf(ProblemException.class)
                    .hasMessageContaining("cursor");
        }
    }

    @Test
    void cursor_parts_round_trip_whatever_they_contain() {
        String cursor = Cursor.encode("inbox", "2026-11-30T09:30:00.123Z", "a|b c");
        assertThat(Cursor.decode(cursor, "inbox", 2)).containsExactly("2026-11-30T09:30:00.123Z", "a|b c");
        assertThatThrownBy(() -> Cursor.decode(cursor, "inbox", 3)).isInstanceOf(ProblemException.class);
    }
}
