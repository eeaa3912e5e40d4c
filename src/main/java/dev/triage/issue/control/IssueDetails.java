package dev.triage.issue.control;

import dev.triage.activity.entity.Activity;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.IssueUserState;
import java.util.List;

/** An issue with what only the details GET shows: its history and the people around it. */
public record IssueDetails(IssueForCaller issue, List<Activity> activity, List<Seen> seenBy, List<User> participants) {

    public record Seen(User user, IssueUserState state) {}
}
