package dev.triage.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void everyResourceHasItsOwnLevels() {
        assertTrue(Scope.ORG_READ.grantedBy(Set.of("org:admin")));
        assertTrue(Scope.MEMBER_WRITE.grantedBy(Set.of("member:admin")));
        assertTrue(Scope.TEAM_READ.grantedBy(Set.of("team:write")));
        assertTrue(Scope.PROJECT_ADMIN.grantedBy(Set.of("project:admin")));
        assertFalse(Scope.ORG_WRITE.grantedBy(Set.of("org:read", "team:admin", "project:admin")));
        assertFalse(Scope.MEMBER_READ.grantedBy(Set.of("org:admin")));
        assertFalse(Scope.TEAM_ADMIN.grantedBy(Set.of("team:write")));
    }

    @Test
    void valuesAreSentrysNames() {
        assertEquals("org:read", Scope.ORG_READ.value());
        assertEquals("member:admin", Scope.MEMBER_ADMIN.value());
        assertEquals("event:write", Scope.EVENT_WRITE.value());
    }
}
