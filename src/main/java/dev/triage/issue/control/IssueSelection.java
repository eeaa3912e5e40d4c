package dev.triage.issue.control;

import dev.triage.issue.entity.IssueStatus;
import java.util.List;
import java.util.Set;

/**
 * Which issues a collection request means: those of an organization, or of one of its projects
 * (slugs or ids), optionally only those of some projects (the organization path's {@code project}
 * parameter) or with the given ids, with the given statuses, matching the filter. Ids outside the
 * organization or project are silently left out.
 *
 * @param project the project of a project path, else null
 * @param projects project slugs or ids to keep; empty: all
 */
public record IssueSelection(String organization, String project, List<String> projects, List<Long> ids,
                             Set<IssueStatus> statuses, IssueFilter filter) implements UpdateTarget {}
