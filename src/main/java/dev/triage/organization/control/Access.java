package dev.triage.organization.control;

import dev.triage.identity.control.Scope;
import dev.triage.identity.entity.User;
import dev.triage.organization.entity.AccessDenied;
import dev.triage.organization.entity.Organization;
import dev.triage.organization.entity.OrganizationMember;
import dev.triage.organization.entity.Role;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a caller may do in one organization they are a member of (Sentry's {@code request.access}):
 * the scopes of their role that their token also grants, and the teams they are in.
 */
public record Access(User user, Organization organization, OrganizationMember member, Set<Long> teamIds,
                     Set<String> tokenScopes) {

    public Role role() {
        return member.role();
    }

    /** The role's scopes that the token grants too (a token's higher level implies the lower ones). */
    public Set<String> scopes() {
        Set<String> scopes = new TreeSet<>();
        for (String scope : role().scopes()) {
            if (tokenGrants(scope)) {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    public boolean has(Scope scope) {
        return role().scopes().contains(scope.value()) && scope.grantedBy(tokenScopes);
    }

    /** @throws AccessDenied unless role and token both allow one of {@code scopes} */
    public void require(Scope... scopes) {
        if (Arrays.stream(scopes).noneMatch(this::has)) {
            throw new AccessDenied("needs " + Arrays.stream(scopes).map(Scope::value).toList());
        }
    }

    /** Sentry's global access: open membership or a role that reaches every team. */
    public boolean globalAccess() {
        return organization.openMembership() || role().global();
    }

    /** Whether the caller is in one of {@code teams} (e.g. the teams with access to a project). */
    public boolean inAnyOf(Collection<Long> teams) {
        return teams.stream().anyMatch(teamIds::contains);
    }

    /**
     * Team-level work (a team's settings, its projects): managers and owners reach every team, and
     * so does everyone under open membership; an admin only the teams they are in.
     *
     * @throws AccessDenied when role or token lack {@code scope}, or the team is out of reach
     */
    public void requireOnTeams(Collection<Long> teams, Scope scope) {
        require(scope);
        if (!globalAccess() && !inAnyOf(teams)) {
            throw new AccessDenied("not in the team");
        }
    }

    private boolean tokenGrants(String scope) {
        for (Scope known : Scope.values()) {
            if (known.value().equals(scope)) {
                return known.grantedBy(tokenScopes);
            }
        }
        return tokenScopes.contains(scope);
    }
}
