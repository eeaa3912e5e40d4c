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
    public final List<Object> externalTeams;
    public final List<ProjectView> projects;

    TeamView(TeamListing listing, Access caller, boolean detailed) {
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
        this.externalTeams = detailed ? List.of() : null;
        this.projects = detailed ? listing.projects().stream().map(p -> ProjectView.from(p, caller)).toList() : null;
    }

    public static TeamView from(TeamListing listing, Access caller, Urls urls, boolean detailed) {
        return new TeamView(listing, caller, detailed);
    }
}
