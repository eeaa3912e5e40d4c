package dev.triage.identity.control;

import java.util.Collection;
import java.util.Locale;

/**
 * Sentry's token scopes: a resource ({@code org}, {@code member}, {@code team}, {@code project},
 * {@code event}) and a level ({@code read} < {@code write} < {@code admin}). A higher level of the
 * same resource implies the lower ones, as in Sentry's permission classes, whose scope maps list
 * e.g. {@code org:read, org:write, org:admin} for a read.
 */
public enum Scope {
    ORG_READ, ORG_WRITE, ORG_ADMIN,
    MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN,
    TEAM_READ, TEAM_WRITE, TEAM_ADMIN,
    PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN,
    EVENT_READ, EVENT_WRITE, EVENT_ADMIN;

    private final String resource;
    private final int level;
    private final String value;

    Scope() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        this.resource = parts[0];
        this.level = ordinal() % 3;
        this.value = parts[0] + ":" + parts[1];
    }

    public String value() {
        return value;
    }

    /** Whether a caller holding {@code granted} (scope strings from the token) may act with this scope. */
    public boolean grantedBy(Collection<String> granted) {
        for (Scope s : values()) {
            if (s.resource.equals(resource) && s.level >= level && granted.contains(s.value)) {
                return true;
            }
        }
        return false;
    }
}
