package dev.triage.ingest.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** §7: which events regress a resolved issue, and when an archived one escalates. */
class TriageRulesTest {

    static final ReleaseOrder.Release V1 = release("shop@1.0.0", "2026-01-01T00:00:00Z");
    static final ReleaseOrder.Release V1_1 = release("shop@1.1.0", "2026-02-01T00:00:00Z");
    static final ReleaseOrder.Release V1_10 = release("shop@1.10.0", "2025-12-01T00:00:00Z");
    static final ReleaseOrder.Release V2_RC = release("shop@2.0.0-rc.1", "2026-03-01T00:00:00Z");
    static final ReleaseOrder.Release V2 = release("shop@2.0.0", "2026-02-15T00:00:00Z");

    @Test
    void plainResolutionRegressesOnAnyEvent() {
        assertTrue(TriageRules.regresses(null, null, null));
        assertTrue(TriageRules.regresses(null, null, V1));
    }

    @Test
    void nextRelease() {
        assertFalse(TriageRules.regresses("in_next_release", V1_1, null), "no release: no regression");
        assertFalse(TriageRules.regresses("in_next_release", V1_1, V1_1), "the release it was resolved in");
        assertFalse(TriageRules.regresses("in_next_release", V1_1, V1), "an older one");
        assertTrue(TriageRules.regresses("in_next_release", V1_1, V1_10), "semver, although created earlier");
        assertTrue(TriageRules.regresses("in_next_release", V1_1, V2));
    }

    @Test
    void inRelease() {
        assertFalse(TriageRules.regresses("in_release", V2, V1_10));
        assertFalse(TriageRules.regresses("in_release", V2, V2_RC), "a pre-release comes before its release");
        assertTrue(TriageRules.regresses("in_release", V2, V2), "the release itself");
        assertTrue(TriageRules.regresses("in_release", V1_1, V2));
    }

    @Test
    void nonSemverReleasesCompareByDate() {
        ReleaseOrder.Release a = release("8f3c4a1b2d5e6f708192a3b4c5d6e7f8091a2b3c", "2026-01-01T00:00:00Z");
        ReleaseOrder.Release b = release("1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", "2026-01-02T00:00:00Z");
        assertTrue(TriageRules.regresses("in_next_release", a, b));
        assertFalse(TriageRules.regresses("in_next_release", b, a));
    }

    @Test
    void inCommitWithoutKnownReleaseNeverRegresses() {
        assertFalse(TriageRules.regresses("in_commit", null, V2));
    }

    @Test
    void inCommitIsTheNextReleaseAfterTheFirstReleaseContainingIt() {
        assertFalse(TriageRules.regresses("in_commit", V1_1, V1_1), "the first release containing the commit");
        assertFalse(TriageRules.regresses("in_commit", V1_1, V1), "an older one");
        assertFalse(TriageRules.regresses("in_commit", V1_1, null), "no release");
        assertTrue(TriageRules.regresses("in_commit", V1_1, V2), "a newer one");
    }

    @Test
    void escalation() {
        assertTrue(TriageRules.escalates(10, 10), "a first burst of ten");
        assertFalse(TriageRules.escalates(9, 9), "fewer than ten");
        assertFalse(TriageRules.escalates(100, 168 * 20), "usual rate 20 an hour: 100 is not ten times that");
        assertTrue(TriageRules.escalates(300, 168 * 20));
    }

    private static ReleaseOrder.Release release(String version, String created) {
        return new ReleaseOrder.Release(version, Instant.parse(created));
    }
}
