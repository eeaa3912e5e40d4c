package dev.triage.organization.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.triage.organization.entity.Role;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimedMembershipsTest {

    @Test
    void entriesNameOrganizationsWithAnOptionalRole() {
        assertEquals(Map.of("acme", Role.MEMBER, "ops", Role.ADMIN),
                ClaimedMemberships.parse(Json.createArrayBuilder().add("acme").add("ops:admin").build()));
        assertEquals(Map.of("acme", Role.OWNER), ClaimedMemberships.parse(Json.createObjectBuilder().add("acme", "owner").build()));
        assertEquals(Map.of("a", Role.MEMBER, "b", Role.MANAGER), ClaimedMemberships.parse(Json.createValue("a b:manager")));
        assertEquals(Map.of("a", Role.MEMBER), ClaimedMemberships.parse(Set.of("a")));
    }

    @Test
    void unknownRolesAndOtherShapesGrantNothing() {
        assertEquals(Map.of("ok", Role.MEMBER), ClaimedMemberships.parse(List.of("bad:emperor", "ok")));
        assertEquals(Map.of(), ClaimedMemberships.parse(Json.createValue(42)));
        assertEquals(Map.of(), ClaimedMemberships.parse(null));
    }
}
