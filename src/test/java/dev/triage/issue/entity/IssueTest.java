package dev.triage.issue.entity;

import static dev.triage.issue.entity.IssueFixture.issue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssueTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void resolvingTwiceChangesOnce() {
        Issue issue = issue().unresolved(Substatus.ONGOING).firstSeen(NOW.minus(Duration.ofDays(30))).build();
        assertTrue(issue.resolve(Resolution.plain(NOW)));
        assertFalse(issue.resolve(Resolution.plain(NOW.plusSeconds(5))));
        assertEquals(IssueStatus.RESOLVED, issue.status());
        assertNull(issue.substatus());
        assertEquals(NOW, issue.resolution().at());
    }

    @Test
    void unresolvingInfersTheSubstatus() {
        Issue resolved = issue().resolved().firstSeen(NOW.minus(Duration.ofDays(30))).build();
        assertTrue(resolved.unresolve(null, NOW));
        assertEquals(Substatus.REGRESSED, resolved.substatus());
        assertNull(resolved.resolution());

        Issue youngIgnored = issue().ignored(Substatus.ARCHIVED_FOREVER).firstSeen(NOW.minus(Duration.ofDays(2))).build();
        youngIgnored.unresolve(null, NOW);
        assertEquals(Substatus.NEW, youngIgnored.substatus());

        Issue oldIgnored = issue().ignored(Substatus.ARCHIVED_FOREVER).firstSeen(NOW.minus(Duration.ofDays(8))).build();
        oldIgnored.unresolve(null, NOW);
        assertEquals(Substatus.ONGOING, oldIgnored.substatus());

        Issue explicit = issue().resolved().firstSeen(NOW).build();
        explicit.unresolve(Substatus.ESCALATING, NOW);
        assertEquals(Substatus.ESCALATING, explicit.substatus());
    }

    @Test
    void unresolvingAnUnresolvedIssueIsANoOp() {
        Issue issue = issue().unresolved(Substatus.ONGOING).firstSeen(NOW).build();
        assertFalse(issue.unresolve(null, NOW));
        assertFalse(issue.unresolve(Substatus.ONGOING, NOW));
        assertTrue(issue.unresolve(Substatus.ESCALATING, NOW));
    }

    @Test
    void ignoringStoresConditionsOnlyWhenThereAreAny() {
        Issue issue = issue().unresolved(Substatus.ONGOING).firstSeen(NOW).build();
        assertTrue(issue.ignore(Substatus.ARCHIVED_UNTIL_CONDITION_MET,
                Snooze.of(NOW.plusSeconds(60), 10, 60, null, null, null)));
        assertNotNull(issue.snooze());
        assertEquals(10, issue.snooze().count());
        assertFalse(issue.ignore(Substatus.ARCHIVED_UNTIL_CONDITION_MET,
                Snooze.of(NOW.plusSeconds(60), 10, 60, null, null, null)));

        assertTrue(issue.ignore(Substatus.ARCHIVED_FOREVER, Snooze.of(null, null, 60, null, null, null)));
        assertNull(issue.snooze(), "a window alone is no condition");
    }

    @Test
    void priorityIsLockedEvenWhenUnchanged() {
        Issue issue = issue().unresolved(Substatus.ONGOING).firstSeen(NOW).build();
        assertFalse(issue.prioritize("medium", NOW));
        assertEquals(NOW, issue.priorityLockedAt());
        assertTrue(issue.prioritize("high", NOW));
    }

    @Test
    void unassigningNobodyIsANoOp() {
        assertFalse(issue().unresolved(Substatus.ONGOING).firstSeen(NOW).build().unassign());
    }
}
