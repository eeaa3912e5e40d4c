package dev.triage.identity.control;

import dev.triage.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    Event<SignedIn> signedIn;

    @Inject
    UserRecords records;

    @Inject
    @ConfigProperty(name = "users.from.tokens", defaultValue = "true")
    boolean fromTokens;

    /**
     * Users who signed in during the last few seconds, by subject: a client sends many requests in
     * a row with one token, and each would otherwise read the same row again (a statement on every
     * request). Short-lived, so that a change made elsewhere (another instance, the database) shows
     * within seconds; a token that says something new always goes to the database.
     */
    private final Map<String, Recent> recent = new ConcurrentHashMap<>();

    private record Recent(User user, long until) {}

    private static final long RECENT_NANOS = Duration.ofSeconds(10).toNanos();
    private static final int RECENT_MAX = 10_000;

    /**
     * The user of a verified token: created when unknown (if {@code USERS_FROM_TOKENS} allows),
     * e-mail and name updated when the token says otherwise. Concurrent first requests of one
     * subject create one user.
     */
    // no transaction of its own (a transactional interceptor per request cost about 1 % of a PUT's
    // CPU for nothing): the usual request reads nothing, the writes are UserRecords' transactions
    public Optional<User> signIn(Caller caller, Function<String, Object> claims) {
        Profile profile = Profile.of(caller.subject(), claims);
        Recent seen = recent.get(caller.subject());
        Optional<User> user;
        if (seen != null && seen.until() - System.nanoTime() > 0 && !changes(seen.user(), profile)) {
            user = Optional.of(seen.user());
        } else {
            user = bySubject(caller.subject());
            if (user.isEmpty() && fromTokens) {
                records.create(caller.subject(), profile);
                user = bySubject(caller.subject());
            } else if (user.isPresent() && changes(user.get(), profile)) {
                records.update(user.get().id(), profile);
                user = bySubject(caller.subject());
            }
            remember(caller.subject(), user);
        }
        // the usual request (a user seen seconds ago, nothing new) reads nothing and opens no transaction
        user.ifPresent(u -> signedIn.fire(new SignedIn(u, claims)));
        return user;
    }

    private void remember(String subject, Optional<User> user) {
        if (user.isEmpty()) {
            recent.remove(subject);
            return;
        }
        if (recent.size() >= RECENT_MAX) {
            recent.clear();
        }
        recent.put(subject, new Recent(user.get(), System.nanoTime() + RECENT_NANOS));
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
