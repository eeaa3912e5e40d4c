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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        return projects(access, 0, Integer.MAX_VALUE);
    }

    /** At most {@code max} of the organization's live projects by slug, from the {@code first} on. */
    public List<ProjectListing> projects(Access access, int first, int max) {
        List<Project> projects = em.createQuery("""
                        select p from Project p join fetch p.organization
                        where p.organization.id = :org and p.status = 'active' order by p.slug, p.id""", Project.class)
                .setParameter("org", access.organization().id())
                .setFirstResult(first)
                .setMaxResults(max)
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
        return teams(access, withProjects, 0, Integer.MAX_VALUE);
    }

    /** At most {@code max} of the organization's live teams by slug, from the {@code first} on. */
    public List<TeamListing> teams(Access access, boolean withProjects, int first, int max) {
        Long org = access.organization().id();
        List<Team> teams = em.createQuery("""
                        select t from Team t where t.organization.id = :org and t.status = 'active'
                        order by t.slug, t.id""", Team.class)
                .setParameter("org", org)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
        if (teams.isEmpty()) {
            return List.of();
        }
        List<Long> ids = teams.stream().map(Team::id).toList();
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : em.createQuery("""
                        select tm.teamId, count(tm) from TeamMember tm
                        where tm.teamId in :teams group by tm.teamId""", Object[].class)
                .setParameter("teams", ids)
                .getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        Map<Long, List<ProjectListing>> projectsOfTeam = new HashMap<>();
        if (withProjects) {
            List<Project> ofTheseTeams = em.createQuery("""
                            select p from Project p join fetch p.organization
                            where p.status = 'active' and p.id in (select pt.projectId from ProjectTeam pt where pt.teamId in :teams)
                            order by p.slug, p.id""", Project.class)
                    .setParameter("teams", ids)
                    .getResultList();
            for (ProjectListing project : listings(access, ofTheseTeams)) {
                for (Team team : project.teams()) {
                    projectsOfTeam.computeIfAbsent(team.id(), k -> new ArrayList<>()).add(project);
                }
            }
        }
        return teams.stream().map(t -> new TeamListing(t, counts.getOrDefault(t.id(), 0L),
                access.teamIds().contains(t.id()), projectsOfTeam.getOrDefault(t.id(), List.of()))).toList();
    }

    /** At most {@code max} of the organization's members, oldest membership first, from the {@code first} on. */
    public List<MemberListing> members(Access access, int first, int max) {
        return withTeams(access, em.createQuery("""
                        select m, u from OrganizationMember m, User u
                        where m.organizationId = :org and u.id = m.userId order by m.memberId""", Object[].class)
                .setParameter("org", access.organization().id())
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList());
    }

    /**
     * The member of the organization with this member id (as written in its path: digits, no
     * leading zero), with their teams; empty when there is none.
     */
    public Optional<MemberListing> member(Access access, String memberId) {
        Long id;
        try {
            id = Long.valueOf(memberId);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!id.toString().equals(memberId)) {
            return Optional.empty(); // "007", "+7": not how an id is written, so no member's
        }
        return oneMember(access, "m.memberId = :id", id);
    }

    /** The organization's membership of this user, with their teams; empty when they are no member. */
    public Optional<MemberListing> memberOfUser(Access access, Long userId) {
        return oneMember(access, "m.userId = :id", userId);
    }

    private Optional<MemberListing> oneMember(Access access, String condition, Long id) {
        return withTeams(access, em.createQuery("select m, u from OrganizationMember m, User u"
                        + " where m.organizationId = :org and u.id = m.userId and " + condition, Object[].class)
                .setParameter("org", access.organization().id())
                .setParameter("id", id)
                .getResultList()).stream().findFirst();
    }

    /** Memberships (rows of member and user) with the slugs of each member's teams, in the rows' order. */
    private List<MemberListing> withTeams(Access access, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> teamsOfUser = new HashMap<>();
        for (Object[] row : em.createQuery("""
                        select tm.userId, t.slug from TeamMember tm, Team t
                        where t.id = tm.teamId and t.organization.id = :org and t.status = 'active'
                          and tm.userId in :users
                        order by t.slug""", Object[].class)
                .setParameter("org", access.organization().id())
                .setParameter("users", rows.stream().map(row -> ((User) row[1]).id()).toList())
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
        Map<Long, Instant> firstEvents = new HashMap<>();
        // the event received first, found through event_project_idx (project, time received)
        @SuppressWarnings("unchecked")
        List<Object[]> first = em.createNativeQuery("""
                        select p.id, (select e.occurred_at from event e where e.project_id = p.id
                                      order by e.received_at, e.id limit 1)
                        from project p where p.id in (:ids)""")
                .setParameter("ids", ids)
                .getResultList();
        for (Object[] row : first) {
            if (row[1] != null) {
                firstEvents.put(((Number) row[0]).longValue(), instant(row[1]));
            }
        }
        return projects.stream().map(p -> {
            List<Team> of = teams.getOrDefault(p.id(), List.of());
            boolean member = access.inAnyOf(of.stream().map(Team::id).toList());
            return new ProjectListing(p, of, releases.get(p.id()), firstEvents.get(p.id()), member,
                    member || access.globalAccess());
        }).toList();
    }

    private static Instant instant(Object column) {
        return column instanceof java.sql.Timestamp t ? t.toInstant()
                : column instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) column;
    }
}
