package dev.triage.issue.control;

import dev.triage.issue.entity.Substatus;

/**
 * A validated partial update of one or many issues: null means "not submitted". Built at the
 * boundary from the request body, where its syntax is checked; references (releases, commits,
 * people) are checked by {@link IssueService} before anything is written.
 *
 * @param status the status as the client wrote it
 * @param substatus the submitted substatus, when {@code substatusGiven}; may be null
 * @param ignore the ignore conditions, when any ignore key was submitted
 * @param assignee who to assign, when {@code assigneeGiven}; null unassigns
 */
public record IssueUpdate(
        UpdateStatus status,
        boolean substatusGiven,
        Substatus substatus,
        ResolveIn resolveIn,
        IgnoreConditions ignore,
        boolean assigneeGiven,
        ActorRef assignee,
        Boolean hasSeen,
        Boolean bookmarked,
        Boolean subscribed,
        Boolean shared,
        String priority,
        Boolean discard,
        Boolean merge) {

    /** Where to resolve, from {@code statusDetails}: exactly one of the three is set. */
    public record ResolveIn(String release, boolean nextRelease, CommitRef commit) {}

    public record CommitRef(String commit, String repository) {}

    /** An assignee as submitted: a user by id, a user by username or email, or a team by id. */
    public record ActorRef(Kind kind, String value) {
        public enum Kind { USER_ID, USER_NAME, TEAM_ID }
    }

    /** Whether the body asks for anything at all. */
    public boolean isEmpty() {
        return status == null && !substatusGiven && resolveIn == null && ignore == null && !assigneeGiven
                && hasSeen == null && bookmarked == null && subscribed == null && shared == null
                && priority == null && discard == null && merge == null;
    }

    public boolean discards() {
        return Boolean.TRUE.equals(discard);
    }

    public boolean merges() {
        return Boolean.TRUE.equals(merge);
    }

    /** The submitted substatus if it belongs to the status the issue gets, else null. */
    Substatus substatusFor(UpdateStatus requested) {
        return substatus != null && substatus.belongsTo(requested.target()) ? substatus : null;
    }
}
