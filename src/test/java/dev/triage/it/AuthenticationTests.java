package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.triage.dev.DevKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the authentication and tenancy table (SENTRY-ISSUE-API.md §2) on the retrieve paths. */
abstract class AuthenticationTests {

    static final String ISSUE = "/api/0/issues/1/";
    static final String NOT_PROVIDED = """
            {"detail":"Authentication credentials were not provided."}""";
    static final String INVALID = """
            {"detail":"Invalid token"}""";
    static final String FORBIDDEN = """
            {"detail":"You do not have permission to perform this action."}""";
    static final String NOT_FOUND_DETAIL = "The requested resource does not exist";
    static final String NOT_FOUND = """
            {"detail":"%s"}""".formatted(NOT_FOUND_DETAIL);

    static void assertInvalidToken(Api.Answer answer) {
        assertEquals(401, answer.status(), answer::toString);
        assertEquals(INVALID, answer.text());
        assertEquals("application/json", answer.header("Content-Type").orElse("").split(";")[0]);
        RetrieveIssueTests.assertStandardHeaders(answer, RetrieveIssueTests.DETAILS_METHODS);
    }

    static void assertNotFound(Api.Answer answer) {
        assertEquals(404, answer.status(), answer::toString);
        assertEquals(NOT_FOUND, answer.text());
    }

    @Test
    void noAuthorizationHeaderIs401WithAChallenge() {
        Api.Answer answer = Api.get(ISSUE, null);

        assertEquals(401, answer.status());
        assertEquals(NOT_PROVIDED, answer.text());
        assertEquals("Bearer", answer.header("WWW-Authenticate").orElse(null));
        RetrieveIssueTests.assertStandardHeaders(answer, RetrieveIssueTests.DETAILS_METHODS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic amFuZTpzZWNyZXQ=", "Bearer", "Bearer not-a-jwt", "Bearer a.b.c", "Token abc",
            "bearer"})
    void malformedAuthorizationIsAnInvalidToken(String authorization) {
        assertInvalidToken(Api.send(Api.request(ISSUE).header("Authorization", authorization).GET().build()));
    }

    @Test
    void unsignedTokenIsRejected() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("""
                {"alg":"none","typ":"JWT"}""".getBytes(StandardCharsets.UTF_8));
        String claims = TestEnvironment.keys().claims("jane", Duration.ofMinutes(5))
                .claim("groups", Tokens.ALL).build().toString();
        String token = header + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";

        assertInvalidToken(Api.get(ISSUE, token));
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() {
        DevKeys stranger = DevKeys.generate(TestEnvironment.keys().issuer()).withAudience(IdentityProvider.AUDIENCE);
        assertInvalidToken(Api.get(ISSUE, stranger.token("jane", Tokens.ALL, Duration.ofMinutes(5))));
    }

    @Test
    void expiredTokenIsRejected() {
        assertInvalidToken(Api.get(ISSUE, TestEnvironment.keys().token("jane", Tokens.ALL, Duration.ofMinutes(-10))));
    }

    @Test
    void tokenOfAnotherIssuerIsRejected() {
        var keys = TestEnvironment.keys();
        String token = keys.sign(keys.claims("jane", Duration.ofMinutes(5))
                .issuer("https://someone-else.invalid").claim("groups", Tokens.ALL).build());
        assertInvalidToken(Api.get(ISSUE, token));
    }

    @Test
    void tokenWithoutTheScopeIs403WithAChallenge() {
        Api.Answer answer = Api.get(ISSUE, Tokens.of("jane", "project:read", "org:read"));

        assertEquals(403, answer.status(), answer::toString);
        assertEquals(FORBIDDEN, answer.text());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"event:read\"",
                answer.header("WWW-Authenticate").orElse(null));
        RetrieveIssueTests.assertStandardHeaders(answer, RetrieveIssueTests.DETAILS_METHODS);
    }

    @Test
    void scopesMayComeFromAnOAuthScopeClaim() {
        String token = TestEnvironment.keys().oauthToken("jane", "openid event:read", Duration.ofMinutes(5));
        assertEquals(200, Api.get(ISSUE, token).status());
    }

    @Test
    void aHigherScopeImpliesReading() {
        assertEquals(200, Api.get(ISSUE, Tokens.of("john", "event:admin")).status());
        assertEquals(200, Api.get(ISSUE, Tokens.of("john", "event:write")).status());
    }

    @Test
    void issueOfAnotherOrganizationIsInvisible() {
        assertNotFound(Api.get(ISSUE, Tokens.leia()));
        assertNotFound(Api.get("/api/0/organizations/the-interstellar-jurisdiction/issues/1/", Tokens.leia()));
        assertNotFound(Api.get("/api/0/issues/6/", Tokens.jane()));
        assertEquals(200, Api.get("/api/0/issues/6/", Tokens.leia()).status());
    }

    @Test
    void invisibleAndMissingIssuesAnswerAlike() {
        Api.Answer otherTenant = Api.get("/api/0/issues/6/", Tokens.jane());
        Api.Answer missing = Api.get("/api/0/issues/999999/", Tokens.jane());

        assertEquals(missing.status(), otherTenant.status());
        assertEquals(missing.text(), otherTenant.text());
        assertFalse(otherTenant.text().contains("rebel"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/0/issues/999999/", "/api/0/issues/abc/", "/api/0/issues/-1/", "/api/0/issues/0/",
            "/api/0/issues/99999999999999999999999/", "/api/0/issues/PUMP-STATION-1/",
            "/api/0/groups/PUMP-STATION-1/",
            "/api/0/organizations/no-such-org/issues/1/",
            "/api/0/organizations/the-rebel-alliance/issues/1/",
            "/api/0/organizations/2/issues/1/",
            "/api/0/organizations/the-interstellar-jurisdiction/issues/6/",
            "/api/0/organizations/the-interstellar-jurisdiction/issues/ECHO-BASE-1/",
            "/api/0/organizations/the-interstellar-jurisdiction/issues/PUMP-STATION-999/",
            "/api/0/organizations/the-interstellar-jurisdiction/issues/PUMP-STATION-/",
            "/api/0/issues/", "/api/0/nothing-here/"})
    void unknownOrForeignAddressesAre404(String path) {
        assertNotFound(Api.get(path, Tokens.jane()));
    }

    @Test
    void deletedIssuesAre404AndMergedOnesResolveToTheirParent() {
        long deleted = Fixtures.issue(2).titled("deleted").pendingDeletion().create();
        long parent = Fixtures.newIssue(2, "parent");
        long merged = Fixtures.issue(2).titled("merged").mergedInto(parent).create();

        assertNotFound(Api.get("/api/0/issues/" + deleted + "/", Tokens.jane()));
        assertEquals(String.valueOf(parent), Api.get("/api/0/issues/" + merged + "/", Tokens.jane()).object().getString("id"));
        assertNotFound(Api.get("/api/0/issues/" + merged + "/", Tokens.leia()));
    }

    @Test
    void aValidTokenOfAnUnknownPersonSeesNothing() {
        assertNotFound(Api.get(ISSUE, Tokens.of("nobody", "event:read")));
    }
}
