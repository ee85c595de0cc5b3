package io.github.jamestlsrpt.core.document;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes {@link StoredReport} documents as compact JSON, streaming (a 20 MiB report is never held twice). */
public final class StoredReportJson {

    private static final ObjectWriter WRITER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writer();

    private StoredReportJson() {}

    public static void write(StoredReport document, OutputStream out) throws IOException {
        WRITER.writeValue(out, document);
    }

    public static String toJson(StoredReport document) {
        try {
            return WRITER.writeValueAsString(document);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    public static byte[] toBytes(StoredReport document) {
        try {
            return WRITER.writeValueAsBytes(document);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
