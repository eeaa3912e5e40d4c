package dev.triage.organization.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void projectAndTeamSlugsAreSentrys() {
        assertEquals("pump-station_2", Slugs.checked("pump-station_2"));
        assertEquals("-edge-", Slugs.checked("-edge-"), "Sentry's project slugs may start with a dash");
        for (String bad : new String[] {"Upper", "with space", "12345", "dot.ted", "", "a".repeat(51)}) {
            Refusal refusal = assertThrows(Refusal.class, () -> Slugs.checked(bad), bad);
            assertEquals(Refusal.Kind.INVALID, refusal.kind());
        }
    }

    @Test
    void organizationSlugsAreLowerCasedAndHaveNoOuterDashes() {
        assertEquals("acme-corp", Slugs.checkedOrganization("Acme-Corp"));
        for (String bad : new String[] {"-acme", "acme-", "under_score", "2024", "a".repeat(51)}) {
            assertThrows(Refusal.class, () -> Slugs.checkedOrganization(bad), bad);
        }
    }

    @Test
    void aSlugIsMadeFromAName() {
        assertEquals("back-end", Slugs.fromName("Back End"));
        assertEquals("pump-station", Slugs.fromName("  Pump  Station! "));
        assertEquals(50, Slugs.fromName("x".repeat(80)).length());
    }
}
