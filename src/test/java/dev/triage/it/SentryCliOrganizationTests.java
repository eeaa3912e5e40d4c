package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real sentry-cli's organization and project lists against the service. */
abstract class SentryCliOrganizationTests {

    static NpmClients.Run cli(String token, String... args) throws IOException {
        Path home = Files.createTempDirectory(NpmClients.directory(), "home");
        return SentryCliAuthTests.cli(home, token, args);
    }

    @Test
    void organizationsListShowsOnlyTheCallersOrganizations() throws IOException {
        NpmClients.Run run = cli(Tokens.jane(), "organizations", "list");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("the-interstellar-jurisdiction"), run::toString);
        assertFalse(run.out().contains("the-rebel-alliance"), run::toString);
    }

    @Test
    void projectsListShowsTheOrganizationsProjects() throws IOException {
        NpmClients.Run run = cli(Tokens.jane(), "projects", "list", "-o", "the-interstellar-jurisdiction");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("pump-station"), run::toString);
        assertTrue(run.out().contains("prime-mover"), run::toString);

        NpmClients.Run foreign = cli(Tokens.leia(), "projects", "list", "-o", "the-interstellar-jurisdiction");
        assertTrue(foreign.exit() != 0, "another tenant's organization: " + foreign);
        assertFalse(foreign.out().contains("pump-station"), foreign::toString);
    }

    @Test
    void theListsFollowTheCursorPastTheFirstPage() throws IOException {
        long org = Fixtures.newOrganization("cli-pages");
        ListPagingTests.addProjects(org, 103);
        NpmClients.Run projects = cli(Tokens.jane(), "projects", "list", "-o", Fixtures.organizationSlug(org));
        assertEquals(0, projects.exit(), projects::toString);
        for (String slug : List.of("p-001", "p-100", "p-101", "p-103")) {
            assertTrue(projects.out().contains(slug), () -> slug + " in " + projects);
        }

        String owner = ListPagingTests.ownerOfOrganizations(102);
        NpmClients.Run organizations = cli(Tokens.of(owner, "org:read"), "organizations", "list");
        assertEquals(0, organizations.exit(), organizations::toString);
        for (String slug : List.of(owner + "-1", owner + "-101", owner + "-102")) {
            assertTrue(organizations.out().contains(slug + " "), () -> slug + " in " + organizations);
        }
    }
}
