package dev.triage.organization.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void rolesAreOrderedAndGrantSentrysScopes() {
        assertTrue(Role.OWNER.atLeast(Role.MANAGER) && Role.MANAGER.atLeast(Role.ADMIN) && Role.ADMIN.atLeast(Role.MEMBER));
        assertFalse(Role.MANAGER.atLeast(Role.OWNER));
        assertTrue(Role.MEMBER.scopes().contains("event:admin"), "Sentry's members may delete events");
        assertFalse(Role.MEMBER.scopes().contains("team:write"));
        assertTrue(Role.ADMIN.scopes().contains("project:admin"));
        assertFalse(Role.ADMIN.scopes().contains("member:write"));
        assertTrue(Role.MANAGER.scopes().contains("member:admin"));
        assertFalse(Role.MANAGER.scopes().contains("org:admin"), "only owners remove an organization");
        assertTrue(Role.OWNER.scopes().contains("org:admin"));
    }
}
