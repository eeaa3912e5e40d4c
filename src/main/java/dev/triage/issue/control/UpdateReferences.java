package dev.triage.issue.control;

import dev.triage.identity.entity.User;
import dev.triage.organization.entity.Team;
import dev.triage.release.entity.Commit;
import dev.triage.release.entity.Release;

/**
 * What one update refers to, found for one issue (in its project or organization) before anything
 * changes: the release or commit to resolve in, the project's newest release (for "the next
 * release"), and the assignee. Unused ones are null.
 */
record UpdateReferences(Release release, Release latest, Commit commit, User assigneeUser, Team assigneeTeam) {}
