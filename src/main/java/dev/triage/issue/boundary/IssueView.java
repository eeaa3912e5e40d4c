package dev.triage.issue.boundary;

import static dev.triage.platform.JsonFactory.JSON;

import dev.triage.identity.boundary.UserView;
import dev.triage.identity.entity.User;
import dev.triage.ingest.boundary.TagViews;
import dev.triage.issue.control.IssueDetails;
import dev.triage.issue.control.IssueForCaller;
import dev.triage.issue.control.IssueService;
import dev.triage.issue.control.IssueStats;
import dev.triage.issue.entity.Issue;
import dev.triage.organization.entity.Team;
import dev.triage.platform.Timestamps;
import dev.triage.platform.WireRecords;
import dev.triage.release.entity.Release;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An issue on the wire, exactly as Sentry's API documents it. The details GET fills the GET-only
 * fields; on PUT/PATCH they are null and left out (they are marked not nillable), while every
 * other null is written. Written by {@link WireRecords} (the same JSON as JSON-B's, at less cost:
 * every answer of the issue API carries one or many).
 */
@JsonbTypeSerializer(WireRecords.class)
public record IssueView(
        List<Annotation> annotations,
        Assignee assignedTo,
        String count,
        String culprit,
        Instant firstSeen,
        boolean hasSeen,
        String id,
        @JsonbProperty("isBookmarked") boolean isBookmarked,
        @JsonbProperty("isPublic") boolean isPublic,
        @JsonbProperty("isSubscribed") boolean isSubscribed,
        @JsonbProperty("isUnhandled") boolean isUnhandled,
        String issueCategory,
        String issueType,
        Instant lastSeen,
        String level,
        String logger,
        JsonObject metadata,
        int numComments,
        String permalink,
        String platform,
        String priority,
        Instant priorityLockedAt,
        ProjectView project,
        Instant seerAutofixLastTriggered,
        Instant seerExplorerAutofixLastTriggered,
        Double seerFixabilityScore,
        String shareId,
        String shortId,
        String status,
        Map<String, Object> statusDetails,
        JsonObject subscriptionDetails,
        String substatus,
        String title,
        String type,
        int userCount,
        // GET only
        @JsonbNillable(false) List<ActivityView> activity,
        @JsonbNillable(false) JsonValue firstRelease,
        @JsonbNillable(false) JsonValue lastRelease,
        @JsonbNillable(false) List<PersonViews.SeenBy> seenBy,
        @JsonbNillable(false) List<PersonViews.Participant> participants,
        @JsonbNillable(false) Integer userReportCount,
        @JsonbNillable(false) List<JsonObject> tags,
        @JsonbNillable(false) JsonObject stats,
        @JsonbNillable(false) List<JsonArray> pluginActions,
        @JsonbNillable(false) List<String> pluginContexts,
        @JsonbNillable(false) List<JsonObject> pluginIssues) {

    public record Annotation(String displayName, String url) {}

    public record ProjectView(String id, String name, String slug, String platform) {}

    public record Assignee(String type, String id, String name, @JsonbNillable(false) String email) {

        static Assignee of(Issue issue) {
            User user = issue.assigneeUser();
            if (user != null) {
                return new Assignee("user", user.id().toString(), UserView.displayName(user), user.email());
            }
            Team team = issue.assigneeTeam();
            return team == null ? null : new Assignee("team", team.id().toString(), team.slug(), null);
        }
    }


    /** A release as the details GET shows it; JSON null (not a missing key) when there is none. */
    static final class ReleaseView {

        private ReleaseView() {}

        static JsonValue of(Release release) {
            if (release == null) {
                return JsonValue.NULL;
            }
            JsonObjectBuilder view = JSON.createObjectBuilder()
                    .add("version", release.version())
                    .add("shortVersion", shortVersion(release.version()))
                    .add("dateCreated", Timestamps.format(release.dateCreated()));
            if (release.dateReleased() == null) {
                view.addNull("dateReleased");
            } else {
                view.add("dateReleased", Timestamps.format(release.dateReleased()));
            }
            return view.addNull("ref").addNull("url").build();
        }

        /** Sentry shortens commit-sha versions to 7 characters and leaves the others alone. */
        static String shortVersion(String version) {
            return version.matches("[0-9a-f]{40}") ? version.substring(0, 7) : version;
        }
    }

    /** The fields only some answers carry; null ones are left out of the JSON. */
    record Extras(List<ActivityView> activity, JsonValue firstRelease, JsonValue lastRelease,
                  List<PersonViews.SeenBy> seenBy, List<PersonViews.Participant> participants, Integer userReportCount,
                  List<JsonObject> tags, JsonObject stats, List<JsonArray> pluginActions,
                  List<String> pluginContexts, List<JsonObject> pluginIssues) {

        static final Extras NONE = new Extras(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** What PUT and PATCH answer: the issue without the GET-only fields. */
    public static IssueView from(IssueForCaller state, String baseUrl) {
        return build(state, baseUrl, Extras.NONE);
    }

    /** An item of a listing: with its hourly timeline, as Sentry's list answer has it. */
    public static IssueView listed(IssueForCaller state, List<IssueStats.Bucket> last24Hours, String baseUrl) {
        return build(state, baseUrl, new Extras(null, null, null, null, null, null, null,
                JSON.createObjectBuilder().add(IssueStats.Period.LAST_24_HOURS.key(), timeline(last24Hours)).build(),
                null, null, null));
    }

    /** What the details GET answers: everything. */
    public static IssueView from(IssueDetails details, String baseUrl) {
        Issue issue = details.issue().issue();
        return build(details.issue(), baseUrl, new Extras(
                ActivityView.history(details.activity(), issue, IssueService.ACTIVITY_LIMIT),
                ReleaseView.of(issue.firstRelease()),
                ReleaseView.of(issue.lastRelease()),
                details.seenBy().stream().map(s -> new PersonViews.SeenBy(s.user(), s.state().lastSeenAt())).toList(),
                details.participants().stream().map(PersonViews.Participant::new).toList(),
                0,
                TagViews.of(details.tags()),
                JSON.createObjectBuilder()
                        .add(IssueStats.Period.LAST_24_HOURS.key(), timeline(details.last24Hours()))
                        .add(IssueStats.Period.LAST_30_DAYS.key(), timeline(details.last30Days()))
                        .build(),
                List.of(),
                List.of(),
                List.of()));
    }

    /** Sentry's timeline: {@code [[start epoch seconds, count], ...]}. */
    static JsonArray timeline(List<IssueStats.Bucket> buckets) {
        var timeline = JSON.createArrayBuilder();
        buckets.forEach(b -> timeline.add(JSON.createArrayBuilder().add(b.start()).add(b.count())));
        return timeline.build();
    }

    private static IssueView build(IssueForCaller state, String baseUrl, Extras extras) {
        Issue issue = state.issue();
        var project = issue.project();
        var mine = state.callerRow();
        return new IssueView(
                List.of(),
                Assignee.of(issue),
                Long.toString(issue.timesSeen()),
                issue.culprit(),
                issue.firstSeen(),
                mine != null && mine.hasSeen(),
                issue.id().toString(),
                mine != null && mine.bookmarked(),
                state.share() != null,
                mine != null && mine.subscribed(),
                issue.unhandled(),
                issue.issueCategory(),
                issue.issueType(),
                issue.lastSeen(),
                issue.level(),
                issue.logger(),
                parse(issue.metadata()),
                issue.numComments(),
                permalink(baseUrl, project.organization().slug(), issue.id()),
                issue.platform(),
                issue.priority(),
                issue.priorityLockedAt(),
                new ProjectView(project.id().toString(), project.name(), project.slug(), project.platform()),
                null,
                null,
                null,
                state.share() == null ? null : state.share().shareId(),
                issue.shortId(),
                issue.status().wireName(),
                StatusDetailsView.of(issue),
                mine != null && mine.subscribed()
                        ? JSON.createObjectBuilder().add("reason", mine.subscriptionReason().wireName()).build()
                        : null,
                issue.substatus() == null ? null : issue.substatus().wireName(),
                issue.title(),
                issue.type(),
                issue.userCount(),
                extras.activity(), extras.firstRelease(), extras.lastRelease(), extras.seenBy(),
                extras.participants(), extras.userReportCount(), extras.tags(), extras.stats(),
                extras.pluginActions(), extras.pluginContexts(), extras.pluginIssues());
    }

    static String permalink(String baseUrl, String organizationSlug, Long issueId) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/organizations/" + organizationSlug + "/issues/" + issueId + "/";
    }

    static JsonObject parse(String json) {
        if (json == null || json.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
