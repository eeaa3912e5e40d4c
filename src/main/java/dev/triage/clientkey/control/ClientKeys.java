package dev.triage.clientkey.control;

import dev.triage.clientkey.entity.ClientKey;
import dev.triage.clientkey.entity.ClientKeyNotFound;
import dev.triage.identity.control.Caller;
import dev.triage.issue.control.IssueLookup;
import dev.triage.organization.control.ProjectCreated;
import dev.triage.organization.entity.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A project's client keys: listing, creating, renaming, (de)activating and removing them, and the
 * first key every new project gets. Every change is visible to ingestion as soon as it is
 * committed (the {@link KeyRegistry} and {@link KeyQuotas} forget what they cached).
 */
@ApplicationScoped
public class ClientKeys {

    /** Sentry's name for a project's first key. */
    public static final String DEFAULT_LABEL = "Default";
    static final int MAX_LABEL = 64;

    /** The project the path names, if the caller may work on it (the issue API's access rule). */
    private static final String PROJECT_VISIBLE_TO_CALLER = """
            select p from Project p join fetch p.organization o, User me
            where me.subject = :subject
              and (o.slug = :org or cast(o.id as String) = :org)
              and (p.slug = :project or cast(p.id as String) = :project)""" + " and " + IssueLookup.CALLER_MAY_ACCESS;


    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    Event<KeyChanged> keyChanges;

    @Inject
    Clock clock;

    /** The project and its keys, oldest first. */
    public record ProjectKeys(Project project, List<ClientKey> keys) {}

    public record ProjectKey(Project project, ClientKey key) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProjectKeys list(Caller caller, String organization, String project) {
        Project p = project(caller, organization, project, KeyAccess.READ);
        return new ProjectKeys(p, em.createQuery(
                        "select k from ClientKey k where k.projectId = :project order by k.id", ClientKey.class)
                .setParameter("project", p.id()).getResultList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProjectKey retrieve(Caller caller, String organization, String project, String keyId) {
        Project p = project(caller, organization, project, KeyAccess.READ);
        return new ProjectKey(p, key(p, keyId));
    }

    /** A new active key; {@code name} null or blank gets Sentry's generated-name behaviour ("Default" style label). */
    @Transactional
    public ProjectKey create(Caller caller, String organization, String project, String name) {
        Project p = project(caller, organization, project, KeyAccess.WRITE);
        ClientKey key = new ClientKey(p.id(), label(name), Instant.now(clock));
        em.persist(key);
        em.flush();
        return new ProjectKey(p, key);
    }

    /** Changes the submitted attributes only: {@code name}, {@code isActive}, {@code rateLimit}. */
    @Transactional
    public ProjectKey update(Caller caller, String organization, String project, String keyId, KeyChange change) {
        Project p = project(caller, organization, project, KeyAccess.WRITE);
        ClientKey key = key(p, keyId);
        if (change.name() != null) {
            key.rename(label(change.name()));
        }
        if (change.active() != null) {
            key.activate(change.active());
        }
        if (change.rateLimitGiven()) {
            key.limitRate(change.rateLimitWindow(), change.rateLimitCount());
        }
        em.flush();
        keyChanges.fire(new KeyChanged(key.id(), key.publicKey(), change.rateLimitGiven()));
        return new ProjectKey(p, key);
    }

    @Transactional
    public void delete(Caller caller, String organization, String project, String keyId) {
        Project p = project(caller, organization, project, KeyAccess.WRITE);
        ClientKey key = key(p, keyId);
        em.remove(key);
        em.flush();
        keyChanges.fire(new KeyChanged(key.id(), key.publicKey(), true));
    }

    /**
     * The first key of a new project, created in the caller's transaction: project creation calls
     * this so that every project can receive events from the start.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ClientKey createFirstKey(Long projectId) {
        ClientKey key = new ClientKey(projectId, DEFAULT_LABEL, Instant.now(clock));
        em.persist(key);
        return key;
    }

    /** Project creation announces the new project; its first key is made in the same transaction. */
    void onProjectCreated(@Observes ProjectCreated created) {
        createFirstKey(created.projectId());
    }

    private Project project(Caller caller, String organization, String project, KeyAccess access) {
        if (!access.grantedTo(caller)) {
            throw new KeyForbidden(access.scope());
        }
        return em.createQuery(PROJECT_VISIBLE_TO_CALLER, Project.class)
                .setParameter("subject", caller.subject())
                .setParameter("org", organization)
                .setParameter("project", project)
                .getResultStream().findFirst().orElseThrow(ClientKeyNotFound::new);
    }

    /** Sentry's key id on the API is the public key. */
    private ClientKey key(Project project, String keyId) {
        return em.createQuery("select k from ClientKey k where k.projectId = :project and k.publicKey = :key",
                        ClientKey.class)
                .setParameter("project", project.id())
                .setParameter("key", keyId)
                .getResultStream().findFirst().orElseThrow(ClientKeyNotFound::new);
    }

    private static String label(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT_LABEL;
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_LABEL) {
            throw new InvalidClientKey("name", "Ensure this field has no more than " + MAX_LABEL + " characters.");
        }
        return trimmed;
    }
}
