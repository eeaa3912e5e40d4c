package dev.triage.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;

/**
 * Reads a request body as one JSON value with Sentry's parse-error answers, within limits that
 * keep a hostile body from costing more than a normal one: at most {@code maxBytes}, nesting at
 * most {@link #MAX_NESTING} deep, number literals at most {@link #MAX_NUMBER_LENGTH} characters,
 * and no U+0000 in any string (PostgreSQL cannot store it; Django REST framework, which Sentry
 * uses, refuses it with the same message).
 */
public final class JsonBodies {

    /** Sentry's bodies are at most three levels deep ({@code statusDetails.inCommit.commit}). */
    public static final int MAX_NESTING = 32;
    /** Far longer than any id, count or duration; parsing longer ones is where the cost is. */
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final String NULL_CHARACTER = "Null characters are not allowed.";

    private static final JsonProvider JSON = JsonFactory.JSON;
    private static final Logger LOG = Logger.getLogger(JsonBodies.class.getName());

    private JsonBodies() {}

    public static JsonValue read(InputStream body, int maxBytes) {
        byte[] bytes = readBounded(body, maxBytes);
        if (isBlank(bytes)) {
            throw ApiFailure.of(400, "JSON parse error - the request body is empty; send a JSON object.");
        }
        JsonValue value;
        try {
            checkShape(bytes);
            try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
                value = reader.readValue();
            }
        } catch (JsonParsingException e) {
            throw parseError("invalid JSON" + at(e.getLocation()));
        } catch (JsonException | IllegalStateException | ArithmeticException | NumberFormatException e) {
            throw parseError("the request body is not JSON");
        }
        JsonValue nulls = nullCharacters(value);
        if (nulls != null) {
            throw ApiFailure.fields(nulls instanceof JsonObject o ? o
                    : JSON.createObjectBuilder().add("non_field_errors", nulls).build());
        }
        return value;
    }

    private static byte[] readBounded(InputStream body, int maxBytes) {
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw ApiFailure.of(413, "Request body is larger than " + maxBytes + " bytes.");
            }
            return bytes;
        } catch (IOException e) {
            // The client stopped sending (the server's read timeout) or went away: its failure, not ours.
            LOG.info(() -> "Request body not received: " + e);
            throw ApiFailure.of(408, "The request body was not received in time.").withHeader("Connection", "close");
        }
    }

    /** Streams the body once to refuse what is too deep or too long before anything is built from it. */
    private static void checkShape(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(bytes))) {
            int depth = 0;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_NESTING) {
                            throw parseError("nested deeper than " + MAX_NESTING + " levels" + at(parser.getLocation()));
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_NUMBER -> {
                        if (parser.getString().length() > MAX_NUMBER_LENGTH) {
                            throw parseError("a number longer than " + MAX_NUMBER_LENGTH + " characters"
                                    + at(parser.getLocation()));
                        }
                    }
                    default -> { }
                }
            }
        }
    }

    /**
     * The field dictionary for strings holding U+0000: {@code {"assignedTo": [message]}}, nested
     * like the body ({@code {"statusDetails": {"inRelease": [message]}}}); for a key or an array
     * element, the message at the level that holds it. Null when there is none.
     */
    private static JsonValue nullCharacters(JsonValue value) {
        switch (value.getValueType()) {
            case STRING -> {
                return ((JsonString) value).getString().indexOf('\0') >= 0 ? message() : null;
            }
            case ARRAY -> {
                for (JsonValue element : (JsonArray) value) {
                    if (nullCharacters(element) != null) {
                        return message();
                    }
                }
                return null;
            }
            case OBJECT -> {
                JsonObjectBuilder errors = null;
                for (var entry : ((JsonObject) value).entrySet()) {
                    if (entry.getKey().indexOf('\0') >= 0) {
                        return message();
                    }
                    JsonValue error = nullCharacters(entry.getValue());
                    if (error != null) {
                        errors = errors == null ? JSON.createObjectBuilder() : errors;
                        errors.add(entry.getKey(), error);
                    }
                }
                return errors == null ? null : errors.build();
            }
            default -> {
                return null;
            }
        }
    }

    private static JsonArray message() {
        return JSON.createArrayBuilder().add(NULL_CHARACTER).build();
    }

    private static ApiFailure parseError(String reason) {
        return ApiFailure.of(400, "JSON parse error - " + reason + ".");
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNumber() + " column " + location.getColumnNumber();
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
