package io.closedloop.platform.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes a {@link Table.Tabular} report as {@code text/csv} when the client asks for it: UTF-8 with a byte-order
 * mark (without it, a spreadsheet opens "Léa" as "LÃ©a"), a header row, and a file name to save it under. Errors are
 * still problem details in JSON, whatever was asked for.
 */
@Provider
@Produces(CsvWriter.TEXT_CSV)
public class CsvWriter implements MessageBodyWriter<Table.Tabular> {

    public static final String TEXT_CSV = "text/csv";
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Table.Tabular.class.isAssignableFrom(type) && mediaType.isCompatible(MediaType.valueOf(TEXT_CSV));
    }

    @Override
    public void writeTo(Table.Tabular report, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body) throws IOException {
        Table table = report.table();
        headers.putSingle("Content-Type", TEXT_CSV + "; charset=utf-8; header=present");
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + safe(table.fileName()) + ".csv\"");
        body.write(BYTE_ORDER_MARK);
        Writer out = new OutputStreamWriter(body, StandardCharsets.UTF_8);
        CsvFormat.write(table, out);
    }

    /** A file name of letters, digits, dot, dash and underscore only: nothing that could break out of the header. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
