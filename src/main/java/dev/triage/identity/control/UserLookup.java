package dev.triage.identity.control;

import dev.triage.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Finds the user a verified token's subject names. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class UserLookup {

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    /** The user whose {@code jwt_subject} is the caller's subject, if there is one. */
    public Optional<User> of(Caller caller) {
        return em.createQuery("select u from User u where u.subject = :subject", User.class)
                .setParameter("subject", caller.subject())
                .getResultStream()
                .findFirst();
    }
}
