package io.closedloop.platform.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvFormatTest {

    private static String csv(List<String> columns, List<Object>... rows) throws Exception {
        StringWriter out = new StringWriter();
        CsvFormat.write(new Table("t", columns, List.of(rows)), out);
        return out.toString();
    }

    @Test
    void a_header_then_rows_with_crlf_line_ends() throws Exception {
        assertThat(csv(List.of("personId", "score", "ratio"), List.of("amy", 12, new BigDecimal("1E+2")),
                Arrays.asList("omar", 7.5, null)))
                .isEqualTo("personId,score,ratio\r\namy,12,100\r\nomar,7.5,\r\n");
    }

    @Test
    void commas_quotes_and_line_breaks_are_quoted_and_quotes_doubled() throws Exception {
        assertThat(csv(List.of("name"), List.of("Chen, Mrs"), List.of("the \"big\" one"), List.of("two\nlines")))
                .isEqualTo("name\r\n\"Chen, Mrs\"\r\n\"the \"\"big\"\" one\"\r\n\"two\nlines\"\r\n");
    }

    @Test
    void text_a_spreadsheet_would_run_as_a_formula_stays_text_but_numbers_stay_numbers() throws Exception {
        assertThat(csv(List.of("customer", "delta"), List.of("=HYPERLINK(\"http://x\",\"y\")", -3),
                List.of("+33 6 12 34 56 78", -0.5), List.of("@sum", 0), List.of("-1+2", 1)))
                .isEqualTo("customer,delta\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3\r\n'+33 6 12 34 56 78,-0.5\r\n"
                        + "'@sum,0\r\n'-1+2,1\r\n");
    }

    @Test
    void every_row_has_a_cell_per_column() {
        assertThatThrownBy(() -> new Table("t", List.of("a", "b"), List.of(List.of("only one"))))
                .hasMessageContaining("1 cells under 2 columns");
    }
}
