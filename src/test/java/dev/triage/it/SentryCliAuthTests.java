package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real sentry-cli's own checks of a token: {@code info} (user and scopes from the API index)
 * and {@code login --auth-token} (validates the token the same way, then stores it).
 */
abstract class SentryCliAuthTests {

    static NpmClients.Run cli(Path home, String token, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = NpmClients.sentryCli().toString();
        command[1] = "--url";
        command[2] = TestEnvironment.baseUrl();
        System.arraycopy(args, 0, command, 3, args.length);
        return NpmClients.run(home, Map.of("HOME", home.toString(), "SENTRY_AUTH_TOKEN", token,
                "SENTRY_DISABLE_UPDATE_CHECK", "true"), 120, command);
    }

    static Path home() throws IOException {
        return Files.createTempDirectory(NpmClients.directory(), "home");
    }

    @Test
    void infoShowsTheUserAndTheScopes() throws IOException {
        NpmClients.Run run = cli(home(), Tokens.jane(), "info", "--no-defaults");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("jane@example.com"), run::toString);
        for (String scope : Tokens.ALL) {
            assertTrue(run.out().contains(scope), scope + " listed:\n" + run);
        }
    }

    @Test
    void infoWithARejectedTokenFails() throws IOException {
        NpmClients.Run run = cli(home(), "not-a-token", "info", "--no-defaults");
        assertNotEquals(0, run.exit(), run::toString);
    }

    @Test
    void loginChecksTheTokenAndStoresIt() throws IOException {
        Path home = home();
        String token = Tokens.john();
        NpmClients.Run run = cli(home, "", "login", "--auth-token", token);
        assertEquals(0, run.exit(), run::toString);
        assertTrue((run.out() + run.err()).contains("john@example.com"), run::toString);
        Path stored = home.resolve(".sentryclirc");
        assertTrue(Files.exists(stored), "login wrote " + stored + ":\n" + run);
        assertTrue(Files.readString(stored).contains(token), "the token is stored");
    }

    @Test
    void loginRefusesARejectedToken() throws IOException {
        Path home = home();
        NpmClients.Run run = cli(home, "", "login", "--auth-token", "not-a-token");
        assertNotEquals(0, run.exit(), run::toString);
        assertTrue(!Files.exists(home.resolve(".sentryclirc"))
                || !Files.readString(home.resolve(".sentryclirc")).contains("not-a-token"), run::toString);
    }
}
