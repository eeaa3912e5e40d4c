package dev.triage.identity.control;

import java.util.Set;

/**
 * Who is calling: the token's subject (the user whose {@code jwt_subject} it is; a subject that
 * is no user belongs to no organization and sees nothing) and the scopes the token grants.
 */
public record Caller(String subject, Set<String> scopes) {

    public boolean has(Scope scope) {
        return scope.grantedBy(scopes);
    }
}
