package dev.triage.organization.boundary;

import dev.triage.organization.control.Access;
import dev.triage.organization.control.ProjectListing;
import dev.triage.organization.control.TeamListing;
import dev.triage.organization.entity.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One organization as Sentry's {@code DetailedOrganizationSerializerWithProjectsAndTeams} writes
 * it for a member: their role and effective scopes ({@code access}), the roles there are, and
 * (unless {@code detailed=0}, see {@link WithProjectsAndTeams}) its teams and projects.
 */
public class OrganizationDetailsView extends OrganizationView {

    public record RoleView(String id, String name) {}

    /** An organization role with what it grants (Sentry's {@code orgRoleList} items). */
    public record OrgRoleView(String id, String name, String desc, List<String> scopes, boolean allowed,
                              boolean isAllowed, boolean isRetired, boolean isTeamRolesAllowed, boolean is_global,
                              boolean isGlobal, String minimumTeamRole) {}

    /** Sentry's team roles; membership of a team is the "contributor" role here. */
    public record TeamRoleView(String id, String name, String desc, List<String> scopes, boolean allowed,
                               boolean isAllowed, boolean isRetired, boolean isTeamRolesAllowed,
                               String isMinimumRoleFor) {}

    static final TeamRoleView CONTRIBUTOR = new TeamRoleView("contributor", "Contributor",
            "Contributors can view and act on events, as well as view most other data within the team's projects.",
            List.of("event:read", "event:write", "member:read", "org:read", "project:read", "project:releases",
                    "team:read"), true, true, false, true, null);

    public final String role;
    public final String orgRole;
    public final List<String> access;
    public final boolean isDefault = false;
    public final String defaultRole = Role.MEMBER.id();
    public final List<RoleView> availableRoles;
    public final List<OrgRoleView> orgRoleList;
    public final List<TeamRoleView> teamRoleList = List.of(CONTRIBUTOR);
    public final boolean openMembership;
    public final boolean allowSharedIssues = true;
    public final boolean enhancedPrivacy = false;
    public final int pendingAccessRequests = 0;
    public final List<Object> onboardingTasks = List.of();
    public final Map<String, Object> experiments = Map.of();
    OrganizationDetailsView(Access caller, Urls urls) {
        super(caller.organization(), urls);
        Role mine = caller.role();
        this.role = mine.id();
        this.orgRole = mine.id();
        this.access = List.copyOf(caller.scopes());
        this.availableRoles = Arrays.stream(Role.values()).map(r -> new RoleView(r.id(), r.title())).toList();
        this.orgRoleList = Arrays.stream(Role.values()).map(r -> new OrgRoleView(r.id(), r.title(), r.description(),
                r.scopes().stream().sorted().toList(), mine.atLeast(r), mine.atLeast(r), false, true, r.global(),
                r.global(), CONTRIBUTOR.id())).toList();
        this.openMembership = caller.organization().openMembership();
    }

    /** Without teams and projects: what {@code detailed=0} asks for (and what a removal answers). */
    public static OrganizationDetailsView from(Access caller, Urls urls) {
        return new OrganizationDetailsView(caller, urls);
    }

    /** With the organization's teams and projects, by slug. */
    public static OrganizationDetailsView from(Access caller, List<TeamListing> teams, List<ProjectListing> projects,
                                               Urls urls) {
        return new WithProjectsAndTeams(caller, teams, projects, urls);
    }

    /** Sentry's {@code DetailedOrganizationSerializerWithProjectsAndTeams}. */
    public static class WithProjectsAndTeams extends OrganizationDetailsView {

        public final List<TeamView> teams;
        public final List<ProjectView> projects;

        WithProjectsAndTeams(Access caller, List<TeamListing> teams, List<ProjectListing> projects, Urls urls) {
            super(caller, urls);
            this.teams = teams.stream().map(t -> TeamView.from(t, caller, urls, false)).toList();
            this.projects = projects.stream().map(p -> ProjectView.from(p, caller)).toList();
        }
    }
}
