package dev.triage.identity.control;

import java.util.Collection;

/** Sentry's token scopes for issues; a higher scope implies the lower ones. */
public enum Scope {
    EVENT_READ("event:read"),
    EVENT_WRITE("event:write"),
    EVENT_ADMIN("event:admin");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Whether a caller holding {@code granted} (scope strings from the token) may act with this scope. */
    public boolean grantedBy(Collection<String> granted) {
        for (Scope s : values()) {
            if (s.ordinal() >= ordinal() && granted.contains(s.value)) {
                return true;
            }
        }
        return false;
    }
}
