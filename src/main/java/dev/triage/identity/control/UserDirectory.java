package dev.triage.identity.control;

import dev.triage.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Users from the identity provider's tokens (just in time): a verified token whose subject is no
 * user yet creates one from its claims, later tokens bring its e-mail and name up to date. Nothing
 * here grants membership of an organization; observers of {@link SignedIn} may (an explicitly
 * configured claim).
 */
@ApplicationScoped
public class UserDirectory {

    /** What a token says about its user; any of it may be missing. */
    public record Profile(String username, String email, String name) {

        /** {@code preferred_username}, else {@code upn}, else the e-mail, else the subject. */
        public static Profile of(String subject, Function<String, Object> claims) {
            String username = first(claims.apply("preferred_username"), claims.apply("upn"), claims.apply("email"));
            return new Profile(username == null ? subject : username, first(claims.apply("email")),
                    first(claims.apply("name")));
        }

        private static String first(Object... values) {
            for (Object value : values) {
                String text = value instanceof jakarta.json.JsonString s ? s.getString()
                        : value instanceof String s ? s : null;
                if (text != null && !text.isBlank()) {
                    return text.trim();
                }
            }
            return null;
        }
    }

    private static final int MAX_USERNAME_ATTEMPTS = 10;

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    Event<SignedIn> signedIn;

    @Inject
    @ConfigProperty(name = "users.from.tokens", defaultValue = "true")
    boolean fromTokens;

    Clock clock = Clock.systemUTC();

    /**
     * The user of a verified token: created when unknown (if {@code USERS_FROM_TOKENS} allows),
     * e-mail and name updated when the token says otherwise. Concurrent first requests of one
     * subject create one user.
     */
    @Transactional
    public Optional<User> signIn(Caller caller, Function<String, Object> claims) {
        Profile profile = Profile.of(caller.subject(), claims);
        Optional<User> user = bySubject(caller.subject());
        if (user.isEmpty() && fromTokens) {
            create(caller.subject(), profile);
            user = bySubject(caller.subject());
        } else if (user.isPresent() && changes(user.get(), profile)) {
            // without the version: two requests that bring the same claims must not conflict. A user
            // created before their first token (the bootstrap owner) has their subject as username
            // and takes the token's, unless someone else has it.
            em.createNativeQuery("""
                            update app_user set email = coalesce(:email, email), name = coalesce(:name, name),
                                username = case when username = jwt_subject and not exists
                                    (select 1 from app_user other where other.username = :username)
                                    then :username else username end
                            where id = :id""")
                    .setParameter("email", profile.email()).setParameter("name", profile.name())
                    .setParameter("username", profile.username())
                    .setParameter("id", user.get().id()).executeUpdate();
            em.refresh(user.get());
        }
        user.ifPresent(u -> signedIn.fire(new SignedIn(u, claims)));
        return user;
    }

    private void create(String subject, Profile profile) {
        for (int attempt = 0; attempt < MAX_USERNAME_ATTEMPTS; attempt++) {
            // jane, jane-2, ... jane-5, then a random suffix: a popular name never stops a sign-in
            String username = attempt == 0 ? profile.username()
                    : attempt < 5 ? profile.username() + "-" + (attempt + 1)
                    : profile.username() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
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
            if (created == 1 || bySubject(subject).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("no free username for subject " + subject);
    }

    private static boolean changes(User user, Profile profile) {
        return (profile.email() != null && !profile.email().equals(user.email()))
                || (profile.name() != null && !profile.name().equals(user.name()))
                || (user.username().equals(user.subject()) && !profile.username().equals(user.subject()));
    }

    private Optional<User> bySubject(String subject) {
        List<User> users = em.createQuery("select u from User u where u.subject = :subject", User.class)
                .setParameter("subject", subject).getResultList();
        return users.stream().findFirst();
    }
}
