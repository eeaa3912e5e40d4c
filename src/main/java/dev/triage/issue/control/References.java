package dev.triage.issue.control;

import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.organization.entity.Team;
import dev.triage.release.entity.Commit;
import dev.triage.release.entity.Release;
import dev.triage.release.entity.Repository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Looks up what an update refers to, always within the issue's organization or project. */
@ApplicationScoped
public class References {

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    Assignees assignees;

    /** The project's newest release: by release date, else by creation date. */
    public Optional<Release> latestRelease(Long projectId) {
        return first(em.createNativeQuery("""
                select r.* from release r join release_project rp on rp.release_id = r.id
                where rp.project_id = ?1
                order by coalesce(r.date_released, r.date_created) desc, r.id desc limit 1""", Release.class)
                .setParameter(1, projectId).getResultList());
    }

    public Optional<Release> release(Long projectId, String version) {
        return first(em.createNativeQuery("""
                select r.* from release r join release_project rp on rp.release_id = r.id
                where rp.project_id = ?1 and r.version = ?2""", Release.class)
                .setParameter(1, projectId).setParameter(2, version).getResultList());
    }

    public Optional<Repository> repository(Long organizationId, String name) {
        return first(em.createQuery("select r from Repository r where r.organizationId = :org and r.name = :name",
                        Repository.class)
                .setParameter("org", organizationId).setParameter("name", name).getResultList());
    }

    public Optional<Commit> commit(Repository repository, String key) {
        return first(em.createQuery("select c from Commit c join fetch c.repository where c.repository = :repo"
                        + " and c.key = :key", Commit.class)
                .setParameter("repo", repository).setParameter("key", key).getResultList());
    }

    public List<User> teamMembers(Team team) {
        return em.createQuery("select u from User u where u.id in (select tm.userId from TeamMember tm"
                + " where tm.teamId = :team) order by u.id", User.class).setParameter("team", team.id()).getResultList();
    }

    /**
     * Lookups remembered for one update, so that a bulk update of many issues of one project asks
     * the database once per distinct reference, not once per issue.
     */
    public Memo memo() {
        return new Memo();
    }

    public final class Memo {

        static final String NO_RELEASES =
                "No release data present in the system to form a basis for 'Next Release'";
        static final String UNKNOWN_RELEASE = "Unable to find a release with the given version.";

        private final Map<List<Object>, Object> known = new HashMap<>();

        private Memo() {}

        @SuppressWarnings("unchecked")
        private <T> T remember(List<Object> key, Supplier<T> lookup) {
            if (!known.containsKey(key)) {
                known.put(key, lookup.get());
            }
            return (T) known.get(key);
        }

        public Optional<Release> latestRelease(Long projectId) {
            return remember(List.of("latest", projectId), () -> References.this.latestRelease(projectId));
        }

        public Optional<Release> release(Long projectId, String version) {
            return remember(List.of("release", projectId, version), () -> References.this.release(projectId, version));
        }

        public Optional<Repository> repository(Long organizationId, String name) {
            return remember(List.of("repository", organizationId, name),
                    () -> References.this.repository(organizationId, name));
        }

        public Optional<Commit> commit(Repository repository, String key) {
            return remember(List.of("commit", repository.id(), key), () -> References.this.commit(repository, key));
        }

        public Assignees.Assignee assignee(IssueUpdate.ActorRef ref, Issue issue) {
            return remember(List.of("assignee", issue.project().id(), ref),
                    () -> assignees.find(ref, issue.project()));
        }

        public List<User> teamMembers(Team team) {
            return remember(List.of("teamMembers", team.id()), () -> References.this.teamMembers(team));
        }

        /**
         * Everything the update refers to, for one issue.
         *
         * @throws InvalidUpdate naming the first reference that does not exist (nothing is written)
         */
        UpdateReferences resolve(IssueUpdate update, Issue issue) {
            Long projectId = issue.project().id();
            Long organizationId = issue.project().organization().id();
            IssueUpdate.ResolveIn resolveIn = update.resolveIn();
            Release release = null;
            Release latest = null;
            Commit commit = null;
            if (resolveIn != null && resolveIn.release() != null) {
                release = "latest".equals(resolveIn.release())
                        ? latestRelease(projectId).orElseThrow(() -> InvalidUpdate.ofStatusDetails("inRelease", NO_RELEASES))
                        : release(projectId, resolveIn.release())
                                .orElseThrow(() -> InvalidUpdate.ofStatusDetails("inRelease", UNKNOWN_RELEASE));
            }
            if (resolveIn != null && resolveIn.nextRelease()) {
                latest = latestRelease(projectId)
                        .orElseThrow(() -> InvalidUpdate.ofStatusDetails("inNextRelease", NO_RELEASES));
            } else if (update.status() == UpdateStatus.RESOLVED_IN_NEXT_RELEASE) {
                // without releases, "resolvedInNextRelease" resolves plainly
                latest = latestRelease(projectId).orElse(null);
            }
            if (resolveIn != null && resolveIn.commit() != null) {
                Repository repository = repository(organizationId, resolveIn.commit().repository())
                        .orElseThrow(() -> InvalidUpdate.ofCommit("repository", "Unable to find the given repository."));
                commit = commit(repository, resolveIn.commit().commit())
                        .orElseThrow(() -> InvalidUpdate.ofCommit("commit", "Unable to find the given commit."));
            }
            Assignees.Assignee assignee = update.assignee() == null ? null : assignee(update.assignee(), issue);
            User assigneeUser = assignee == null ? null : assignee.user();
            Team assigneeTeam = assignee == null ? null : assignee.team();
            return new UpdateReferences(release, latest, commit, assigneeUser, assigneeTeam);
        }
    }

    private static <T> Optional<T> first(List<?> results) {
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) results;
        return typed.stream().findFirst();
    }
}
