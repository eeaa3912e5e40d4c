package dev.triage.issue.control;

import dev.triage.identity.entity.User;
import dev.triage.organization.entity.Organization;
import dev.triage.organization.entity.Project;
import dev.triage.organization.entity.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Who may be assigned an issue of a project, by Sentry's rules: the identifier must name a user or
 * team that exists ({@code types/actor.py}, {@code parse_and_validate_actor}), of the issue's
 * organization, and, unless the organization has open membership, a member of a team with access
 * to the project or a team with that access ({@code helpers/group_index/validators/group.py},
 * {@code validate_assignedTo}). Every refusal is Sentry's message for {@code assignedTo}.
 */
@ApplicationScoped
public class Assignees {

    static final String FIELD = "assignedTo";
    static final String UNPARSABLE =
            "Could not parse actor. Format should be `type:id` where type is `team` or `user`.";

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    /** A user or a team: exactly one is set. */
    public record Assignee(User user, Team team) {}

    /** @throws InvalidUpdate with Sentry's message when the actor may not be assigned */
    public Assignee find(IssueUpdate.ActorRef ref, Project project) {
        Organization organization = project.organization();
        if (ref.kind() == IssueUpdate.ActorRef.Kind.TEAM_ID) {
            Team team = em.find(Team.class, Long.parseLong(ref.value()));
            if (team == null || !team.active()) {
                throw InvalidUpdate.of(FIELD, "Team does not exist");
            }
            if (!team.organization().id().equals(organization.id())) {
                throw InvalidUpdate.of(FIELD, "Team is not a member of this organization");
            }
            if (!organization.openMembership() && !teamHasAccess(team.id(), project.id())) {
                throw InvalidUpdate.of(FIELD, "Cannot assign to a team without access to the project");
            }
            return new Assignee(null, team);
        }
        User user = ref.kind() == IssueUpdate.ActorRef.Kind.USER_ID
                ? em.find(User.class, Long.parseLong(ref.value()))
                : byUsernameOrEmail(ref.value());
        if (user == null && ref.kind() == IssueUpdate.ActorRef.Kind.USER_NAME) {
            // Sentry cannot parse a name that is nobody's
            throw InvalidUpdate.of(FIELD, UNPARSABLE);
        }
        if (user == null) {
            throw InvalidUpdate.of(FIELD, "User does not exist");
        }
        if (!isMember(user.id(), organization.id())) {
            throw InvalidUpdate.of(FIELD, "User is not a member of this organization");
        }
        if (!organization.openMembership() && !inTeamWithAccess(user.id(), project.id())) {
            throw InvalidUpdate.of(FIELD, "Cannot assign to non-team member");
        }
        return new Assignee(user, null);
    }

    private User byUsernameOrEmail(String name) {
        List<User> users = em.createQuery("select u from User u where u.username = :name"
                        + " or lower(u.email) = lower(:name) order by u.id", User.class)
                .setParameter("name", name).setMaxResults(1).getResultList();
        return users.isEmpty() ? null : users.get(0);
    }

    private boolean isMember(Long userId, Long organizationId) {
        return !em.createQuery("select 1 from OrganizationMember m where m.userId = :user"
                        + " and m.organizationId = :org", Integer.class)
                .setParameter("user", userId).setParameter("org", organizationId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Sentry's {@code project.member_set}: members of a team that has the project. */
    private boolean inTeamWithAccess(Long userId, Long projectId) {
        return !em.createQuery("""
                        select 1 from TeamMember tm, ProjectTeam pt, Team t
                        where tm.userId = :user and pt.teamId = tm.teamId and pt.projectId = :project
                          and t.id = tm.teamId and t.status = 'active'""", Integer.class)
                .setParameter("user", userId).setParameter("project", projectId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private boolean teamHasAccess(Long teamId, Long projectId) {
        return !em.createQuery("select 1 from ProjectTeam pt where pt.teamId = :team and pt.projectId = :project",
                        Integer.class)
                .setParameter("team", teamId).setParameter("project", projectId)
                .setMaxResults(1).getResultList().isEmpty();
    }
}
