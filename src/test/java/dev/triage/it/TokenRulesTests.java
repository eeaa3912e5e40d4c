package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token rules where Payara's own MicroProfile JWT was measured to be wrong (issue #9): the
 * service runs with {@code mp.jwt.verify.clock.skew=30}.
 */
abstract class TokenRulesTests {

    static final String ISSUE = "/api/0/issues/1/";

    static String signed(com.nimbusds.jwt.JWTClaimsSet.Builder claims) {
        return TestEnvironment.keys().sign(claims.claim("groups", Tokens.ALL).build());
    }

    static com.nimbusds.jwt.JWTClaimsSet.Builder jane() {
        return TestEnvironment.keys().claims("jane", Duration.ofMinutes(5));
    }

    @Test
    void aTokenNotValidForTenYearsIsRefused() {
        String token = signed(jane().notBeforeTime(Date.from(Instant.now().plus(Duration.ofDays(3653)))));
        AuthenticationTests.assertInvalidToken(Api.get(ISSUE, token));
    }

    @Test
    void aTokenWhoseNotBeforeIsNoNumberIsRefused() {
        AuthenticationTests.assertInvalidToken(Api.get(ISSUE, signed(jane().claim("nbf", "x"))));
    }

    @Test
    void aTokenThatExpiredWithinTheClockSkewIsAccepted() {
        String token = signed(jane().expirationTime(Date.from(Instant.now().minusSeconds(29))));
        assertEquals(200, Api.get(ISSUE, token).status());
    }

    @Test
    void aTokenValidWithinTheClockSkewIsAccepted() {
        String token = signed(jane().notBeforeTime(Date.from(Instant.now().plusSeconds(29))));
        assertEquals(200, Api.get(ISSUE, token).status());
    }

    @Test
    void aTokenThatExpiredBeyondTheClockSkewIsRefused() {
        String token = signed(jane().expirationTime(Date.from(Instant.now().minusSeconds(45))));
        AuthenticationTests.assertInvalidToken(Api.get(ISSUE, token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "BEARER", "Bearer", "bEaReR"})
    void theBearerSchemeIsCaseInsensitive(String scheme) {
        Api.Answer answer = Api.send(Api.request(ISSUE).header("Authorization", scheme + " " + Tokens.jane()).GET().build());
        assertEquals(200, answer.status(), answer::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja\u0000ne", "\u0000", "jane\n", "jane\u007f"})
    void aSubjectWithControlCharactersIsRefused(String subject) {
        String token = signed(TestEnvironment.keys().claims(subject, Duration.ofMinutes(5)));
        AuthenticationTests.assertInvalidToken(Api.get(ISSUE, token));
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        String token = signed(jane().subject(null));
        AuthenticationTests.assertInvalidToken(Api.get(ISSUE, token));
    }
}
