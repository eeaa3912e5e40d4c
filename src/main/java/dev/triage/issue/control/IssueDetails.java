package dev.triage.issue.control;

import dev.triage.activity.entity.Activity;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.IssueUserState;
import dev.triage.ingest.control.IssueRollups;
import java.util.List;

/**
 * An issue with what only the details GET shows: its history, the people around it, its event
 * timelines ({@code 24h} hourly, {@code 30d} daily) and its tags with their top values.
 */
public record IssueDetails(IssueForCaller issue, List<Activity> activity, List<Seen> seenBy, List<User> participants,
                           List<IssueStats.Bucket> last24Hours, List<IssueStats.Bucket> last30Days,
                           List<IssueRollups.TagSummary> tags) {

    public record Seen(User user, IssueUserState state) {}
}
