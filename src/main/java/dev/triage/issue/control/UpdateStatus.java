package dev.triage.issue.control;

import dev.triage.issue.entity.IssueStatus;
import dev.triage.issue.entity.WireName;

/**
 * The {@code status} an update asks for, as the client wrote it: Sentry's choices for the PUT,
 * which include two words that are no stored status ({@code resolvedInNextRelease} and
 * {@code muted}). The bulk answer repeats the client's word.
 */
public enum UpdateStatus implements WireName {
    RESOLVED("resolved"),
    RESOLVED_IN_NEXT_RELEASE("resolvedInNextRelease"),
    UNRESOLVED("unresolved"),
    IGNORED("ignored"),
    MUTED("muted");

    private final String wireName;

    UpdateStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The status the issue gets. */
    public IssueStatus target() {
        return switch (this) {
            case RESOLVED, RESOLVED_IN_NEXT_RELEASE -> IssueStatus.RESOLVED;
            case UNRESOLVED -> IssueStatus.UNRESOLVED;
            case IGNORED, MUTED -> IssueStatus.IGNORED;
        };
    }
}
