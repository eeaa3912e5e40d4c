package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an attacker sends (issue #9): every answer a clear 4xx in Sentry's format, nothing changed, no 500. */
abstract class HardeningTests {

    static void assertJsonError(int status, String detail, Api.Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type").orElse("").split(";")[0], answer::toString);
        assertEquals(detail, answer.object().getString("detail"), answer::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/errors/status", "/errors/status/", "/errors/status?x=1"})
    void theErrorPageCalledDirectlyIsNotFound(String path) {
        assertJsonError(404, AuthenticationTests.NOT_FOUND_DETAIL, Api.get(path, null));
        assertJsonError(404, AuthenticationTests.NOT_FOUND_DETAIL, Api.get(path, Tokens.jane()));
    }
}
