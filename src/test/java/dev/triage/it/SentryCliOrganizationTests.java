package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
