package dev.triage.ingest.control;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Set;

/**
 * What an event shows as an issue (§6 of SENTRY-INGEST.md, after Sentry's ErrorEvent and
 * DefaultEvent types): title, culprit, metadata and type.
 */
public record EventSummary(String title, String culprit, JsonObject metadata, String type) {

    /** Looked up once: {@code Json.create*} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final int TITLE_VALUE_LENGTH = 100;
    static final int METADATA_VALUE_LENGTH = 1024;
    private static final Set<String> JAVASCRIPT = Set.of("javascript", "node");

    public static EventSummary of(JsonObject event, JsonObject mainException, String message, String platform) {
        String culprit = nonEmpty(EventFields.string(event, "culprit"));
        if (culprit == null) {
            culprit = nonEmpty(EventFields.string(event, "transaction"));
        }
        if (mainException != null) {
            String type = nonEmpty(EventFields.string(mainException, "type"));
            String value = nonEmpty(EventFields.string(mainException, "value"));
            List<JsonObject> frames = EventFields.frames(mainException);
            JsonObject culpritFrame = culpritFrame(frames);
            if (culprit == null) {
                culprit = culpritFrame == null ? requestUrl(event) : frameCulprit(culpritFrame, platform);
            }
            boolean synthetic = EventFields.object(mainException, "mechanism") != null
                    && EventFields.object(mainException, "mechanism").get("synthetic") == jakarta.json.JsonValue.TRUE;
            JsonObjectBuilder metadata = JSON.createObjectBuilder();
            if (type != null && !synthetic) {
                metadata.add("type", type);
            }
            if (value != null) {
                metadata.add("value", truncate(value, METADATA_VALUE_LENGTH));
            }
            if (culpritFrame != null) {
                String file = nonEmpty(EventFields.string(culpritFrame, "filename"));
                String function = nonEmpty(EventFields.string(culpritFrame, "function"));
                if (file != null) {
                    metadata.add("filename", file);
                }
                if (function != null) {
                    metadata.add("function", function);
                }
            }
            String title;
            if (type == null && value == null) {
                title = "<unknown>";
            } else if (value == null) {
                title = type;
            } else {
                String firstLine = truncate(value.lines().findFirst().orElse(""), TITLE_VALUE_LENGTH);
                title = type == null || synthetic ? firstLine : type + ": " + firstLine;
            }
            return new EventSummary(title, culprit, metadata.build(), "error");
        }
        if (culprit == null) {
            culprit = requestUrl(event);
        }
        String title = message == null || message.isBlank() ? "<unknown>"
                : truncate(message.lines().findFirst().orElse(message), TITLE_VALUE_LENGTH);
        return new EventSummary(title, culprit, JSON.createObjectBuilder().add("title", title).build(), "default");
    }

    /** The last in-app frame, else the last frame. */
    static JsonObject culpritFrame(List<JsonObject> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (EventFields.inApp(frames.get(i))) {
                return frames.get(i);
            }
        }
        return frames.isEmpty() ? null : frames.get(frames.size() - 1);
    }

    /** java/python style {@code "module in function"}; javascript/node {@code "function(module)"}. */
    static String frameCulprit(JsonObject frame, String platform) {
        String where = nonEmpty(EventFields.string(frame, "module"));
        if (where == null) {
            where = nonEmpty(EventFields.string(frame, "filename"));
        }
        String function = nonEmpty(EventFields.string(frame, "function"));
        if (platform != null && JAVASCRIPT.contains(platform)) {
            return (function == null ? "?" : function) + "(" + (where == null ? "?" : where) + ")";
        }
        if (where == null) {
            return function;
        }
        return function == null ? where : where + " in " + function;
    }

    private static String requestUrl(JsonObject event) {
        return nonEmpty(EventFields.string(EventFields.object(event, "request"), "url"));
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 3) + "...";
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
