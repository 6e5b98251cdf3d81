package io.closedloop.platform.export;

import java.util.List;

/**
 * A report as rows under a header, for whoever takes it into a spreadsheet: {@code text/csv} beside the JSON a
 * client reads. Cells are text, numbers or absent ({@code null}, an empty cell).
 *
 * @param fileName what a browser saves it as, without the extension
 */
public record Table(String fileName, List<String> columns, List<List<Object>> rows) {

    public Table {
        columns = List.copyOf(columns);
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("A row has " + row.size() + " cells under " + columns.size() + " columns");
            }
        }
        rows = List.copyOf(rows);
    }

    /** A report that can also be read as a table. */
    public interface Tabular {

        @com.fasterxml.jackson.annotation.JsonIgnore
        Table table();
    }
}
