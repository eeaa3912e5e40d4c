package dev.triage.identity.control;

import dev.triage.identity.entity.User;
import java.util.Set;

/**
 * Who is calling: the user the token's subject names (null when no user has that subject, who
 * then belongs to no organization) and the scopes the token grants.
 */
public record Caller(String subject, User user, Set<String> scopes) {

    public boolean has(Scope scope) {
        return scope.grantedBy(scopes);
    }

    public Long userId() {
        return user == null ? null : user.id();
    }
}
