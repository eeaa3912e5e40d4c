package dev.triage.organization.boundary;

import dev.triage.organization.entity.Refusal;
import dev.triage.platform.JsonBodies;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON object of an administration request, read field by field with Sentry's (DRF's) answers
 * for a value of the wrong type. Keys that are absent stay absent (a partial update).
 */
final class Bodies {

    static final int MAX_BYTES = 65536;

    private final JsonObject body;

    private Bodies(JsonObject body) {
        this.body = body;
    }

    static Bodies read(InputStream in) {
        JsonValue value = JsonBodies.read(in, MAX_BYTES);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw Refusal.invalid("non_field_errors", "Invalid data. Expected a dictionary, but got "
                    + (value.getValueType() == JsonValue.ValueType.ARRAY ? "list" : "str") + ".");
        }
        return new Bodies(value.asJsonObject());
    }

    /** A string field: absent or null is empty; anything but a string is refused. */
    Optional<String> string(String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw Refusal.invalid(field, "Not a valid string.");
    }

    Optional<Boolean> bool(String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        if (value instanceof JsonString s && List.of("true", "false", "1", "0").contains(s.getString())) {
            return Optional.of(s.getString().equals("true") || s.getString().equals("1"));
        }
        throw Refusal.invalid(field, "Must be a valid boolean.");
    }

    /** A list of strings; also Sentry's {@code teamRoles} form {@code [{"teamSlug": "x", "role": null}]}. */
    Optional<List<String>> strings(String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw Refusal.invalid(field, "Expected a list of items.");
        }
        List<String> items = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (item instanceof JsonString s) {
                items.add(s.getString());
            } else if (item.getValueType() == JsonValue.ValueType.OBJECT
                    && item.asJsonObject().get("teamSlug") instanceof JsonString slug) {
                items.add(slug.getString());
            } else {
                throw Refusal.invalid(field, "Not a valid string.");
            }
        }
        return Optional.of(items);
    }
}
