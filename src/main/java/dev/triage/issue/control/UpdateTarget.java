package dev.triage.issue.control;

/**
 * Which issues an update changes: the one a details path names, or a selection of a collection
 * path. Both go through the same update (Sentry's details PUT is its bulk update of one id).
 */
public sealed interface UpdateTarget permits UpdateTarget.OneIssue, IssueSelection {

    /**
     * @param organization slug or id from an organization path, or null on the unscoped path
     * @param issueId numeric id, or (organization path only) a short id
     */
    record OneIssue(String organization, String issueId) implements UpdateTarget {}
}
