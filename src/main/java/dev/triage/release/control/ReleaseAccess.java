package dev.triage.release.control;

import dev.triage.identity.control.Caller;
import java.util.Set;

/**
 * Who may work with releases, as Sentry's {@code OrganizationReleasePermission} decides: reading
 * needs a project scope ({@code project:read} and up) or {@code project:releases}; creating and
 * changing needs {@code project:write}, {@code project:admin} or {@code project:releases} (the
 * scope CI tokens get); listing repositories needs an organization read scope.
 */
enum ReleaseAccess {
    READ(Set.of("project:read", "project:write", "project:admin", "project:releases", "org:ci")),
    WRITE(Set.of("project:write", "project:admin", "project:releases", "org:ci")),
    /** Listing repositories: Sentry's organization read scopes, and the release scope sentry-cli's set-commits holds. */
    REPOSITORIES(Set.of("org:read", "org:write", "org:admin", "org:integrations", "org:ci", "project:releases"));

    private final Set<String> grantingScopes;

    ReleaseAccess(Set<String> grantingScopes) {
        this.grantingScopes = grantingScopes;
    }

    void check(Caller caller) {
        if (caller.scopes().stream().noneMatch(grantingScopes::contains)) {
            throw new ReleaseForbidden(switch (this) {
                case READ -> "project:read";
                case WRITE -> "project:releases";
                case REPOSITORIES -> "org:read";
            });
        }
    }
}
