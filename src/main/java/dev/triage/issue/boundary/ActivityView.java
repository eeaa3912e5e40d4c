package dev.triage.issue.boundary;

import static dev.triage.platform.JsonFactory.JSON;

import dev.triage.activity.entity.Activity;
import dev.triage.identity.boundary.UserDetailsView;
import dev.triage.issue.entity.Issue;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry of an issue's history as Sentry's {@code ActivitySerializer} writes it: the acting
 * user as a full user object (null for the system), {@code sentry_app} (always null: there are no
 * Sentry apps here), the type, the data and when.
 */
public record ActivityView(String id, String type, UserDetailsView user, Object sentry_app, JsonObject data,
                           Instant dateCreated) {

    static ActivityView from(Activity activity) {
        return new ActivityView(activity.id().toString(), activity.type(), UserDetailsView.from(activity.user()), null,
                IssueView.parse(activity.data()), activity.dateCreated());
    }

    /**
     * The listed history, closed (as Sentry's {@code get_activities_for_group} does) by the
     * issue's first sighting, which carries the priority the issue was created with.
     *
     * @param limit the most entries, the first sighting included
     */
    static List<ActivityView> history(List<Activity> recorded, Issue issue, int limit) {
        List<ActivityView> views = new ArrayList<>(recorded.size() + 1);
        recorded.forEach(a -> views.add(from(a)));
        if (issue.firstSeen() != null && views.size() < limit) {
            JsonObject priority = issue.initialPriority() == null ? PRIORITY_UNKNOWN
                    : JSON.createObjectBuilder().add("priority", issue.initialPriority()).build();
            views.add(new ActivityView("0", "first_seen", null, null, priority, issue.firstSeen()));
        }
        return views;
    }

    private static final JsonObject PRIORITY_UNKNOWN = JSON.createObjectBuilder().addNull("priority").build();
}
