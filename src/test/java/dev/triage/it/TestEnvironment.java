package dev.triage.it;

import dev.triage.dev.DemoDatabase;
import dev.triage.dev.DevKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any integration test (and before Arquillian reads arquillian.xml): a real PostgreSQL
 * with the schema and demo data, a real OpenID Connect provider (Keycloak, started in the
 * background while Payara boots) whose discovery document the service is told to trust, and a
 * free HTTP port. arquillian.xml passes them to Payara Micro as system properties. Tests mint
 * tokens with claims Keycloak would never issue (expired, {@code nbf} ahead, ...) with a test key
 * pair that is imported into the realm, so Keycloak publishes it in its JWKS like its own keys.
 * Unit test runs (Surefire) have no {@code triage.war} property and start nothing.
 */
public class TestEnvironment implements LauncherSessionListener {

    /** The key cache time the service is started with: short, so rotation and outages show quickly. */
    public static final int KEY_CACHE_SECONDS = 3;

    private static DemoDatabase database;
    private static DevKeys unregisteredKeys;
    private static CompletableFuture<IdentityProvider> provider;
    private static volatile DevKeys keys;
    private static String baseUrl;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("triage.war") == null || database != null) {
            return;
        }
        Path work = Path.of(System.getProperty("triage.workDir", "target/it"));
        Path keycloakHome = Path.of(System.getProperty("triage.keycloakHome", "target/keycloak"));
        int keycloakPort = freePort();
        int keycloakPublicPort = freePort();
        provider = CompletableFuture.supplyAsync(() -> IdentityProvider
                .start(keycloakHome, keycloakPort, keycloakPublicPort, work.resolve("keycloak"))
                .awaitReady(Duration.ofMinutes(4)));
        // pg_stat_statements: for tests of what SQL a request runs (OrganizationReadTests)
        database = DemoDatabase.start(work.resolve("db"), Map.of("shared_preload_libraries", "pg_stat_statements"))
                .withDemoData();
        String issuer = "http://127.0.0.1:" + keycloakPublicPort + "/realms/" + IdentityProvider.REALM;
        unregisteredKeys = DevKeys.generate(issuer).withAudience(IdentityProvider.AUDIENCE);
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        System.setProperty("it.db.url", database.url());
        System.setProperty("it.db.user", database.user());
        System.setProperty("it.db.password", database.password());
        System.setProperty("it.jwt.location", issuer + "/.well-known/openid-configuration");
        System.setProperty("it.jwt.issuer", issuer);
        System.setProperty("it.jwt.audiences", IdentityProvider.AUDIENCE);
        System.setProperty("it.jwt.cacheSeconds", Integer.toString(KEY_CACHE_SECONDS));
        System.setProperty("it.http.port", Integer.toString(port));
        System.setProperty("it.logProperties", ServerLog.properties(work).toString());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        ServiceProcess.stopAll();
        if (provider != null) {
            provider.thenAccept(IdentityProvider::close);
            provider.handle((p, e) -> p).join();
            provider = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** The running identity provider (waits for it on first use). */
    public static IdentityProvider provider() {
        return require(provider).join();
    }

    public static DemoDatabase database() {
        return require(database);
    }

    /** The test key pair, imported into the provider's realm on first use. */
    public static DevKeys keys() {
        DevKeys registered = keys;
        if (registered == null) {
            synchronized (TestEnvironment.class) {
                if (keys == null) {
                    IdentityProvider idp = provider();
                    DevKeys generated = require(unregisteredKeys);
                    // priority below Keycloak's own key: Keycloak keeps signing its tokens with its own
                    idp.addKeyProvider("test-key", "rsa", Map.of("privateKey", generated.privateKeyPem(),
                            "priority", "10", "algorithm", "RS256", "enabled", "true", "active", "true"));
                    keys = generated.withKeyId(idp.keyIdOf(generated.modulus()));
                }
                registered = keys;
            }
        }
        return registered;
    }

    public static String baseUrl() {
        return require(baseUrl);
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new IllegalStateException("The integration test environment is not started (run through Failsafe)");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
