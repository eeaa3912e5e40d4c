package dev.triage.organization.control;

import dev.triage.identity.entity.User;
import dev.triage.organization.entity.OrganizationMember;
import java.util.List;

/** A membership with its user and the slugs of the member's teams. */
public record MemberListing(OrganizationMember member, User user, List<String> teams) {}
