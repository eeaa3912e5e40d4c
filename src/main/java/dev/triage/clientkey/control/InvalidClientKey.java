package dev.triage.clientkey.control;

import java.util.List;
import java.util.Map;

/** A refused value in a key's create or update body: Sentry's field dictionary. Nothing is written. */
public class InvalidClientKey extends RuntimeException {

    private final Map<String, List<String>> fields;

    public InvalidClientKey(String field, String message) {
        super(message, null, false, false);
        this.fields = Map.of(field, List.of(message));
    }

    public Map<String, List<String>> fields() {
        return fields;
    }
}
