package dev.triage.organization.control;

import dev.triage.identity.control.Caller;
import dev.triage.identity.entity.User;
import dev.triage.organization.entity.NotFound;
import dev.triage.organization.entity.Organization;
import dev.triage.organization.entity.OrganizationMember;
import dev.triage.organization.entity.Project;
import dev.triage.organization.entity.ProjectTeam;
import dev.triage.organization.entity.Refusal;
import dev.triage.organization.entity.Role;
import dev.triage.organization.entity.Slugs;
import dev.triage.organization.entity.Team;
import dev.triage.organization.entity.TeamMember;
import dev.triage.identity.control.Scope;
import dev.triage.identity.control.UserLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sentry's administration of organizations, teams, projects and members. Each method is one
 * transaction: it finds the caller's access to the organization (404 for anyone else's), checks
 * role and token scopes (403), validates (400) and writes. Removal only marks things pending
 * deletion (and frees their slugs, as Sentry does); the issues of a removed project go with it.
 */
@ApplicationScoped
@Transactional
public class Administration {

    static final String ONLY_OWNER = "You cannot remove the only remaining owner of the organization.";

    /** What changed, with the caller's access (their role and teams as they are now). */
    public record Done<T>(Access access, T result) {}

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    AccessControl accessControl;

    @Inject
    OrganizationCatalog catalog;

    @Inject
    Event<ProjectCreated> projectCreated;

    @Inject
    UserLookup users;

    @Inject
    @ConfigProperty(name = "organization.creation", defaultValue = "false")
    boolean organizationCreation;

    Clock clock = Clock.systemUTC();

    // --- organizations ---

    /**
     * A new organization whose owner is the caller (only where {@code ORGANIZATION_CREATION} allows it).
     */
    public Done<Organization> createOrganization(Caller caller, String name, String slug) {
        if (!organizationCreation) {
            // Sentry's organization index answers a 401 when its "organizations:create" feature is off
            throw Refusal.turnedOff("Organizations are not allowed to be created by this user.");
        }
        User user = users.of(caller).orElseThrow(
                () -> Refusal.forbidden("Organizations are not allowed to be created by this user."));
        String checkedName = requiredName(name, 64);
        String checkedSlug = Slugs.checkedOrganization(slug == null ? Slugs.fromName(checkedName) : slug);
        if (slugTaken("select count(o) from Organization o where o.slug = :slug", checkedSlug, null)) {
            throw Refusal.conflict("An organization with this slug already exists.");
        }
        Organization organization = new Organization(checkedSlug, checkedName, now());
        em.persist(organization);
        flush("An organization with this slug already exists.");
        em.persist(new OrganizationMember(organization.id(), user.id(), Role.OWNER, now()));
        flush("An organization with this slug already exists.");
        return new Done<>(accessControl.access(caller, organization.id().toString()), organization);
    }

    /** Name, slug and open membership of an organization ({@code org:write}). */
    public Access updateOrganization(Caller caller, String org, Optional<String> name, Optional<String> slug,
                                     Optional<Boolean> openMembership) {
        Access access = accessControl.access(caller, org);
        access.require(Scope.ORG_WRITE);
        Organization organization = access.organization();
        name.ifPresent(n -> organization.rename(requiredName(n, 64)));
        if (slug.isPresent()) {
            String checked = Slugs.checkedOrganization(slug.get());
            if (slugTaken("select count(o) from Organization o where o.slug = :slug and o.id <> :id", checked,
                    organization.id())) {
                throw Refusal.invalid("slug", "The slug \"" + checked + "\" is already in use.");
            }
            organization.changeSlug(checked);
        }
        openMembership.ifPresent(organization::changeOpenMembership);
        flush("The slug is already in use.");
        return access;
    }

    /** Marks an organization, its teams, projects and issues pending deletion ({@code org:admin}: owners). */
    public Access removeOrganization(Caller caller, String org) {
        Access access = accessControl.access(caller, org);
        access.require(Scope.ORG_ADMIN);
        Organization organization = access.organization();
        for (Project project : em.createQuery("select p from Project p where p.organization.id = :org"
                + " and p.status = 'active'", Project.class).setParameter("org", organization.id()).getResultList()) {
            remove(project);
        }
        for (Team team : em.createQuery("select t from Team t where t.organization.id = :org and t.status = 'active'",
                Team.class).setParameter("org", organization.id()).getResultList()) {
            remove(team);
        }
        organization.markPendingDeletion();
        organization.changeSlug(freedSlug());
        return access;
    }

    // --- teams ---

    /** A new team; the caller joins it, as in Sentry ({@code org:write} or {@code team:write}). */
    public Done<TeamListing> createTeam(Caller caller, String org, String name, String slug) {
        Access access = accessControl.access(caller, org);
        access.require(Scope.ORG_WRITE, Scope.TEAM_WRITE);
        if (isBlank(name) && isBlank(slug)) {
            throw Refusal.invalid("non_field_errors", "Name or slug is required");
        }
        String checkedSlug = Slugs.checked(isBlank(slug) ? Slugs.fromName(name) : slug);
        String checkedName = isBlank(name) ? checkedSlug : limited("name", name.trim(), 64);
        if (slugTaken("select count(t) from Team t where t.organization.id = :id and t.slug = :slug", checkedSlug,
                access.organization().id())) {
            throw Refusal.conflict("A team with this slug already exists.");
        }
        Team team = new Team(access.organization(), checkedSlug, checkedName, now());
        em.persist(team);
        flush("A team with this slug already exists.");
        em.persist(new TeamMember(team.id(), access.user().id()));
        flush("A team with this slug already exists.");
        Access now = accessControl.access(caller, org);
        return new Done<>(now, teamListing(now, team.id()));
    }

    /** One team with its projects ({@code team:read}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Done<TeamListing> team(Caller caller, String org, String team) {
        Access access = accessControl.access(caller, org);
        return new Done<>(access, teamListing(access, findTeam(access, team).id()));
    }

    /** Name and slug of a team ({@code team:write}; an admin only on their teams). */
    public Done<TeamListing> updateTeam(Caller caller, String org, String teamSlug, Optional<String> name,
                                        Optional<String> slug) {
        Access access = accessControl.access(caller, org);
        Team team = findTeam(access, teamSlug);
        access.requireOnTeams(List.of(team.id()), Scope.TEAM_WRITE);
        name.ifPresent(n -> team.rename(requiredName(n, 64)));
        if (slug.isPresent()) {
            String checked = Slugs.checked(slug.get());
            if (slugTaken("select count(t) from Team t where t.organization.id = :id and t.slug = :slug"
                    + " and t.id <> " + team.id(), checked, access.organization().id())) {
                throw Refusal.invalid("slug", "Another team is already using that slug");
            }
            team.changeSlug(checked);
        }
        flush("Another team is already using that slug");
        return new Done<>(access, teamListing(access, team.id()));
    }

    /** Marks a team pending deletion; its memberships and project access end ({@code team:admin}). */
    public void removeTeam(Caller caller, String org, String teamSlug) {
        Access access = accessControl.access(caller, org);
        Team team = findTeam(access, teamSlug);
        access.requireOnTeams(List.of(team.id()), Scope.TEAM_ADMIN);
        remove(team);
    }

    // --- projects ---

    /**
     * A new project the team has access to ({@code project:write}; an admin only in their teams).
     * Observers of {@link ProjectCreated} (client keys) run in the same transaction.
     */
    public Done<ProjectListing> createProject(Caller caller, String org, String teamSlug, String name, String slug,
                                              String platform) {
        Access access = accessControl.access(caller, org);
        Team team = findTeam(access, teamSlug);
        access.requireOnTeams(List.of(team.id()), Scope.PROJECT_WRITE);
        String checkedName = requiredName(name, 50);
        String checkedSlug = Slugs.checked(isBlank(slug) ? Slugs.fromName(checkedName) : slug);
        if (slugTaken("select count(p) from Project p where p.organization.id = :id and p.slug = :slug", checkedSlug,
                access.organization().id())) {
            throw Refusal.conflict("A project with this slug already exists.");
        }
        Project project = new Project(access.organization(), checkedSlug, checkedName, checkedPlatform(platform),
                now());
        em.persist(project);
        flush("A project with this slug already exists.");
        em.persist(new ProjectTeam(project.id(), team.id()));
        em.flush();
        projectCreated.fire(new ProjectCreated(project.id()));
        return new Done<>(access, catalog.project(access, project.id().toString()));
    }

    /**
     * Name, slug and platform of a project ({@code project:write}). A new slug changes the prefix
     * of its issues' short ids (their numbers stay), as in Sentry.
     */
    public Done<ProjectListing> updateProject(Caller caller, String org, String projectSlug, Optional<String> name,
                                              Optional<String> slug, Optional<String> platform) {
        Access access = accessControl.access(caller, org);
        ProjectListing listing = catalog.project(access, projectSlug);
        Project project = listing.project();
        access.requireOnTeams(teamIds(listing), Scope.PROJECT_WRITE);
        name.ifPresent(n -> project.rename(requiredName(n, 200)));
        if (slug.isPresent()) {
            String checked = Slugs.checked(slug.get());
            List<String> other = em.createQuery("select p.slug from Project p where p.organization.id = :org"
                            + " and p.slug = :slug and p.id <> :id", String.class)
                    .setParameter("org", access.organization().id()).setParameter("slug", checked)
                    .setParameter("id", project.id()).getResultList();
            if (!other.isEmpty()) {
                throw Refusal.invalid("slug", "Another project (" + other.get(0) + ") is already using that slug");
            }
            project.changeSlug(checked);
        }
        platform.ifPresent(p -> project.changePlatform(checkedPlatform(p)));
        flush("Another project is already using that slug");
        return new Done<>(access, catalog.project(access, project.id().toString()));
    }

    /** Marks a project and its issues pending deletion ({@code project:admin}). */
    public void removeProject(Caller caller, String org, String projectSlug) {
        Access access = accessControl.access(caller, org);
        ProjectListing listing = catalog.project(access, projectSlug);
        access.requireOnTeams(teamIds(listing), Scope.PROJECT_ADMIN);
        remove(listing.project());
    }

    /** Gives a team access to a project ({@code project:write}). */
    public Done<ProjectListing> addProjectTeam(Caller caller, String org, String projectSlug, String teamSlug) {
        Access access = accessControl.access(caller, org);
        ProjectListing listing = catalog.project(access, projectSlug);
        Team team = findTeam(access, teamSlug);
        access.requireOnTeams(List.of(team.id()), Scope.PROJECT_WRITE);
        if (listing.teams().stream().noneMatch(t -> t.id().equals(team.id()))) {
            em.persist(new ProjectTeam(listing.project().id(), team.id()));
            em.flush();
        }
        return new Done<>(access, catalog.project(access, listing.project().id().toString()));
    }

    /** Takes a team's access to a project away ({@code project:write}). */
    public Done<ProjectListing> removeProjectTeam(Caller caller, String org, String projectSlug, String teamSlug) {
        Access access = accessControl.access(caller, org);
        ProjectListing listing = catalog.project(access, projectSlug);
        Team team = findTeam(access, teamSlug);
        access.requireOnTeams(List.of(team.id()), Scope.PROJECT_WRITE);
        em.createQuery("delete from ProjectTeam pt where pt.projectId = :p and pt.teamId = :t")
                .setParameter("p", listing.project().id()).setParameter("t", team.id()).executeUpdate();
        return new Done<>(access, catalog.project(access, listing.project().id().toString()));
    }

    // --- members ---

    /**
     * Adds a user who has signed in before, found by e-mail or username, with a role no higher than
     * the caller's own and the given teams ({@code member:write}).
     */
    public Done<MemberListing> addMember(Caller caller, String org, String emailOrUsername, String roleId,
                                         List<String> teamSlugs) {
        Access access = accessControl.access(caller, org);
        access.require(Scope.MEMBER_WRITE);
        if (isBlank(emailOrUsername)) {
            throw Refusal.invalid("email", "This field is required.");
        }
        Role role = roleId == null ? Role.MEMBER : Role.of(roleId).orElseThrow(
                () -> Refusal.invalid("orgRole", "\"" + roleId + "\" is not a valid choice."));
        if (!access.role().atLeast(role)) {
            throw Refusal.invalid("orgRole", "You do not have permission to set that org-level role");
        }
        List<Team> teams = teams(access, teamSlugs);
        List<User> users = em.createQuery("select u from User u where lower(u.email) = lower(:x) or u.username = :x"
                + " order by u.id", User.class).setParameter("x", emailOrUsername.trim()).getResultList();
        if (users.isEmpty()) {
            throw Refusal.invalid("email", "No user with this email or username has signed in yet: they appear"
                    + " when they first call the API with a token of the identity provider.");
        }
        User user = users.get(0);
        Long organizationId = access.organization().id();
        if (em.find(OrganizationMember.class, new OrganizationMember.Key(organizationId, user.id())) != null) {
            throw Refusal.invalid("email", "The user " + emailOrUsername.trim() + " is already a member");
        }
        em.persist(new OrganizationMember(organizationId, user.id(), role, now()));
        for (Team team : teams) {
            em.persist(new TeamMember(team.id(), user.id()));
        }
        em.flush();
        return new Done<>(access, member(access, user.id()));
    }

    /** A member's role and teams ({@code member:write}); never above the caller's own role. */
    public Done<MemberListing> updateMember(Caller caller, String org, String memberId, Optional<String> roleId,
                                            Optional<List<String>> teamSlugs) {
        Access access = accessControl.access(caller, org);
        access.require(Scope.MEMBER_WRITE);
        OrganizationMember member = findMember(access, memberId);
        if (teamSlugs.isPresent()) {
            List<Team> teams = teams(access, teamSlugs.get());
            em.createQuery("delete from TeamMember tm where tm.userId = :u and tm.teamId in"
                            + " (select t.id from Team t where t.organization.id = :org)")
                    .setParameter("u", member.userId()).setParameter("org", access.organization().id()).executeUpdate();
            for (Team team : teams) {
                em.persist(new TeamMember(team.id(), member.userId()));
            }
        }
        if (roleId.isPresent()) {
            Role role = Role.of(roleId.get()).orElseThrow(
                    () -> Refusal.invalid("orgRole", "\"" + roleId.get() + "\" is not a valid choice."));
            if (role != member.role()) {
                if (!access.role().atLeast(role)) {
                    throw Refusal.forbidden("role", "You do not have permission to assign the given role.");
                }
                if (!access.role().atLeast(member.role())) {
                    throw Refusal.forbidden("role", "You do not have permission to assign a role to the given user.");
                }
                if (member.userId().equals(access.user().id())) {
                    throw Refusal.invalid("You cannot make changes to your own role.");
                }
                if (member.role() == Role.OWNER && owners(access) <= 1) {
                    throw Refusal.forbidden("You cannot demote the only remaining owner of the organization.");
                }
                member.changeRole(role);
            }
        }
        em.flush();
        return new Done<>(access, member(access, member.userId()));
    }

    /**
     * Removes a member ({@code member:admin}, a role at least theirs) or the caller themselves; never
     * the only remaining owner.
     */
    public void removeMember(Caller caller, String org, String memberId) {
        Access access = accessControl.access(caller, org);
        OrganizationMember member = findMember(access, memberId);
        if (!member.userId().equals(access.user().id())) {
            access.require(Scope.MEMBER_ADMIN);
            if (!access.role().atLeast(member.role())) {
                throw Refusal.invalid("You cannot remove a member who has more access than you.");
            }
        }
        if (member.role() == Role.OWNER && owners(access) <= 1) {
            throw Refusal.forbidden(ONLY_OWNER);
        }
        em.createQuery("delete from TeamMember tm where tm.userId = :u and tm.teamId in"
                        + " (select t.id from Team t where t.organization.id = :org)")
                .setParameter("u", member.userId()).setParameter("org", access.organization().id()).executeUpdate();
        em.remove(member);
    }

    /** Puts a member into a team ({@code member:write}, or {@code team:write} on a team the caller may manage). */
    public Done<TeamListing> joinTeam(Caller caller, String org, String memberId, String teamSlug) {
        Access access = accessControl.access(caller, org);
        OrganizationMember member = findMember(access, memberId);
        Team team = findTeam(access, teamSlug);
        requireTeamMembershipChange(access, member, team);
        if (em.find(TeamMember.class, new TeamMember.Key(team.id(), member.userId())) == null) {
            em.persist(new TeamMember(team.id(), member.userId()));
            em.flush();
        }
        Access now = accessControl.access(caller, org);
        return new Done<>(now, teamListing(now, team.id()));
    }

    /** Takes a member out of a team (same permission as joining). */
    public Done<TeamListing> leaveTeam(Caller caller, String org, String memberId, String teamSlug) {
        Access access = accessControl.access(caller, org);
        OrganizationMember member = findMember(access, memberId);
        Team team = findTeam(access, teamSlug);
        requireTeamMembershipChange(access, member, team);
        em.createQuery("delete from TeamMember tm where tm.userId = :u and tm.teamId = :t")
                .setParameter("u", member.userId()).setParameter("t", team.id()).executeUpdate();
        Access now = accessControl.access(caller, org);
        return new Done<>(now, teamListing(now, team.id()));
    }

    // --- helpers ---

    private void requireTeamMembershipChange(Access access, OrganizationMember member, Team team) {
        boolean self = member.userId().equals(access.user().id());
        if (self && access.globalAccess()) {
            return; // Sentry: with open membership anyone joins and leaves teams
        }
        if (access.has(Scope.MEMBER_WRITE)) {
            return;
        }
        access.requireOnTeams(List.of(team.id()), Scope.TEAM_WRITE);
    }

    private void remove(Project project) {
        project.markPendingDeletion();
        project.changeSlug(freedSlug());
        // the issues go with their project: 404 on every path from now on
        em.createNativeQuery("update issue set pending_deletion = true where project_id = :p")
                .setParameter("p", project.id()).executeUpdate();
    }

    private void remove(Team team) {
        team.markPendingDeletion();
        team.changeSlug(freedSlug());
        em.createQuery("delete from TeamMember tm where tm.teamId = :t").setParameter("t", team.id()).executeUpdate();
        em.createQuery("delete from ProjectTeam pt where pt.teamId = :t").setParameter("t", team.id()).executeUpdate();
    }

    /** Sentry renames what it removes so that the slug can be used again. */
    private static String freedSlug() {
        return "deleted-" + UUID.randomUUID().toString().replace("-", "");
    }

    private long owners(Access access) {
        return em.createQuery("select count(m) from OrganizationMember m where m.organizationId = :org"
                + " and m.role = 'owner'", Long.class).setParameter("org", access.organization().id()).getSingleResult();
    }

    private Team findTeam(Access access, String slugOrId) {
        return em.createQuery("select t from Team t where t.organization.id = :org and t.status = 'active'"
                        + " and (t.slug = :team or cast(t.id as String) = :team)", Team.class)
                .setParameter("org", access.organization().id()).setParameter("team", slugOrId)
                .getResultStream().findFirst().orElseThrow(() -> new NotFound("team " + slugOrId));
    }

    private OrganizationMember findMember(Access access, String memberId) {
        List<OrganizationMember> found = "me".equals(memberId) ? List.of(access.member())
                : em.createQuery("select m from OrganizationMember m where m.organizationId = :org"
                                + " and cast(m.memberId as String) = :id", OrganizationMember.class)
                        .setParameter("org", access.organization().id()).setParameter("id", memberId).getResultList();
        if (found.isEmpty()) {
            throw new NotFound("member " + memberId);
        }
        return found.get(0);
    }

    private List<Team> teams(Access access, List<String> slugs) {
        if (slugs == null || slugs.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(slugs);
        List<Team> teams = em.createQuery("select t from Team t where t.organization.id = :org"
                        + " and t.status = 'active' and t.slug in :slugs", Team.class)
                .setParameter("org", access.organization().id()).setParameter("slugs", wanted).getResultList();
        if (teams.size() != wanted.size()) {
            List<String> unknown = new ArrayList<>(wanted);
            teams.forEach(t -> unknown.remove(t.slug()));
            throw Refusal.invalid("teams", "Invalid team: " + String.join(", ", unknown));
        }
        return teams;
    }

    private TeamListing teamListing(Access access, Long teamId) {
        return catalog.teams(access, true).stream().filter(t -> t.team().id().equals(teamId)).findFirst()
                .orElseThrow(() -> new NotFound("team " + teamId));
    }

    private MemberListing member(Access access, Long userId) {
        return catalog.memberOfUser(access, userId).orElseThrow(() -> new NotFound("member of user " + userId));
    }

    private static List<Long> teamIds(ProjectListing listing) {
        return listing.teams().stream().map(Team::id).toList();
    }

    private boolean slugTaken(String countQuery, String slug, Long id) {
        var query = em.createQuery(countQuery, Long.class).setParameter("slug", slug);
        if (id != null) {
            query.setParameter("id", id);
        }
        return query.getSingleResult() > 0;
    }

    /** A concurrent request took the slug between the check and the insert: the same answer as the check's. */
    private void flush(String conflict) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw Refusal.conflict(conflict);
        }
    }

    private static String requiredName(String name, int max) {
        if (isBlank(name)) {
            throw Refusal.invalid("name", "This field may not be blank.");
        }
        return limited("name", name.trim(), max);
    }

    private static String limited(String field, String value, int max) {
        if (value.length() > max) {
            throw Refusal.invalid(field, "Ensure this field has no more than " + max + " characters.");
        }
        return value;
    }

    /** Sentry's platform names: lower-case identifiers such as {@code python} or {@code javascript-react}. */
    private static String checkedPlatform(String platform) {
        if (platform == null || platform.isBlank()) {
            return null;
        }
        if (!platform.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw Refusal.invalid("platform", "Invalid platform");
        }
        return platform;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private Instant now() {
        return clock.instant();
    }
}
