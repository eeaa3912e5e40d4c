package dev.triage.issue.control;

import dev.triage.issue.entity.IssueStatus;
import java.util.List;
import java.util.Set;

/**
 * What a Sentry search {@code query} asks for, in the subset we support (SENTRY-ISSUE-API.md §5):
 * {@code is:unresolved|resolved|ignored|assigned|unassigned|bookmarked}, {@code assigned:me} (or a
 * username or email), {@code level:<level>} and free text matched against the title.
 *
 * @param statuses issue statuses to keep; empty: any
 * @param assigned true: assigned to someone, false: to nobody, null: either
 * @param assignee "me", a username or an email; null: anyone
 */
public record IssueFilter(Set<IssueStatus> statuses, Boolean assigned, String assignee, boolean bookmarked,
                          Set<String> levels, List<String> text) {

    public static final IssueFilter ALL = new IssueFilter(Set.of(), null, null, false, Set.of(), List.of());

    /** Sentry's default when a bulk request names no ids. */
    public static final IssueFilter UNRESOLVED =
            new IssueFilter(Set.of(IssueStatus.UNRESOLVED), null, null, false, Set.of(), List.of());
}
