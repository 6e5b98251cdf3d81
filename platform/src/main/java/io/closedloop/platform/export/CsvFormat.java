package io.closedloop.platform.export;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a cell quoted when it holds a comma, a quote or a line break (its
 * quotes doubled). Text that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage
 * return) is given a leading apostrophe, as OWASP advises against CSV injection: a customer named
 * {@code =HYPERLINK(…)} stays a name. Numbers are written as numbers, never so prefixed.
 */
public final class CsvFormat {

    private CsvFormat() {
    }

    public static void write(Table table, Writer out) throws IOException {
        line(table.columns(), out);
        for (List<Object> row : table.rows()) {
            line(row, out);
        }
        out.flush();
    }

    private static void line(List<?> cells, Writer out) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quoted = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
