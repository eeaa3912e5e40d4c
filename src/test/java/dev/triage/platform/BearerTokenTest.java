package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void theSchemeIsCaseInsensitive() {
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
            assertEquals(Optional.of("a.b.c"), BearerToken.parse(scheme + " a.b.c"));
        }
        assertEquals(Optional.of("a.b.c"), BearerToken.parse("Bearer   a.b.c  "));
    }

    @Test
    void anythingElseIsNoBearerToken() {
        for (String header : new String[] {"Bearer", "Bearer ", "Basic amFuZQ==", "Token abc", "Bearer a b", "Bearera.b.c",
                "Bearer a.b.c\u0000"}) {
            assertEquals(Optional.empty(), BearerToken.parse(header), header);
        }
        assertEquals(Optional.empty(), BearerToken.parse(null));
    }

    @Test
    void subjectsWithControlCharactersAreRecognised() {
        assertEquals(true, TokenVerifier.hasControlCharacters("ja\u0000ne"));
        assertEquals(true, TokenVerifier.hasControlCharacters(""));
        assertEquals(false, TokenVerifier.hasControlCharacters("jane@example.com"));
        assertEquals(false, TokenVerifier.hasControlCharacters("0b6a5b0e-7a0c-4f7e-9d61-3c1f2a5e8d01"));
    }
}
