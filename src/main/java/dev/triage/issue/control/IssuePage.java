package dev.triage.issue.control;

import java.util.List;

/** One page of a listing: the issues as the caller sees them, where it starts, and whether more follow. */
public record IssuePage(List<IssueForCaller> issues, int offset, boolean more) {}
