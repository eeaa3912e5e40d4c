package dev.triage.issue.control;

import java.util.List;

/**
 * What a bulk mutation did: the selected issues as the caller now sees them (empty: nothing
 * matched), and the merge, when one was asked for.
 */
public record BulkOutcome(List<IssueState> issues, Merge merge, boolean discarded) {

    public record Merge(Long parent, List<Long> children) {}

    public boolean nothingMatched() {
        return issues.isEmpty();
    }
}
