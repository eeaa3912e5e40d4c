package dev.triage.issue.control;

import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueShare;
import dev.triage.issue.entity.IssueUserState;

/**
 * An issue as one caller sees it: the issue, the caller's own seen/bookmark/subscription row
 * (null: none) and its public share (null: private). What an update answers with.
 */
public record IssueForCaller(Issue issue, IssueUserState callerRow, IssueShare share) {}
