package dev.triage.organization.control;

import dev.triage.identity.entity.User;
import dev.triage.organization.entity.Organization;
import dev.triage.organization.entity.OrganizationMember;
import dev.triage.organization.entity.Role;
import dev.triage.organization.entity.Slugs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * The first organization and its owner, from configuration, on a database without organizations.
 * On any later start (there is an organization, even a renamed or removed one) it does nothing,
 * so it never creates a second owner by accident.
 */
@ApplicationScoped
public class Bootstrap {

    /** What a start did. */
    public enum Outcome { CREATED, SKIPPED_NOT_EMPTY }

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /**
     * @param slug the organization's slug (Sentry's organization slug rules)
     * @param ownerSubject the {@code sub} of the owner's tokens; the user is created if unknown, and
     *                     takes e-mail and name from their first token
     */
    @Transactional
    public Outcome apply(String slug, String ownerSubject) {
        String checked = Slugs.checkedOrganization(slug.trim());
        // one start at a time: a second instance waits here and then sees the organization
        em.createNativeQuery("lock table organization in share row exclusive mode").executeUpdate();
        if (em.createQuery("select count(o) from Organization o", Long.class).getSingleResult() > 0) {
            return Outcome.SKIPPED_NOT_EMPTY;
        }
        Organization organization = new Organization(checked, checked, clock.instant());
        em.persist(organization);
        List<User> users = em.createQuery("select u from User u where u.subject = :subject", User.class)
                .setParameter("subject", ownerSubject).getResultList();
        User owner = users.isEmpty() ? new User(ownerSubject, ownerSubject, "", "", clock.instant()) : users.get(0);
        if (users.isEmpty()) {
            em.persist(owner);
        }
        em.flush();
        em.persist(new OrganizationMember(organization.id(), owner.id(), Role.OWNER, clock.instant()));
        return Outcome.CREATED;
    }
}
