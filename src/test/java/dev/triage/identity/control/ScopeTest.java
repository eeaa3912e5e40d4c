package dev.triage.identity.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void higherScopesImplyLowerOnes() {
        assertTrue(Scope.EVENT_READ.grantedBy(Set.of("event:admin")));
        assertTrue(Scope.EVENT_WRITE.grantedBy(Set.of("event:admin")));
        assertTrue(Scope.EVENT_READ.grantedBy(Set.of("event:write")));
        assertTrue(Scope.EVENT_ADMIN.grantedBy(Set.of("event:admin")));
    }

    @Test
    void lowerScopesDoNotImplyHigherOnes() {
        assertFalse(Scope.EVENT_WRITE.grantedBy(Set.of("event:read")));
        assertFalse(Scope.EVENT_ADMIN.grantedBy(Set.of("event:read", "event:write")));
        assertFalse(Scope.EVENT_READ.grantedBy(Set.of("org:read", "project:admin")));
        assertFalse(Scope.EVENT_READ.grantedBy(Set.of()));
    }
}
