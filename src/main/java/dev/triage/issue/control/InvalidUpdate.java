package dev.triage.issue.control;

import jakarta.json.JsonObject;

/**
 * The update was refused before anything was written. {@link #errors()} is Sentry's field
 * dictionary: {@code {"field": ["message"]}}, nested for {@code statusDetails},
 * {@code non_field_errors} for errors of the body as a whole.
 */
public class InvalidUpdate extends RuntimeException {

    private final transient JsonObject errors;

    public InvalidUpdate(JsonObject errors) {
        super(errors.toString(), null, false, false);
        this.errors = errors;
    }

    public JsonObject errors() {
        return errors;
    }
}
