package dev.triage.it;

import static dev.triage.it.Waiting.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens of a real OpenID Connect provider (Keycloak, see {@link IdentityProvider}): the service
 * trusts the realm's discovery document and verifies RS256 and ES256 tokens by their {@code kid},
 * follows the provider's key rotation without a restart, checks the audience, and survives the
 * provider being unreachable. The service caches the key set for
 * {@link TestEnvironment#KEY_CACHE_SECONDS} seconds in this suite.
 */
abstract class IdentityProviderTests {

    static final String ISSUE = "/api/0/issues/1/";
    static final String CLIENT = "issue-triage-cli";

    @BeforeAll
    static void realmUsersAreUsersOfOrganizationOne() {
        for (var user : Map.of("alice", IdentityProvider.ALICE_ID, "bob", IdentityProvider.BOB_ID).entrySet()) {
            Fixtures.execute("""
                    insert into app_user (username, email, name, jwt_subject) values (?, ?, ?, ?)
                    on conflict do nothing""",
                    "keycloak-" + user.getKey(), user.getKey() + "@example.com", user.getKey(), user.getValue());
            Fixtures.execute("""
                    insert into organization_member (organization_id, user_id)
                    select 1, id from app_user where jwt_subject = ? on conflict do nothing""", user.getValue());
        }
    }

    static IdentityProvider idp() {
        return TestEnvironment.provider();
    }

    static JsonObject header(String token) {
        String json = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** Polls {@code path} with {@code token} until the status satisfies {@code wanted}; answers the milliseconds it took. */
    static long millisUntil(String token, IntPredicate wanted, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int status;
        do {
            status = Api.get(ISSUE, token).status();
            if (wanted.test(status)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still " + status + " after " + timeout);
    }


    @Test
    void anRs256TokenOfTheProviderIsAccepted() {
        String token = idp().token(CLIENT, "alice", "alice-password");

        assertEquals("RS256", header(token).getString("alg"));
        Api.Answer answer = Api.get(ISSUE, token);
        assertEquals(200, answer.status(), answer::toString);
    }

    @Test
    void anEs256TokenOfTheProviderIsAccepted() {
        String token = idp().token("issue-triage-cli-es256", "alice", "alice-password");

        assertEquals("ES256", header(token).getString("alg"));
        assertEquals(200, Api.get(ISSUE, token).status());
    }

    @Test
    void realmRolesInTheGroupsClaimAreTheScopes() {
        String bob = idp().token(CLIENT, "bob", "bob-password");

        assertEquals(200, Api.get(ISSUE, bob).status());
        assertEquals(403, Api.put(ISSUE, bob, "{\"hasSeen\": true}").status());
        assertEquals(200, Api.put(ISSUE, idp().token(CLIENT, "alice", "alice-password"), "{\"hasSeen\": true}").status());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = idp().token("other-service", "alice", "alice-password");

        AuthenticationTests.assertInvalidToken(Api.get(ISSUE, token));
    }

    @Test
    void aTokenWithoutTheConfiguredAudienceIsRefused() {
        var keys = TestEnvironment.keys();
        String token = keys.sign(keys.claims("jane", Duration.ofMinutes(5)).audience("someone-else")
                .claim("groups", Tokens.ALL).build());
        AuthenticationTests.assertInvalidToken(Api.get(ISSUE, token));
    }

    @Test
    void aKeyTheProviderAddsIsAcceptedAtOnceAndARemovedOneIsRefusedOnceTheCacheExpires() {
        String before = idp().token(CLIENT, "alice", "alice-password");
        assertEquals(200, Api.get(ISSUE, before).status());

        String component = idp().addKeyProvider("rotated-" + System.nanoTime(), "rsa-generated",
                Map.of("priority", "1000", "algorithm", "RS256", "keySize", "2048"));
        String rotated;
        try {
            rotated = idp().token(CLIENT, "alice", "alice-password");
            assertNotEquals(header(before).getString("kid"), header(rotated).getString("kid"));

            long accepted = millisUntil(rotated, s -> s == 200, Duration.ofSeconds(10));
            System.out.println("FIGURE rotation: a token signed by a key added to the provider was accepted after "
                    + accepted + " ms (no restart)");
            assertTrue(accepted < 3000, "accepted only after " + accepted + " ms");
        } finally {
            idp().removeKeyProvider(component);
        }
        long refused = millisUntil(rotated, s -> s == 401, Duration.ofSeconds(TestEnvironment.KEY_CACHE_SECONDS + 10));
        System.out.println("FIGURE rotation: a token signed by a removed key was refused " + refused
                + " ms after the removal (key cache " + TestEnvironment.KEY_CACHE_SECONDS + " s)");
        assertEquals(200, Api.get(ISSUE, before).status());
    }

    @Test
    void whileTheProviderIsUnreachableTokensAreRefusedAndAcceptedAgainWhenItIsBack() {
        String token = Tokens.jane();
        assertEquals(200, Api.get(ISSUE, token).status());

        idp().tunnel().cut();
        try {
            long refused = millisUntil(token, s -> s == 401, Duration.ofSeconds(TestEnvironment.KEY_CACHE_SECONDS + 10));
            System.out.println("FIGURE outage: tokens refused " + refused + " ms after the provider became unreachable");
            Api.Answer ready = Api.send(Api.request("/health/ready").GET().build());
            assertEquals(503, ready.status(), ready::toString);
            assertTrue(ready.text().contains("\"name\":\"jwt-keys\""), ready::toString);
        } finally {
            idp().tunnel().open();
        }
        long back = millisUntil(token, s -> s == 200, Duration.ofSeconds(10));
        System.out.println("FIGURE outage: tokens accepted again " + back + " ms after the provider was reachable again");
        assertEquals(200, Api.send(Api.request("/health/ready").GET().build()).status());
    }
}
