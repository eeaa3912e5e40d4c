package dev.triage.identity.boundary;

import dev.triage.identity.entity.User;

/** A user as Sentry's API shows one inside other objects (actors, activity, seenBy). */
public record UserView(String id, String name, String username, String email) {

    public static UserView from(User user) {
        return user == null ? null : new UserView(user.id().toString(), displayName(user), user.username(), user.email());
    }

    /** Sentry's display name: the name, else the username, else the email. */
    public static String displayName(User user) {
        if (user.name() != null && !user.name().isBlank()) {
            return user.name();
        }
        return user.username() != null && !user.username().isBlank() ? user.username() : user.email();
    }
}
