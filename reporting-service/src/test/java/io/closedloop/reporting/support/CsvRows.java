package io.closedloop.reporting.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 4180 reader for the exports, as a spreadsheet reads them: each row by its header's names. */
public final class CsvRows {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private CsvRows() {
    }

    /** The rows under the header, each a map from column to cell ("" for an empty one); the text must start with a BOM. */
    public static List<Map<String, String>> read(String text) {
        if (!text.startsWith(BYTE_ORDER_MARK)) {
            throw new AssertionError("The CSV does not start with a UTF-8 byte-order mark");
        }
        List<List<String>> lines = lines(text.substring(1));
        List<String> header = lines.getFirst();
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            if (line.size() != header.size()) {
                throw new AssertionError("A row of " + line.size() + " cells under " + header.size() + " columns: " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    public static List<String> header(String text) {
        return lines(text.substring(1)).getFirst();
    }

    private static List<List<String>> lines(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                line.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line.add(cell.toString());
                cell.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (!line.isEmpty() || !cell.isEmpty()) {
            throw new AssertionError("The CSV's last line does not end with CRLF");
        }
        return lines;
    }
}
