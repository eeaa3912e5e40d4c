package dev.triage.organization.boundary;

import dev.triage.organization.control.Access;
import dev.triage.organization.control.TeamListing;
import dev.triage.organization.entity.Team;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A team as Sentry's {@code TeamSerializer} writes it; with its projects when listed in detail. */
public class TeamView {

    public final String id;
    public final String slug;
    public final String name;
    public final Instant dateCreated;
    public final boolean isMember;
    public final String teamRole;
    public final Map<String, Boolean> flags = Map.of("idp:provisioned", false);
    public final List<String> access;
    public final boolean hasAccess;
    public final boolean isPending = false;
    public final long memberCount;
    public final OrganizationView.AvatarView avatar = OrganizationView.AvatarView.LETTER;

    TeamView(TeamListing listing, Access caller) {
        Team team = listing.team();
        this.id = team.id().toString();
        this.slug = team.slug();
        this.name = team.name();
        this.dateCreated = team.dateCreated();
        this.isMember = listing.member();
        this.teamRole = listing.member() ? OrganizationDetailsView.CONTRIBUTOR.id() : null;
        this.hasAccess = listing.member() || caller.globalAccess();
        this.access = hasAccess ? List.copyOf(caller.scopes()) : List.of();
        this.memberCount = listing.memberCount();
    }

    /** {@code detailed}: with its projects (Sentry's {@code TeamWithProjectsSerializer}). */
    public static TeamView from(TeamListing listing, Access caller, Urls urls, boolean detailed) {
        return detailed ? new WithProjects(listing, caller) : new TeamView(listing, caller);
    }

    public static class WithProjects extends TeamView {

        public final List<Object> externalTeams = List.of();
        public final List<ProjectView> projects;

        WithProjects(TeamListing listing, Access caller) {
            super(listing, caller);
            this.projects = listing.projects().stream().map(p -> ProjectView.from(p, caller)).toList();
        }
    }
}
