package dev.triage.organization.boundary;

import dev.triage.organization.control.Access;
import dev.triage.organization.control.ProjectListing;
import java.util.List;
import java.util.Map;

/**
 * One project as Sentry's {@code DetailedProjectSerializer} writes it: the summary, its
 * organization, and the project settings with Sentry's defaults (this service has no alert
 * digests, data scrubbing or plugins of its own).
 */
public class ProjectDetailsView extends ProjectView {

    public final boolean isInternal = false;
    public final boolean isPublic = false;
    public final OrganizationView.AvatarView avatar = OrganizationView.AvatarView.LETTER;
    public final String color;
    public final String status;
    public final OrganizationView organization;
    public final Map<String, Object> options = Map.of();
    public final int digestsMinDelay = 300;
    public final int digestsMaxDelay = 1800;
    public final String subjectPrefix = "";
    public final String subjectTemplate = "$shortID - $title";
    public final List<String> allowedDomains = List.of("*");
    public final int resolveAge = 0;
    public final boolean dataScrubber = false;
    public final boolean dataScrubberDefaults = false;
    public final List<String> safeFields = List.of();
    public final List<String> sensitiveFields = List.of();
    public final Integer storeCrashReports = null;
    public final boolean scrubIPAddresses = false;
    public final boolean scrapeJavaScript = true;
    public final List<String> highlightTags = List.of();
    public final Map<String, Object> highlightContext = Map.of();
    public final List<Object> plugins = List.of();
    public final int processingIssues = 0;
    public final String defaultEnvironment = null;
    public final String relayPiiConfig = null;

    ProjectDetailsView(ProjectListing listing, Access caller, Urls urls) {
        super(listing, caller);
        this.color = color(listing.project().slug());
        this.status = listing.project().active() ? "active" : "pending_deletion";
        this.organization = OrganizationView.from(caller.organization(), urls);
    }

    public static ProjectDetailsView from(ProjectListing listing, Access caller, Urls urls) {
        return new ProjectDetailsView(listing, caller, urls);
    }

    /** A stable colour per slug, as Sentry derives one for projects without a chosen colour. */
    static String color(String slug) {
        return String.format("#%06x", slug.hashCode() & 0xffffff);
    }
}
