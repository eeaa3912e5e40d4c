package dev.triage.issue.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssueUserStateTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void bookmarkingSubscribesAndUnbookmarkingUnsubscribes() {
        IssueUserState state = new IssueUserState(1L, 1L);
        assertTrue(state.bookmark(true, NOW));
        assertTrue(state.subscribed());
        assertEquals(SubscriptionReason.BOOKMARKED, state.subscriptionReason());
        assertFalse(state.bookmark(true, NOW));
        assertTrue(state.bookmark(false, NOW));
        assertFalse(state.subscribed());
        assertTrue(state.empty());
    }

    @Test
    void anExplicitChoiceWinsOverImplicitSubscriptions() {
        IssueUserState state = new IssueUserState(1L, 1L);
        assertTrue(state.subscribe(false));
        assertFalse(state.subscribeUnlessDecided(SubscriptionReason.CHANGED_STATUS));
        assertFalse(state.subscribed());
        assertFalse(state.bookmark(true, NOW) && state.subscribed());
    }

    @Test
    void explicitSubscriptionHasReasonUnknown() {
        IssueUserState state = new IssueUserState(1L, 1L);
        state.subscribeUnlessDecided(SubscriptionReason.ASSIGNED);
        assertTrue(state.subscribe(true));
        assertEquals(SubscriptionReason.UNKNOWN, state.subscriptionReason());
        assertTrue(state.subscribe(false));
        assertNull(state.subscriptionReason());
    }

    @Test
    void seen() {
        IssueUserState state = new IssueUserState(1L, 1L);
        assertTrue(state.markSeen(true, NOW));
        assertEquals(NOW, state.lastSeenAt());
        assertFalse(state.markSeen(true, NOW.plusSeconds(1)));
        assertTrue(state.markSeen(false, NOW));
        assertTrue(state.empty());
    }
}
