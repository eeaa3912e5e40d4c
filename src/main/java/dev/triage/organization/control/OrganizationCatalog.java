package dev.triage.organization.control;

import dev.triage.identity.entity.User;
import dev.triage.organization.entity.AccessDenied;
import dev.triage.organization.entity.NotFound;
import dev.triage.organization.entity.OrganizationMember;
import dev.triage.organization.entity.Project;
import dev.triage.organization.entity.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an organization holds, as one of its members sees it: projects, teams, members. Each list
 * is a fixed number of queries, however long it is.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrganizationCatalog {

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    /** The organization's live projects, by slug. */
    public List<ProjectListing> projects(Access access) {
        List<Project> projects = em.createQuery("""
                        select p from Project p join fetch p.organization
                        where p.organization.id = :org and p.status = 'active' order by p.slug""", Project.class)
                .setParameter("org", access.organization().id())
                .getResultList();
        return listings(access, projects);
    }

    /**
     * One project by slug or id.
     *
     * @throws NotFound when the organization has no such live project
     * @throws AccessDenied when the caller may not work on it (closed membership, not in its teams)
     */
    public ProjectListing project(Access access, String slugOrId) {
        List<Project> found = em.createQuery("""
                        select p from Project p join fetch p.organization
                        where p.organization.id = :org and p.status = 'active'
                          and (p.slug = :project or cast(p.id as String) = :project)""", Project.class)
                .setParameter("org", access.organization().id())
                .setParameter("project", slugOrId)
                .getResultList();
        if (found.isEmpty()) {
            throw new NotFound("project " + slugOrId);
        }
        ProjectListing listing = listings(access, found).get(0);
        if (!listing.access()) {
            throw new AccessDenied("not in a team of project " + slugOrId);
        }
        return listing;
    }

    /** The organization's live teams, by slug, each with its member count and (if asked) projects. */
    public List<TeamListing> teams(Access access, boolean withProjects) {
        Long org = access.organization().id();
        List<Team> teams = em.createQuery("""
                        select t from Team t where t.organization.id = :org and t.status = 'active'
                        order by t.slug""", Team.class)
                .setParameter("org", org)
                .getResultList();
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : em.createQuery("""
                        select tm.teamId, count(tm) from TeamMember tm, Team t
                        where t.id = tm.teamId and t.organization.id = :org group by tm.teamId""", Object[].class)
                .setParameter("org", org)
                .getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        Map<Long, List<ProjectListing>> projectsOfTeam = new HashMap<>();
        if (withProjects) {
            for (ProjectListing project : projects(access)) {
                for (Team team : project.teams()) {
                    projectsOfTeam.computeIfAbsent(team.id(), k -> new ArrayList<>()).add(project);
                }
            }
        }
        return teams.stream().map(t -> new TeamListing(t, counts.getOrDefault(t.id(), 0L),
                access.teamIds().contains(t.id()), projectsOfTeam.getOrDefault(t.id(), List.of()))).toList();
    }

    /** The organization's members, oldest membership first, with their teams. */
    public List<MemberListing> members(Access access) {
        Long org = access.organization().id();
        List<Object[]> rows = em.createQuery("""
                        select m, u from OrganizationMember m, User u
                        where m.organizationId = :org and u.id = m.userId order by m.memberId""", Object[].class)
                .setParameter("org", org)
                .getResultList();
        Map<Long, List<String>> teamsOfUser = new HashMap<>();
        for (Object[] row : em.createQuery("""
                        select tm.userId, t.slug from TeamMember tm, Team t
                        where t.id = tm.teamId and t.organization.id = :org and t.status = 'active'
                        order by t.slug""", Object[].class)
                .setParameter("org", org)
                .getResultList()) {
            teamsOfUser.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        return rows.stream().map(row -> {
            User user = (User) row[1];
            return new MemberListing((OrganizationMember) row[0], user, teamsOfUser.getOrDefault(user.id(), List.of()));
        }).toList();
    }

    private List<ProjectListing> listings(Access access, List<Project> projects) {
        if (projects.isEmpty()) {
            return List.of();
        }
        List<Long> ids = projects.stream().map(Project::id).toList();
        Map<Long, List<Team>> teams = new HashMap<>();
        for (Object[] row : em.createQuery("""
                        select pt.projectId, t from ProjectTeam pt, Team t
                        where t.id = pt.teamId and t.status = 'active' and pt.projectId in :ids
                        order by t.slug""", Object[].class)
                .setParameter("ids", ids)
                .getResultList()) {
            teams.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Team) row[1]);
        }
        Map<Long, String> releases = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> latest = em.createNativeQuery("""
                        select distinct on (rp.project_id) rp.project_id, r.version
                        from release_project rp join release r on r.id = rp.release_id
                        where rp.project_id in (:ids)
                        order by rp.project_id, r.date_created desc, r.id desc""")
                .setParameter("ids", ids)
                .getResultList();
        for (Object[] row : latest) {
            releases.put(((Number) row[0]).longValue(), (String) row[1]);
        }
        return projects.stream().map(p -> {
            List<Team> of = teams.getOrDefault(p.id(), List.of());
            boolean member = access.inAnyOf(of.stream().map(Team::id).toList());
            return new ProjectListing(p, of, releases.get(p.id()), member, member || access.globalAccess());
        }).toList();
    }
}
