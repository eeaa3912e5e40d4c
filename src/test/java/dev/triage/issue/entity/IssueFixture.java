package dev.triage.issue.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * Builds issues for unit tests through the entity's own methods (no reflection): a new issue,
 * then brought to the wanted status the way a user would.
 */
final class IssueFixture {

    private Instant firstSeen = IssueTest.NOW.minus(Duration.ofDays(30));
    private String priority = "medium";
    private IssueStatus status = IssueStatus.UNRESOLVED;
    private Substatus substatus = Substatus.ONGOING;

    static IssueFixture issue() {
        return new IssueFixture();
    }

    IssueFixture firstSeen(Instant at) {
        firstSeen = at;
        return this;
    }

    IssueFixture unresolved(Substatus how) {
        status = IssueStatus.UNRESOLVED;
        substatus = how;
        return this;
    }

    IssueFixture resolved() {
        status = IssueStatus.RESOLVED;
        substatus = null;
        return this;
    }

    IssueFixture ignored(Substatus how) {
        status = IssueStatus.IGNORED;
        substatus = how;
        return this;
    }

    Issue build() {
        Issue issue = new Issue(null, 1, "fixture", "error", priority, firstSeen);
        switch (status) {
            case UNRESOLVED -> issue.unresolve(substatus, firstSeen);
            case RESOLVED -> issue.resolve(Resolution.plain(firstSeen));
            case IGNORED -> issue.ignore(substatus, null);
        }
        return issue;
    }
}
