package dev.triage.organization.boundary;

import dev.triage.organization.control.Access;
import dev.triage.organization.control.ProjectListing;
import dev.triage.organization.entity.Project;
import dev.triage.organization.entity.Team;
import java.time.Instant;
import java.util.List;

/**
 * A project as Sentry's organization project list writes it ({@code ProjectSummarySerializer}).
 * The product areas this service does not have (replays, profiles, insights, ...) are all
 * {@code false}: there is nothing of them.
 */
public class ProjectView {

    public record TeamRef(String id, String name, String slug) {
        static TeamRef of(Team team) {
            return new TeamRef(team.id().toString(), team.name(), team.slug());
        }
    }

    public record ReleaseRef(String version) {}

    public final String id;
    public final String slug;
    public final String name;
    public final String platform;
    public final Instant dateCreated;
    public final boolean isBookmarked = false;
    public final boolean isMember;
    public final List<String> features = List.of();
    public final Instant firstEvent;
    public final boolean firstTransactionEvent = false;
    public final List<String> access;
    public final boolean hasAccess;
    public final boolean hasFeedbacks = false;
    public final boolean hasFlags = false;
    public final boolean hasMinifiedStackTrace = false;
    public final boolean hasMonitors = false;
    public final boolean hasNewFeedbacks = false;
    public final boolean hasProfiles = false;
    public final boolean hasReplays = false;
    public final boolean hasSessions = false;
    public final boolean hasInsightsHttp = false;
    public final boolean hasInsightsDb = false;
    public final boolean hasInsightsAssets = false;
    public final boolean hasInsightsAppStart = false;
    public final boolean hasInsightsScreenLoad = false;
    public final boolean hasInsightsVitals = false;
    public final boolean hasInsightsCaches = false;
    public final boolean hasInsightsQueues = false;
    public final boolean hasInsightsAgentMonitoring = false;
    public final boolean hasInsightsMCP = false;
    public final boolean hasLogs = false;
    public final boolean hasTraceMetrics = false;
    public final boolean hasUserReports = false;
    public final TeamRef team;
    public final List<TeamRef> teams;
    public final List<String> platforms;
    public final List<String> environments = List.of();
    public final ReleaseRef latestRelease;

    ProjectView(ProjectListing listing, Access caller) {
        Project project = listing.project();
        this.id = project.id().toString();
        this.slug = project.slug();
        this.name = project.name();
        this.platform = project.platform();
        this.dateCreated = project.dateCreated();
        this.firstEvent = listing.firstEvent();
        this.isMember = listing.member();
        this.hasAccess = listing.access();
        this.access = listing.access() ? List.copyOf(caller.scopes()) : List.of();
        this.teams = listing.teams().stream().map(TeamRef::of).toList();
        this.team = teams.isEmpty() ? null : teams.get(0);
        this.platforms = project.platform() == null ? List.of() : List.of(project.platform());
        this.latestRelease = listing.latestRelease() == null ? null : new ReleaseRef(listing.latestRelease());
    }

    public static ProjectView from(ProjectListing listing, Access caller) {
        return new ProjectView(listing, caller);
    }
}
