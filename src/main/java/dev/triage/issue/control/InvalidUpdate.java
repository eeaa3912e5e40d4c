package dev.triage.issue.control;

import java.util.List;
import java.util.Map;

/**
 * The update was refused before anything was written. {@link #errors()} is Sentry's field
 * dictionary: {@code {"field": ["message"]}}, nested for {@code statusDetails}, with
 * {@code non_field_errors} for errors of the body as a whole. Its values are lists of messages or
 * nested dictionaries, in the order the problems were found.
 */
public class InvalidUpdate extends RuntimeException {

    static final String NON_FIELD_ERRORS = "non_field_errors";

    private final transient Map<String, Object> errors;

    /** @param errors the field dictionary (kept as it is: pass an ordered, unmodified map) */
    public InvalidUpdate(Map<String, Object> errors) {
        super(errors.toString(), null, false, false);
        this.errors = errors;
    }

    /** One message for one field of the body. */
    public static InvalidUpdate of(String field, String message) {
        return new InvalidUpdate(Map.of(field, List.of(message)));
    }

    /** One message for one key of {@code statusDetails}. */
    public static InvalidUpdate ofStatusDetails(String key, String message) {
        return new InvalidUpdate(Map.of("statusDetails", Map.of(key, List.of(message))));
    }

    /** One message for one key of {@code statusDetails.inCommit}. */
    public static InvalidUpdate ofCommit(String key, String message) {
        return new InvalidUpdate(Map.of("statusDetails", Map.of("inCommit", Map.of(key, List.of(message)))));
    }

    /** A message about the body as a whole. */
    public static InvalidUpdate ofBody(String message) {
        return new InvalidUpdate(Map.of(NON_FIELD_ERRORS, List.of(message)));
    }

    /** Sentry's plain {@code {"detail": message}}, for a refusal that concerns no field. */
    public static InvalidUpdate ofDetail(String message) {
        return new InvalidUpdate(Map.of("detail", message));
    }

    public Map<String, Object> errors() {
        return errors;
    }
}
