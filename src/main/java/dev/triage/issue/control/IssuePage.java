package dev.triage.issue.control;

import java.util.List;
import java.util.Map;

/**
 * One page of a listing: the issues as the caller sees them with their hourly timelines (by issue
 * id), where it starts, whether more follow, and how many issues the selection holds in all.
 */
public record IssuePage(List<IssueForCaller> issues, Map<Long, List<IssueStats.Bucket>> last24Hours, int offset,
                        boolean more, long hits) {}
