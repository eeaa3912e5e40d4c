package dev.triage.issue.control;

import dev.triage.activity.entity.Activity;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.IssueUserState;
import java.util.List;

/**
 * An issue with what only the details GET shows: its history, the people around it and its event
 * timelines ({@code 24h} hourly, {@code 30d} daily).
 */
public record IssueDetails(IssueForCaller issue, List<Activity> activity, List<Seen> seenBy, List<User> participants,
                           List<IssueStats.Bucket> last24Hours, List<IssueStats.Bucket> last30Days) {

    public record Seen(User user, IssueUserState state) {}
}
