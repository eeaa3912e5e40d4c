package dev.triage.identity.control;

import dev.triage.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@ApplicationScoped
public class Users {

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    public User bySubject(String subject) {
        return em.createQuery("select u from User u where u.subject = :subject", User.class)
                .setParameter("subject", subject)
                .getResultStream().findFirst().orElse(null);
    }
}
