package dev.triage.ingest.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** Reading the parts of a Sentry event payload that grouping and the fields use. */
public final class EventFields {

    private EventFields() {}

    /** {@code exception.values} (or the legacy bare list), oldest first. */
    public static List<JsonObject> exceptions(JsonObject event) {
        JsonValue exception = event.get("exception");
        if (exception == null) {
            exception = event.get("sentry.interfaces.Exception");
        }
        JsonValue values = exception instanceof JsonObject o ? o.get("values") : exception;
        List<JsonObject> list = new ArrayList<>();
        if (values instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonObject e) {
                    list.add(e);
                }
            }
        }
        return list;
    }

    /** The exception that was thrown: the last value (Sentry lists the chain oldest first). */
    public static JsonObject mainException(JsonObject event) {
        List<JsonObject> exceptions = exceptions(event);
        return exceptions.isEmpty() ? null : exceptions.get(exceptions.size() - 1);
    }

    /** The exception's stack frames, oldest first (the last is where it happened). */
    public static List<JsonObject> frames(JsonObject exception) {
        if (exception == null) {
            return List.of();
        }
        JsonValue stacktrace = exception.get("stacktrace");
        if (!(stacktrace instanceof JsonObject st) || !(st.get("frames") instanceof JsonArray frames)) {
            return List.of();
        }
        List<JsonObject> list = new ArrayList<>(frames.size());
        for (JsonValue v : frames) {
            if (v instanceof JsonObject f) {
                list.add(f);
            }
        }
        return list;
    }

    public static boolean inApp(JsonObject frame) {
        return frame.get("in_app") == JsonValue.TRUE;
    }

    /**
     * The event's message: {@code logentry.formatted}, else {@code logentry.message}, else
     * {@code message} (a string from Node and sentry-cli, {@code {"formatted": ...}} from Java).
     */
    public static String message(JsonObject event) {
        for (String name : new String[] {"logentry", "sentry.interfaces.Message", "message"}) {
            JsonValue value = event.get(name);
            if (value instanceof JsonString s && !s.getString().isEmpty()) {
                return s.getString();
            }
            if (value instanceof JsonObject o) {
                String formatted = string(o, "formatted");
                if (formatted != null && !formatted.isEmpty()) {
                    return formatted;
                }
                String message = string(o, "message");
                if (message != null && !message.isEmpty()) {
                    return message;
                }
            }
        }
        return null;
    }

    public static String string(JsonObject object, String name) {
        JsonValue value = object == null ? null : object.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    public static JsonObject object(JsonObject object, String name) {
        JsonValue value = object == null ? null : object.get(name);
        return value instanceof JsonObject o ? o : null;
    }
}
