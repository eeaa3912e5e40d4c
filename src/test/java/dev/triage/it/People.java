package dev.triage.it;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.triage.dev.DemoService;
import dev.triage.dev.DevKeys;
import java.time.Duration;
import java.util.List;

/**
 * People who sign in through the identity provider with the claims a real one sends
 * ({@code preferred_username}, {@code email}, {@code name}); each new one has a subject no other
 * test uses, so just-in-time users and organizations created by tests never collide.
 */
record People(DevKeys keys) {

    static final List<String> OWNER = DemoService.OWNER_SCOPES;

    record Person(DevKeys keys, String subject, String username, String email, String name) {

        /** A token with the scopes an owner needs (all of them). */
        String token() {
            return token(OWNER.toArray(String[]::new));
        }

        String token(String... scopes) {
            return keys.sign(claims().claim("groups", List.of(scopes)).build());
        }

        /** A token that also carries {@code extra} claims (e.g. a membership claim). */
        String tokenWith(String claim, Object value, String... scopes) {
            return keys.sign(claims().claim("groups", List.of(scopes)).claim(claim, value).build());
        }

        JWTClaimsSet.Builder claims() {
            return keys.claims(subject, Duration.ofMinutes(30))
                    .claim("preferred_username", username).claim("email", email).claim("name", name);
        }

        /** Signs in once (any API call does): the user exists from then on. */
        Person signedIn() {
            Api.Answer answer = Api.get("/api/0/", token());
            if (answer.status() != 200) {
                throw new IllegalStateException(answer.toString());
            }
            return this;
        }

        long userId() {
            return Fixtures.single("select id from app_user where jwt_subject = ?", subject);
        }
    }

    static People suite() {
        return new People(TestEnvironment.keys());
    }

    /** Someone new: {@code name} plus a unique suffix as username and in the e-mail address. */
    Person fresh(String name) {
        String unique = name + "-" + Long.toString(System.nanoTime(), 36);
        return new Person(keys, "sub-" + unique, unique, unique + "@corp.example", name.substring(0, 1).toUpperCase()
                + name.substring(1) + " Tester");
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
