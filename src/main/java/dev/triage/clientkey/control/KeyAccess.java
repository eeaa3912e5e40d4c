package dev.triage.clientkey.control;

import dev.triage.identity.control.Caller;
import java.util.Set;

/**
 * Who may manage a project's keys, as Sentry's ProjectKey endpoints decide: reading needs
 * {@code project:read} (which holders of {@code event:read} are granted here, as they can see the
 * project's issues), changing needs {@code project:write} or {@code project:admin}, or
 * {@code event:admin} in that organization.
 */
enum KeyAccess {
    READ(Set.of("project:read", "project:write", "project:admin", "event:read", "event:write", "event:admin")),
    WRITE(Set.of("project:write", "project:admin", "event:admin"));

    private final Set<String> grantingScopes;

    KeyAccess(Set<String> grantingScopes) {
        this.grantingScopes = grantingScopes;
    }

    boolean grantedTo(Caller caller) {
        return caller.scopes().stream().anyMatch(grantingScopes::contains);
    }

    /** The scope named in the 403's challenge. */
    String scope() {
        return this == READ ? "project:read" : "project:write";
    }
}
