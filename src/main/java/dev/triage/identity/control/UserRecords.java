package dev.triage.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * The writes of {@link UserDirectory#signIn}, each a transaction of its own, so that the usual
 * request (a known user whose token brings nothing new) opens none.
 */
@ApplicationScoped
@Transactional
public class UserRecords {

    private static final int MAX_USERNAME_ATTEMPTS = 10;

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /**
     * E-mail and name from the token, without the version: two requests that bring the same claims
     * must not conflict. A user created before their first token (the bootstrap owner) has their
     * subject as username and takes the token's, unless someone else has it.
     */
    public void update(Long id, UserDirectory.Profile profile) {
        em.createNativeQuery("""
                        update app_user set email = coalesce(:email, email), name = coalesce(:name, name),
                            username = case when username = jwt_subject and not exists
                                (select 1 from app_user other where other.username = :username)
                                then :username else username end
                        where id = :id""")
                .setParameter("email", profile.email()).setParameter("name", profile.name())
                .setParameter("username", profile.username())
                .setParameter("id", id).executeUpdate();
    }

    /** A user for {@code subject}; concurrent first requests of one subject create one. */
    public void create(String subject, UserDirectory.Profile profile) {
        for (int attempt = 0; attempt < MAX_USERNAME_ATTEMPTS; attempt++) {
            // jane, jane-2, ... jane-5, then a random suffix: a popular name never stops a sign-in
            String username = attempt == 0 ? profile.username()
                    : attempt < 5 ? profile.username() + "-" + (attempt + 1)
                    : profile.username() + "-" + UUID.randomUUID().toString().substring(0, 8);
            // "do nothing" on either unique key: another request created this subject's user, or the
            // username belongs to someone else (then the next attempt takes a suffixed one)
            int created = em.createNativeQuery("""
                            insert into app_user (username, email, name, jwt_subject, date_joined)
                            values (:username, :email, :name, :subject, :now) on conflict do nothing""")
                    .setParameter("username", username)
                    .setParameter("email", profile.email() == null ? "" : profile.email())
                    .setParameter("name", profile.name() == null ? "" : profile.name())
                    .setParameter("subject", subject)
                    .setParameter("now", clock.instant())
                    .executeUpdate();
            if (created == 1 || exists(subject)) {
                return;
            }
        }
        throw new IllegalStateException("no free username for subject " + subject);
    }

    private boolean exists(String subject) {
        return em.createQuery("select count(u) from User u where u.subject = :subject", Long.class)
                .setParameter("subject", subject).getSingleResult() > 0;
    }
}
