package dev.triage.issue.control;

import java.util.List;

/**
 * What an update did: the selected issues as the caller now sees them (empty when nothing
 * matched or when they were discarded), the merge when one was asked for, and whether the
 * issues were discarded (deleted).
 */
public record UpdateOutcome(List<IssueForCaller> issues, Merge merge, boolean discarded) {

    static final UpdateOutcome NOTHING_MATCHED = new UpdateOutcome(List.of(), null, false);
    static final UpdateOutcome DISCARDED = new UpdateOutcome(List.of(), null, true);

    public record Merge(Long parent, List<Long> children) {}

    public boolean nothingMatched() {
        return issues.isEmpty() && !discarded;
    }

    /** The one issue of a details update. */
    public IssueForCaller single() {
        return issues.get(0);
    }
}
