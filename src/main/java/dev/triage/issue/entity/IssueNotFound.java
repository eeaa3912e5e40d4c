package dev.triage.issue.entity;

/**
 * The issue does not exist for this caller: unknown, deleted, merged away, in an organization the
 * caller does not belong to, or not owned by the organization or project of the path. One answer
 * for all of them, so that issues of other tenants cannot be told apart from missing ones.
 */
public class IssueNotFound extends RuntimeException {

    public IssueNotFound() {
        super("The requested resource does not exist", null, false, false);
    }
}
