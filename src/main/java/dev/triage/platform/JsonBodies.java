package dev.triage.platform;

import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body as one JSON value, within a size limit, with Sentry's parse-error answers. */
public final class JsonBodies {

    private JsonBodies() {}

    public static JsonValue read(InputStream body, int maxBytes) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) {
            throw ApiFailure.of(413, "Request body is larger than " + maxBytes + " bytes.");
        }
        if (isBlank(bytes)) {
            throw ApiFailure.of(400, "JSON parse error - the request body is empty; send a JSON object.");
        }
        try (JsonReader reader = JsonFactory.JSON.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw ApiFailure.of(400, "JSON parse error - invalid JSON"
                    + (at == null ? "" : " at line " + at.getLineNumber() + " column " + at.getColumnNumber()) + ".");
        } catch (JsonException e) {
            throw ApiFailure.of(400, "JSON parse error - the request body is not JSON.");
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
