package dev.triage.issue.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssueTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static Issue issue(String status, String substatus, Instant firstSeen) {
        Issue issue = new Issue();
        set(issue, "status", status);
        set(issue, "substatus", substatus);
        set(issue, "firstSeen", firstSeen);
        set(issue, "priority", "medium");
        return issue;
    }

    static void set(Object target, String name, Object value) {
        try {
            Field field = Issue.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resolvingTwiceChangesOnce() {
        Issue issue = issue("unresolved", "ongoing", NOW.minus(Duration.ofDays(30)));
        assertTrue(issue.resolve(NOW));
        assertFalse(issue.resolve(NOW.plusSeconds(5)));
        assertEquals("resolved", issue.status());
        assertNull(issue.substatus());
        assertEquals(NOW, issue.resolvedAt());
    }

    @Test
    void unresolvingInfersTheSubstatus() {
        Issue resolved = issue("resolved", null, NOW.minus(Duration.ofDays(30)));
        assertTrue(resolved.unresolve(null, NOW));
        assertEquals("regressed", resolved.substatus());
        assertNull(resolved.resolvedAt());

        Issue youngIgnored = issue("ignored", "archived_forever", NOW.minus(Duration.ofDays(2)));
        youngIgnored.unresolve(null, NOW);
        assertEquals("new", youngIgnored.substatus());

        Issue oldIgnored = issue("ignored", "archived_forever", NOW.minus(Duration.ofDays(8)));
        oldIgnored.unresolve(null, NOW);
        assertEquals("ongoing", oldIgnored.substatus());

        Issue explicit = issue("resolved", null, NOW);
        explicit.unresolve("escalating", NOW);
        assertEquals("escalating", explicit.substatus());
    }

    @Test
    void unresolvingAnUnresolvedIssueIsANoOp() {
        Issue issue = issue("unresolved", "ongoing", NOW);
        assertFalse(issue.unresolve(null, NOW));
        assertFalse(issue.unresolve("ongoing", NOW));
        assertTrue(issue.unresolve("escalating", NOW));
    }

    @Test
    void ignoringStoresConditionsOnlyWhenThereAreAny() {
        Issue issue = issue("unresolved", "ongoing", NOW);
        assertTrue(issue.ignore("archived_until_condition_met", NOW.plusSeconds(60), 10, 60, null, null, null));
        assertTrue(issue.snoozed());
        assertEquals(10, issue.snoozeCount());
        assertFalse(issue.ignore("archived_until_condition_met", NOW.plusSeconds(60), 10, 60, null, null, null));

        assertTrue(issue.ignore("archived_forever", null, null, 60, null, null, null));
        assertFalse(issue.snoozed(), "a window alone is no condition");
        assertNull(issue.snoozeWindow());
    }

    @Test
    void priorityIsLockedEvenWhenUnchanged() {
        Issue issue = issue("unresolved", "ongoing", NOW);
        assertFalse(issue.prioritize("medium", NOW));
        assertEquals(NOW, issue.priorityLockedAt());
        assertTrue(issue.prioritize("high", NOW));
    }

    @Test
    void unassigningNobodyIsANoOp() {
        assertFalse(issue("unresolved", "ongoing", NOW).unassign());
    }
}
