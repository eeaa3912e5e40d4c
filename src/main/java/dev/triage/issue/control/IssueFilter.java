package dev.triage.issue.control;

import dev.triage.issue.entity.IssueStatus;
import java.util.List;
import java.util.Set;

/**
 * What a Sentry search {@code query} asks for, in the subset we support (SENTRY-ISSUE-API.md §5):
 * {@code is:unresolved|resolved|ignored|assigned|unassigned|bookmarked}, {@code assigned:me} (or a
 * username or email), {@code level:<level>}, {@code issue.priority:<priority>} (or a list such as
 * {@code [high,medium]}) and free text matched against the title.
 *
 * @param statuses issue statuses to keep; empty: any
 * @param assigned true: assigned to someone, false: to nobody, null: either
 * @param assignee "me", a username or an email; null: anyone
 * @param priorities priorities to keep; empty: any
 */
public record IssueFilter(Set<IssueStatus> statuses, Boolean assigned, String assignee, boolean bookmarked,
                          Set<String> levels, Set<String> priorities, List<String> text) {

    public static final IssueFilter ALL = IssueSearchQuery.parse("");

    /** Sentry's default when a bulk request or a project's listing names no query. */
    public static final IssueFilter UNRESOLVED = IssueSearchQuery.parse("is:unresolved");

    /**
     * The organization listing's default ({@code issues/endpoints/organization_group_index.py}):
     * unresolved issues of high or medium priority.
     */
    public static final IssueFilter ORGANIZATION_DEFAULT = IssueSearchQuery.parse(
            "is:unresolved issue.priority:[high,medium]");
}
