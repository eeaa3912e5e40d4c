package dev.triage.organization.control;

import dev.triage.organization.entity.Project;
import dev.triage.organization.entity.Team;
import java.time.Instant;
import java.util.List;

/**
 * A project as the caller sees it: its teams, its newest release, the time of its first event
 * (null before any), whether the caller is in one of its teams ({@code member}) and whether they
 * may work on it at all ({@code access}).
 */
public record ProjectListing(Project project, List<Team> teams, String latestRelease, Instant firstEvent,
                             boolean member, boolean access) {}
