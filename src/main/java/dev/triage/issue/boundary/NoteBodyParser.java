package dev.triage.issue.boundary;

import dev.triage.issue.control.InvalidUpdate;
import dev.triage.issue.control.IssueComments;
import dev.triage.issue.control.IssueUpdate.ActorRef;
import dev.triage.platform.JsonBodies;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a comment's body as Sentry's {@code NoteSerializer} does: {@code text} (required, not
 * blank; numbers are taken as text) and optional {@code mentions}, a list of actor identifiers.
 */
final class NoteBodyParser {

    private NoteBodyParser() {}

    /** @throws InvalidUpdate with Sentry's field dictionary when anything is wrong */
    static IssueComments.NewNote read(InputStream body, int maxBytes) {
        JsonValue json = JsonBodies.read(body, maxBytes);
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidUpdate.ofBody(UpdateBodyParser.notADictionary(json));
        }
        JsonObject note = json.asJsonObject();
        Map<String, Object> errors = new LinkedHashMap<>();
        String text = text(note, errors);
        List<ActorRef> mentions = new ArrayList<>();
        if (note.containsKey("mentions") && !note.isNull("mentions")) {
            JsonValue list = note.get("mentions");
            if (list.getValueType() != JsonValue.ValueType.ARRAY) {
                errors.put("mentions", List.of("Expected a list of items but got type \""
                        + UpdateBodyParser.pythonType(list) + "\"."));
            } else {
                for (JsonValue value : list.asJsonArray()) {
                    ActorRef ref = UpdateBodyParser.actor(value, "mentions", errors);
                    if (ref != null) {
                        mentions.add(ref);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidUpdate(Collections.unmodifiableMap(errors));
        }
        return new IssueComments.NewNote(text, List.copyOf(mentions));
    }

    private static String text(JsonObject note, Map<String, Object> errors) {
        if (!note.containsKey("text")) {
            errors.put("text", List.of("This field is required."));
            return null;
        }
        JsonValue value = note.get("text");
        String text = switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case NULL -> {
                errors.put("text", List.of("This field may not be null."));
                yield null;
            }
            default -> {
                errors.put("text", List.of("Not a valid string."));
                yield null;
            }
        };
        if (text != null && text.isBlank()) {
            errors.put("text", List.of("This field may not be blank."));
            return null;
        }
        // DRF trims the surrounding white space of a CharField
        return text == null ? null : text.strip();
    }
}
