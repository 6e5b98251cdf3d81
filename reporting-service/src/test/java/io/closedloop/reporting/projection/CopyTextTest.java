package io.closedloop.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values as COPY's text format reads them back: only the backslash, the tab and line breaks are escaped. */
class CopyTextTest {

    @Test
    void plain_values_are_written_as_they_are() {
        String value = "ref:Café 12 «quoted» 'x'";
        assertThat(CopyText.escaped(value)).isSameAs(value);
    }

    @Test
    void separators_and_escapes_in_a_value_are_escaped() {
        assertThat(CopyText.escaped("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(CopyText.escaped("\\N")).isEqualTo("\\\\N");
    }
}
