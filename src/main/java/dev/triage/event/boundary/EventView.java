package dev.triage.event.boundary;

import dev.triage.event.control.EventQueries;
import dev.triage.event.control.StoredEvent;
import dev.triage.ingest.control.EventFields;
import dev.triage.ingest.control.EventSummary;
import dev.triage.platform.Timestamps;
import dev.triage.platform.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * An event on the wire, in the shape of Sentry's event serializers: the short form of a listing
 * (SimpleEventSerializer) and the full form of one event, whose {@code entries} carry the
 * exception, message and request with camelCase frame keys.
 */
final class EventView {

    /** Frame keys of the SDK's payload and the names Sentry's API shows them under. */
    private static final Map<String, String> FRAME_KEYS = Map.ofEntries(
            Map.entry("abs_path", "absPath"), Map.entry("lineno", "lineNo"), Map.entry("colno", "colNo"),
            Map.entry("in_app", "inApp"), Map.entry("instruction_addr", "instructionAddr"),
            Map.entry("symbol_addr", "symbolAddr"), Map.entry("raw_function", "rawFunction"),
            Map.entry("image_addr", "imageAddr"));

    private EventView() {}

    /** An item of an event listing. */
    static JsonObject listed(StoredEvent e) {
        JsonObject payload = e.payload();
        return JsonFactory.JSON.createObjectBuilder()
                .add("id", e.eventId())
                .add("event.type", EventFields.mainException(payload) != null ? "error" : "default")
                .add("groupID", Long.toString(e.issueId()))
                .add("eventID", e.eventId())
                .add("projectID", Long.toString(e.projectId()))
                .add("message", orNull(message(e)))
                .add("title", e.title())
                .add("location", orNull(location(payload)))
                .add("culprit", orNull(e.culprit()))
                .add("user", user(payload))
                .add("tags", tags(e))
                .add("platform", orNull(e.platform()))
                .add("dateCreated", Timestamps.format(e.occurredAt()))
                .add("crashFile", JsonValue.NULL)
                .add("metadata", summary(e).metadata())
                .build();
    }

    /** One event with everything. */
    static JsonObject full(EventQueries.Found found) {
        StoredEvent e = found.event();
        JsonObject payload = e.payload();
        EventSummary summary = summary(e);
        JsonObjectBuilder view = JsonFactory.JSON.createObjectBuilder(listed(e))
                .add("type", summary.type())
                .add("dateReceived", Timestamps.format(e.receivedAt()))
                .add("size", e.size())
                .add("entries", entries(payload))
                .add("contexts", objectOr(payload, "contexts"))
                .add("context", objectOr(payload, "extra"))
                .add("packages", objectOr(payload, "modules"))
                .add("sdk", payload.get("sdk") instanceof JsonObject sdk ? sdk : JsonValue.NULL)
                .add("fingerprints", JsonFactory.JSON.createArrayBuilder().add(e.hash()))
                .add("errors", payload.get("errors") instanceof JsonArray errors ? errors : JsonValue.EMPTY_JSON_ARRAY)
                .add("dist", orNull(EventFields.string(payload, "dist")))
                .add("environment", orNull(EventFields.string(payload, "environment")))
                .add("release", e.release() == null ? JsonValue.NULL
                        : JsonFactory.JSON.createObjectBuilder().add("version", e.release()).build())
                .add("groupingConfig", JsonFactory.JSON.createObjectBuilder().add("id", "triage:2026").add("enhancements", ""))
                .add("occurrence", JsonValue.NULL)
                .add("_meta", JsonValue.EMPTY_JSON_OBJECT)
                .add("previousEventID", orNull(found.previousEventId()))
                .add("nextEventID", orNull(found.nextEventId()))
                .add("projectSlug", orNull(found.issue().project().slug()));
        return view.build();
    }

    private static EventSummary summary(StoredEvent e) {
        JsonObject payload = e.payload();
        return EventSummary.of(payload, EventFields.mainException(payload), EventFields.message(payload), e.platform());
    }

    private static String message(StoredEvent e) {
        return e.message() != null ? e.message() : EventFields.message(e.payload());
    }

    /** The file of the frame that is blamed, as Sentry's "location". */
    private static String location(JsonObject payload) {
        List<JsonObject> frames = EventFields.frames(EventFields.mainException(payload));
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (EventFields.inApp(frames.get(i))) {
                return EventFields.string(frames.get(i), "filename");
            }
        }
        return frames.isEmpty() ? null : EventFields.string(frames.get(frames.size() - 1), "filename");
    }

    private static JsonValue user(JsonObject payload) {
        JsonObject user = EventFields.object(payload, "user");
        if (user == null) {
            return JsonValue.NULL;
        }
        return JsonFactory.JSON.createObjectBuilder()
                .add("id", scalarOrNull(user.get("id")))
                .add("email", scalarOrNull(user.get("email")))
                .add("username", scalarOrNull(user.get("username")))
                .add("ip_address", scalarOrNull(user.get("ip_address")))
                .add("name", scalarOrNull(user.get("name")))
                .add("geo", user.get("geo") instanceof JsonObject geo ? geo : JsonValue.NULL)
                .add("data", user.get("data") instanceof JsonObject data ? data : JsonValue.NULL)
                .build();
    }

    private static JsonArrayBuilder tags(StoredEvent e) {
        JsonArrayBuilder tags = JsonFactory.JSON.createArrayBuilder();
        e.tags().stream().sorted((a, b) -> a.get(0).compareTo(b.get(0)))
                .forEach(t -> tags.add(JsonFactory.JSON.createObjectBuilder().add("key", t.get(0)).add("value", t.get(1))));
        return tags;
    }

    /** Sentry's entries: exception, message, request, breadcrumbs, in that order when present. */
    private static JsonArrayBuilder entries(JsonObject payload) {
        JsonArrayBuilder entries = JsonFactory.JSON.createArrayBuilder();
        List<JsonObject> exceptions = EventFields.exceptions(payload);
        if (!exceptions.isEmpty()) {
            JsonArrayBuilder values = JsonFactory.JSON.createArrayBuilder();
            boolean systemFrames = false;
            for (JsonObject exception : exceptions) {
                values.add(exception(exception));
                systemFrames |= EventFields.frames(exception).stream().anyMatch(f -> !EventFields.inApp(f));
            }
            entries.add(JsonFactory.JSON.createObjectBuilder().add("type", "exception").add("data", JsonFactory.JSON.createObjectBuilder()
                    .add("values", values).add("hasSystemFrames", systemFrames).add("excOmitted", JsonValue.NULL)));
        }
        String message = EventFields.message(payload);
        if (message != null) {
            JsonObject logentry = EventFields.object(payload, "logentry");
            entries.add(JsonFactory.JSON.createObjectBuilder().add("type", "message").add("data", JsonFactory.JSON.createObjectBuilder()
                    .add("formatted", message)
                    .add("message", orNull(logentry == null ? null : EventFields.string(logentry, "message")))
                    .add("params", logentry != null && logentry.get("params") != null ? logentry.get("params") : JsonValue.NULL)));
        }
        if (payload.get("request") instanceof JsonObject request) {
            entries.add(JsonFactory.JSON.createObjectBuilder().add("type", "request").add("data", request));
        }
        JsonValue breadcrumbs = payload.get("breadcrumbs");
        JsonValue crumbs = breadcrumbs instanceof JsonObject b ? b.get("values") : breadcrumbs;
        if (crumbs instanceof JsonArray list && !list.isEmpty()) {
            entries.add(JsonFactory.JSON.createObjectBuilder().add("type", "breadcrumbs")
                    .add("data", JsonFactory.JSON.createObjectBuilder().add("values", list)));
        }
        return entries;
    }

    private static JsonObjectBuilder exception(JsonObject exception) {
        JsonObjectBuilder value = JsonFactory.JSON.createObjectBuilder()
                .add("type", orNull(EventFields.string(exception, "type")))
                .add("value", orNull(EventFields.string(exception, "value")))
                .add("module", orNull(EventFields.string(exception, "module")))
                .add("mechanism", exception.get("mechanism") instanceof JsonObject m ? m : JsonValue.NULL)
                .add("threadId", exception.get("thread_id") == null ? JsonValue.NULL : exception.get("thread_id"))
                .add("rawStacktrace", JsonValue.NULL);
        List<JsonObject> frames = EventFields.frames(exception);
        if (frames.isEmpty() && !(exception.get("stacktrace") instanceof JsonObject)) {
            value.add("stacktrace", JsonValue.NULL);
        } else {
            JsonArrayBuilder list = JsonFactory.JSON.createArrayBuilder();
            frames.forEach(f -> list.add(frame(f)));
            value.add("stacktrace", JsonFactory.JSON.createObjectBuilder().add("frames", list).add("framesOmitted", JsonValue.NULL)
                    .add("registers", JsonValue.NULL)
                    .add("hasSystemFrames", frames.stream().anyMatch(f -> !EventFields.inApp(f))));
        }
        return value;
    }

    /** A frame with Sentry's API names, and its source lines as {@code context: [[lineNo, line], ...]}. */
    private static JsonObjectBuilder frame(JsonObject frame) {
        JsonObjectBuilder view = JsonFactory.JSON.createObjectBuilder();
        for (String key : new String[] {"filename", "abs_path", "module", "package", "platform", "function",
                "raw_function", "symbol", "instruction_addr", "symbol_addr", "lineno", "colno", "in_app", "trust",
                "vars"}) {
            view.add(FRAME_KEYS.getOrDefault(key, key), frame.get(key) == null ? JsonValue.NULL : frame.get(key));
        }
        if (frame.get("in_app") == null) {
            view.add("inApp", false);
        }
        JsonArrayBuilder context = JsonFactory.JSON.createArrayBuilder();
        if (frame.get("lineno") instanceof JsonNumber line && frame.get("context_line") instanceof jakarta.json.JsonString current) {
            long lineNo = line.longValue();
            JsonArray pre = frame.get("pre_context") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
            JsonArray post = frame.get("post_context") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
            for (int i = 0; i < pre.size(); i++) {
                context.add(JsonFactory.JSON.createArrayBuilder().add(lineNo - pre.size() + i).add(pre.get(i)));
            }
            context.add(JsonFactory.JSON.createArrayBuilder().add(lineNo).add(current));
            for (int i = 0; i < post.size(); i++) {
                context.add(JsonFactory.JSON.createArrayBuilder().add(lineNo + 1 + i).add(post.get(i)));
            }
        }
        return view.add("context", context);
    }

    private static JsonValue objectOr(JsonObject payload, String name) {
        return payload.get(name) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static JsonValue scalarOrNull(JsonValue v) {
        if (v instanceof jakarta.json.JsonString || v instanceof JsonNumber) {
            return v instanceof JsonNumber ? JsonFactory.JSON.createValue(v.toString()) : v;
        }
        return JsonValue.NULL;
    }

    private static JsonValue orNull(String s) {
        return s == null ? JsonValue.NULL : JsonFactory.JSON.createValue(s);
    }
}
