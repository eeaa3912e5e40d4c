package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private static VerifiedToken token(String subject) {
        return new VerifiedToken("raw-" + subject, new JWTClaimsSet.Builder().subject(subject).build());
    }

    @Test
    void aVerifiedTokenIsKnownForHalfAMinuteAtMost() {
        RecentTokens recent = new RecentTokens();
        VerifiedToken jane = token("jane");
        recent.put("raw-jane", jane, NOW.plusSeconds(3600), NOW);
        assertSame(jane, recent.get("raw-jane", NOW.plusSeconds(29)));
        assertNull(recent.get("raw-jane", NOW.plusSeconds(RecentTokens.LIFETIME_SECONDS)));
        assertNull(recent.get("raw-john", NOW));
    }

    @Test
    void anEntryEndsWhenItsTokenExpires() {
        RecentTokens recent = new RecentTokens();
        recent.put("raw-jane", token("jane"), NOW.plusSeconds(5), NOW);
        assertEquals("raw-jane", recent.get("raw-jane", NOW.plusSeconds(4)).getRawToken());
        assertNull(recent.get("raw-jane", NOW.plusSeconds(5)));
        assertEquals(0, recent.size());
        recent.put("raw-old", token("old"), NOW, NOW);
        assertEquals(0, recent.size(), "an expired token is not kept at all");
    }

    @Test
    void theCacheStaysBounded() {
        RecentTokens recent = new RecentTokens();
        for (int i = 0; i < RecentTokens.MAX_ENTRIES * 3; i++) {
            recent.put("raw-" + i, token("u" + i), NOW.plusSeconds(3600), NOW);
            assertEquals(true, recent.size() <= RecentTokens.MAX_ENTRIES);
        }
        recent.put("raw-short", token("short"), NOW.plusSeconds(1), NOW);
        assertEquals("raw-short", recent.get("raw-short", NOW).getRawToken());
    }
}
