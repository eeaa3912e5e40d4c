package dev.triage.organization.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Sentry's organization roles, lowest first ({@code SENTRY_ROLES} in Sentry's
 * {@code conf/server.py}), with the scopes each grants inside its organization. What a caller may
 * do is the intersection of these with the scopes of the token.
 */
public enum Role {
    MEMBER("Member", "Members can view and act on events, as well as view most other data within the organization.",
            false, Set.of("event:read", "event:write", "event:admin", "project:releases", "project:read", "org:read",
                    "member:read", "team:read", "alerts:read", "alerts:write")),
    ADMIN("Admin", "Admin privileges on any teams of which they're a member. They can create new teams and projects,"
            + " as well as remove teams and projects on which they already hold membership (or all teams, if open"
            + " membership is enabled). Additionally, they can manage memberships of teams that they are members of.",
            false, Set.of("event:read", "event:write", "event:admin", "org:read", "member:read", "project:read",
                    "project:write", "project:admin", "project:releases", "team:read", "team:write", "team:admin",
                    "org:integrations", "alerts:read", "alerts:write")),
    MANAGER("Manager", "Gains admin access on all teams as well as the ability to add and remove members.",
            true, Set.of("event:read", "event:write", "event:admin", "member:invite", "member:read", "member:write",
                    "member:admin", "project:read", "project:write", "project:admin", "project:releases", "team:read",
                    "team:write", "team:admin", "org:read", "org:write", "org:integrations", "alerts:read",
                    "alerts:write")),
    OWNER("Owner", "Unrestricted access to the organization, its data, and its settings. Can add, modify, and delete"
            + " projects and members.",
            true, Set.of("org:read", "org:write", "org:admin", "org:integrations", "member:invite", "member:read",
                    "member:write", "member:admin", "team:read", "team:write", "team:admin", "project:read",
                    "project:write", "project:admin", "project:releases", "event:read", "event:write", "event:admin",
                    "alerts:read", "alerts:write"));

    private final String title;
    private final String description;
    private final boolean global;
    private final Set<String> scopes;

    Role(String title, String description, boolean global, Set<String> scopes) {
        this.title = title;
        this.description = description;
        this.global = global;
        this.scopes = scopes;
    }

    /** The wire and database name: {@code member}, {@code admin}, {@code manager}, {@code owner}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** Sentry's {@code is_global}: access to every team and project without being in a team. */
    public boolean global() {
        return global;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }
}
