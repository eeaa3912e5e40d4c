package dev.triage.release.control;

import java.util.List;
import java.util.Map;

/** A release body that is refused (400, a field dictionary as Sentry's serializers write it); nothing is written. */
public class InvalidRelease extends RuntimeException {

    private final transient Map<String, List<String>> fields;

    public InvalidRelease(String field, String message) {
        super(field + ": " + message, null, false, false);
        this.fields = Map.of(field, List.of(message));
    }

    public Map<String, List<String>> fields() {
        return fields;
    }
}
