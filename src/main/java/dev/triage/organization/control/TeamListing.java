package dev.triage.organization.control;

import dev.triage.organization.entity.Team;
import java.util.List;

/** A team as the caller sees it: how many are in it, whether the caller is, and its projects. */
public record TeamListing(Team team, long memberCount, boolean member, List<ProjectListing> projects) {}
