package dev.triage.release.control;

import dev.triage.identity.control.Caller;
import dev.triage.issue.control.IssueLookup;
import dev.triage.organization.control.AccessControl;
import dev.triage.organization.entity.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * An organization's releases as sentry-cli manages them ({@code releases new}, {@code set-commits},
 * {@code info}): creating a release for projects, recording which commits it contains, and the
 * organization's repositories. Which release contains a commit is what "resolved in commit"
 * needs (SENTRY-INGEST.md §7). A release is the caller's to see when one of its projects is.
 */
@ApplicationScoped
public class Releases {

    /** Sentry's limit ({@code Release.version}). */
    static final int MAX_VERSION = 200;

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    AccessControl access;

    public record ReleaseProject(long id, String slug, String name, String platform) {}

    public record LastCommit(String id, String message, Instant dateCreated, String repository) {}

    /** A release with what its answer shows. */
    public record ReleaseDetails(long id, String version, String url, String ref, Instant dateCreated,
                                 Instant dateReleased, long commitCount, LastCommit lastCommit,
                                 List<ReleaseProject> projects) {}

    /** A release POST's outcome: Sentry answers 201 for a new release, 208 for one that existed. */
    public record Saved(ReleaseDetails release, boolean created) {}

    public record RepositoryRow(long id, String name, Instant dateCreated) {}

    /**
     * Creates the release (or finds it: the same version again is no error) for the given projects,
     * then applies the other keys as {@link #update} does.
     *
     * @throws InvalidRelease for an invalid version or project, or an unknown repository in {@code refs}
     */
    @Transactional
    public Saved create(Caller caller, String organization, ReleaseChange change) {
        ReleaseAccess.WRITE.check(caller);
        Organization org = access.access(caller, organization).organization();
        String version = validVersion(change.version());
        if (change.projects() == null || change.projects().isEmpty()) {
            throw new InvalidRelease("projects", "This field is required.");
        }
        Map<Long, Object> projects = new LinkedHashMap<>();
        for (String slugOrId : change.projects()) {
            Long project = accessibleProject(caller, org.id(), slugOrId);
            if (project == null) {
                throw new InvalidRelease("projects", "Invalid project ids or slugs");
            }
            projects.put(project, slugOrId);
        }
        int inserted = execute("""
                insert into release (organization_id, version, url, ref, date_released)
                values (?, ?, ?, ?, ?) on conflict (organization_id, version) do nothing""",
                org.id(), version, change.url(), change.ref(), change.dateReleased());
        long releaseId = releaseId(org.id(), version).orElseThrow();
        for (Long project : projects.keySet()) {
            execute("insert into release_project (release_id, project_id) values (?, ?) on conflict do nothing",
                    releaseId, project);
        }
        apply(org.id(), releaseId, inserted == 1 ? new ReleaseChange(null, null, null, null, null, change.refs(),
                change.commits()) : change);
        return new Saved(details(caller, org.id(), releaseId), inserted == 1);
    }

    /**
     * Changes a release: {@code url}, {@code ref}, {@code dateReleased}, more {@code projects},
     * its head commits ({@code refs}: each names a repository of the organization) or its whole
     * commit list ({@code commits}: repositories are created as they are named, as Sentry does).
     *
     * @throws ReleaseNotFound when the organization has no such release the caller may see
     */
    @Transactional
    public ReleaseDetails update(Caller caller, String organization, String version, ReleaseChange change) {
        ReleaseAccess.WRITE.check(caller);
        Organization org = access.access(caller, organization).organization();
        long releaseId = visibleRelease(caller, org.id(), version);
        if (change.projects() != null) {
            for (String slugOrId : change.projects()) {
                Long project = accessibleProject(caller, org.id(), slugOrId);
                if (project == null) {
                    throw new InvalidRelease("projects", "Invalid project ids or slugs");
                }
                execute("insert into release_project (release_id, project_id) values (?, ?) on conflict do nothing",
                        releaseId, project);
            }
        }
        apply(org.id(), releaseId, change);
        return details(caller, org.id(), releaseId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReleaseDetails retrieve(Caller caller, String organization, String version) {
        ReleaseAccess.READ.check(caller);
        Organization org = access.access(caller, organization).organization();
        return details(caller, org.id(), visibleRelease(caller, org.id(), version));
    }

    /**
     * The newest release older than this one (by creation) that has commits, among the releases of
     * the same projects: sentry-cli's {@code set-commits --local} starts its commit range there.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ReleaseDetails> previousWithCommits(Caller caller, String organization, String version) {
        ReleaseAccess.READ.check(caller);
        Organization org = access.access(caller, organization).organization();
        long releaseId = visibleRelease(caller, org.id(), version);
        List<Object[]> previous = rows("""
                        select p.id from release p, release r
                        where r.id = ? and p.organization_id = r.organization_id and p.last_commit_id is not null
                          and (p.date_created, p.id) < (r.date_created, r.id)
                          and exists (select 1 from release_project a join release_project b on a.project_id = b.project_id
                                      where a.release_id = p.id and b.release_id = r.id)
                        order by p.date_created desc, p.id desc limit 1""", releaseId);
        return previous.isEmpty() ? Optional.empty()
                : Optional.of(details(caller, org.id(), (Long) previous.get(0)[0]));
    }

    /** The organization's repositories, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RepositoryRow> repositories(Caller caller, String organization) {
        ReleaseAccess.REPOSITORIES.check(caller);
        Organization org = access.access(caller, organization).organization();
        return rows("select id, name, date_created from repository where organization_id = ? order by id", org.id())
                .stream().map(r -> new RepositoryRow((Long) r[0], (String) r[1], (Instant) r[2])).toList();
    }

    private void apply(long organizationId, long releaseId, ReleaseChange change) {
        if (change.url() != null || change.ref() != null || change.dateReleased() != null) {
            execute("""
                    update release set url = coalesce(?, url), ref = coalesce(?, ref),
                                       date_released = coalesce(?, date_released) where id = ?""",
                    change.url(), change.ref(), change.dateReleased(), releaseId);
        }
        if (change.commits() != null) {
            setCommits(organizationId, releaseId, change.commits());
        } else if (change.refs() != null && !change.refs().isEmpty()) {
            setRefs(organizationId, releaseId, change.refs());
        }
    }

    /**
     * Sentry's {@code set_refs}: each repository must exist; its head commit is recorded (a commit
     * row is made when new) and counts as contained in the release. Sentry would then fetch the
     * commits between the previous head and this one from the repository's provider; this service
     * has no provider integration, so only the head commit is known to be in the release.
     */
    private void setRefs(long organizationId, long releaseId, List<ReleaseChange.Ref> refs) {
        Map<String, Long> repositories = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (ReleaseChange.Ref ref : refs) {
            Long repository = repositoryId(organizationId, ref.repository());
            if (repository == null) {
                unknown.add(ref.repository());
            } else {
                repositories.put(ref.repository(), repository);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRelease("refs", "Invalid repository names: " + String.join(",", unknown));
        }
        int order = nextOrder(releaseId);
        Long head = null;
        for (ReleaseChange.Ref ref : refs) {
            long commit = commitId(repositories.get(ref.repository()), ref.commit(), null);
            head = head == null ? commit : head;
            execute("insert into release_commit (release_id, commit_id, commit_order) values (?, ?, ?) on conflict do nothing",
                    releaseId, commit, order++);
        }
        execute("update release set last_commit_id = coalesce(last_commit_id, ?) where id = ?", head, releaseId);
    }

    /**
     * Sentry's {@code set_commits}: the list replaces the release's commits, newest first (by their
     * timestamps when given); repositories named for the first time are created.
     */
    private void setCommits(long organizationId, long releaseId, List<ReleaseChange.CommitData> commits) {
        List<ReleaseChange.CommitData> newestFirst = new ArrayList<>(commits);
        newestFirst.sort(Comparator.comparing(ReleaseChange.CommitData::timestamp,
                Comparator.nullsLast(Comparator.reverseOrder())));
        execute("delete from release_commit where release_id = ?", releaseId);
        Long newest = null;
        int order = 0;
        for (ReleaseChange.CommitData data : newestFirst) {
            String name = data.repository() == null ? "organization-" + organizationId : data.repository();
            execute("insert into repository (organization_id, name) values (?, ?) on conflict (organization_id, name) do nothing",
                    organizationId, name);
            long commit = commitId(repositoryId(organizationId, name), data.id(), data.message());
            newest = newest == null ? commit : newest;
            execute("insert into release_commit (release_id, commit_id, commit_order) values (?, ?, ?) on conflict do nothing",
                    releaseId, commit, order++);
        }
        execute("update release set last_commit_id = ? where id = ?", newest, releaseId);
    }

    private int nextOrder(long releaseId) {
        return (Integer) rows("select coalesce(max(commit_order) + 1, 0) from release_commit where release_id = ?",
                releaseId).get(0)[0];
    }

    private Long repositoryId(long organizationId, String name) {
        List<Object[]> found = rows("select id from repository where organization_id = ? and name = ?",
                organizationId, name);
        return found.isEmpty() ? null : (Long) found.get(0)[0];
    }

    /** The commit's row, made when new; a message given later fills in one not known yet. */
    private long commitId(long repositoryId, String key, String message) {
        return (Long) rows("""
                insert into repository_commit (repository_id, commit_key, message) values (?, ?, ?)
                on conflict (repository_id, commit_key)
                do update set message = coalesce(repository_commit.message, excluded.message)
                returning id""", repositoryId, key, message).get(0)[0];
    }

    private Optional<Long> releaseId(long organizationId, String version) {
        List<Object[]> found = rows("select id from release where organization_id = ? and version = ?",
                organizationId, version);
        return found.isEmpty() ? Optional.empty() : Optional.of((Long) found.get(0)[0]);
    }

    /** The release of that version, when one of its projects is the caller's to see. */
    private long visibleRelease(Caller caller, long organizationId, String version) {
        long releaseId = releaseId(organizationId, version).orElseThrow(ReleaseNotFound::new);
        if (projects(caller, organizationId, releaseId).isEmpty()) {
            throw new ReleaseNotFound();
        }
        return releaseId;
    }

    private Long accessibleProject(Caller caller, long organizationId, String slugOrId) {
        return em.createQuery("""
                        select p.id from Project p join p.organization o, User me
                        where me.subject = :subject and o.id = :org
                          and (p.slug = :project or cast(p.id as String) = :project)"""
                        + " and " + IssueLookup.CALLER_MAY_ACCESS, Long.class)
                .setParameter("subject", caller.subject())
                .setParameter("org", organizationId)
                .setParameter("project", slugOrId)
                .getResultStream().findFirst().orElse(null);
    }

    /** The release's projects the caller may see. */
    private List<ReleaseProject> projects(Caller caller, long organizationId, long releaseId) {
        List<Long> linked = rows("select project_id from release_project where release_id = ?", releaseId).stream()
                .map(r -> (Long) r[0]).toList();
        if (linked.isEmpty()) {
            return List.of();
        }
        return em.createQuery("""
                        select p.id, p.slug, p.name, p.platform from Project p join p.organization o, User me
                        where me.subject = :subject and o.id = :org and p.id in :linked"""
                        + " and " + IssueLookup.CALLER_MAY_ACCESS + " order by p.id", Object[].class)
                .setParameter("subject", caller.subject())
                .setParameter("org", organizationId)
                .setParameter("linked", linked)
                .getResultList().stream()
                .map(r -> new ReleaseProject((Long) r[0], (String) r[1], (String) r[2], (String) r[3]))
                .toList();
    }

    private ReleaseDetails details(Caller caller, long organizationId, long releaseId) {
        Object[] r = rows("""
                select r.id, r.version, r.url, r.ref, r.date_created, r.date_released,
                       (select count(*) from release_commit rc where rc.release_id = r.id),
                       c.commit_key, c.message, c.date_added, repo.name
                from release r left join repository_commit c on c.id = r.last_commit_id
                left join repository repo on repo.id = c.repository_id
                where r.id = ?""", releaseId).get(0);
        LastCommit last = r[7] == null ? null : new LastCommit((String) r[7], (String) r[8], (Instant) r[9], (String) r[10]);
        return new ReleaseDetails((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (Instant) r[4],
                (Instant) r[5], (Long) r[6], last, projects(caller, organizationId, releaseId));
    }

    /** Sentry's {@code Release.is_valid_version}, with its length limit. */
    static String validVersion(String version) {
        if (version == null) {
            throw new InvalidRelease("version", "This field is required.");
        }
        String stripped = version.strip();
        if (version.length() > MAX_VERSION) {
            throw new InvalidRelease("version", "Ensure this field has no more than " + MAX_VERSION + " characters.");
        }
        if (stripped.isEmpty() || stripped.equals(".") || stripped.equals("..") || stripped.equalsIgnoreCase("latest")
                || version.chars().anyMatch(c -> c == '\r' || c == '\n' || c == '\f' || c == '\t' || c == 0x0b
                        || c == '/' || c == '\\' || c < 0x20)) {
            throw new InvalidRelease("version", "Release with name " + version + " is not allowed");
        }
        return version;
    }

    /** Runs a statement on the transaction's connection; Instants are bound as timestamps, nulls untyped. */
    private int execute(String sql, Object... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    /** The rows of a query (or of a statement with {@code returning}); timestamps as Instants. */
    private List<Object[]> rows(String sql, Object... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet r = statement.executeQuery()) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        Object[] row = new Object[columns];
                        for (int c = 0; c < columns; c++) {
                            Object value = r.getObject(c + 1);
                            row[c] = value instanceof Timestamp t ? t.toInstant() : value;
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
        });
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
