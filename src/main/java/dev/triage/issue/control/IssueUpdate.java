package dev.triage.issue.control;

/**
 * A validated partial update: null means "not submitted". Built by {@link IssueUpdateParser}
 * from the request body; only its syntax is checked there, references (releases, commits,
 * people) are checked by {@link IssueService} before anything is written.
 *
 * @param status {@code resolved}, {@code resolvedInNextRelease}, {@code unresolved} or {@code ignored}
 * @param substatus the submitted substatus, when {@code substatusGiven}; may be null
 * @param assignee who to assign, when {@code assigneeGiven}; null unassigns
 */
public record IssueUpdate(
        String status,
        boolean substatusGiven,
        String substatus,
        Resolution resolution,
        Ignore ignore,
        boolean assigneeGiven,
        ActorRef assignee,
        Boolean hasSeen,
        Boolean bookmarked,
        Boolean subscribed,
        Boolean shared,
        String priority,
        Boolean discard,
        Boolean merge) {

    /** How to resolve, from {@code statusDetails}: exactly one of the three is set. */
    public record Resolution(String inRelease, boolean inNextRelease, CommitRef inCommit) {}

    public record CommitRef(String commit, String repository) {}

    /** Ignore conditions (Sentry's snooze); every field may be null. */
    public record Ignore(Integer duration, Integer count, Integer window, Integer userCount, Integer userWindow,
                         boolean untilEscalating) {

        public boolean hasCondition() {
            return duration != null || count != null || userCount != null;
        }
    }

    /** An assignee as submitted: a user by id, a user by username or email, or a team by id. */
    public record ActorRef(Kind kind, String value) {
        public enum Kind { USER_ID, USER_NAME, TEAM_ID }
    }

    /** Whether the body asks for anything at all. */
    public boolean isEmpty() {
        return status == null && !substatusGiven && resolution == null && ignore == null && !assigneeGiven
                && hasSeen == null && bookmarked == null && subscribed == null && shared == null
                && priority == null && discard == null && merge == null;
    }
}
