package io.closedloop.platform.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.platform.api.Page;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes a report as {@code text/csv} when the client asks for it: UTF-8 with a byte-order mark (without it, a
 * spreadsheet opens "Léa" as "LÃ©a"), a header row, and a file name to save it under. A {@link Table.Tabular}
 * report says its own columns; a {@link Page} of records is a row per item with a column per record component
 * (nested values as JSON), and the next page, when there is one, is named in a {@code Link: <?cursor=…>; rel="next"}
 * header. Errors are still problem details in JSON, whatever was asked for.
 */
@Provider
@Produces(CsvWriter.TEXT_CSV)
public class CsvWriter implements MessageBodyWriter<Object> {

    public static final String TEXT_CSV = "text/csv";
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        if (!mediaType.isCompatible(MediaType.valueOf(TEXT_CSV))) {
            return false;
        }
        return Table.Tabular.class.isAssignableFrom(type) || Page.class.isAssignableFrom(type) && itemType(genericType) != null;
    }

    @Override
    public void writeTo(Object report, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body) throws IOException {
        Table table;
        if (report instanceof Table.Tabular tabular) {
            table = tabular.table();
        } else {
            Page<?> page = (Page<?>) report;
            table = ofRecords(itemType(genericType), page.items());
            if (page.nextCursor() != null) {
                headers.putSingle("Link", "<?cursor=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8)
                        + ">; rel=\"next\"");
            }
        }
        headers.putSingle("Content-Type", TEXT_CSV + "; charset=utf-8; header=present");
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + safe(table.fileName()) + ".csv\"");
        body.write(BYTE_ORDER_MARK);
        Writer out = new OutputStreamWriter(body, StandardCharsets.UTF_8);
        CsvFormat.write(table, out);
    }

    /** A column per record component, a row per item. */
    static Table ofRecords(Class<?> itemType, List<?> items) {
        RecordComponent[] components = itemType.getRecordComponents();
        List<String> columns = Arrays.stream(components).map(RecordComponent::getName).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (Object item : items) {
            List<Object> row = new ArrayList<>(components.length);
            for (RecordComponent component : components) {
                try {
                    row.add(cell(component.getAccessor().invoke(item)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read " + component.getName() + " of " + itemType.getSimpleName(), e);
                }
            }
            rows.add(row);
        }
        String name = itemType.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return new Table(name + "-page", columns, rows);
    }

    /** Nested values as JSON; everything else as it is, for {@link CsvFormat} to write. */
    private static Object cell(Object value) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Record) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return value.toString();
            }
        }
        return value;
    }

    /** The record type of a {@code Page<T>}, or null when it is not one. */
    private static Class<?> itemType(Type genericType) {
        if (genericType instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length == 1
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
            return item;
        }
        return null;
    }

    /** A file name of letters, digits, dot, dash and underscore only: nothing that could break out of the header. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
