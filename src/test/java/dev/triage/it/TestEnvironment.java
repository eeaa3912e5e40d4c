package dev.triage.it;

import dev.triage.dev.DemoDatabase;
import dev.triage.dev.DevKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any integration test (and before Arquillian reads arquillian.xml): a real PostgreSQL
 * with the schema and demo data, a test key pair the service is told to trust, and a free HTTP
 * port. arquillian.xml passes them to Payara Micro as system properties. Unit test runs (Surefire)
 * have no {@code triage.war} property and start nothing.
 */
public class TestEnvironment implements LauncherSessionListener {

    private static DemoDatabase database;
    private static DevKeys keys;
    private static String baseUrl;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("triage.war") == null || database != null) {
            return;
        }
        Path work = Path.of(System.getProperty("triage.workDir", "target/it"));
        database = DemoDatabase.start(work.resolve("db")).withDemoData();
        keys = DevKeys.generate("https://issuer.test.invalid");
        Path key = keys.writePublicKey(work.resolve("jwt/public-key.pem"));
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        System.setProperty("it.db.url", database.url());
        System.setProperty("it.db.user", database.user());
        System.setProperty("it.db.password", database.password());
        System.setProperty("it.jwt.key", key.toUri().toString());
        System.setProperty("it.jwt.issuer", keys.issuer());
        System.setProperty("it.http.port", Integer.toString(port));
        System.setProperty("it.logProperties", ServerLog.properties(work).toString());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        ServiceProcess.stopAll();
        if (database != null) {
            database.close();
            database = null;
        }
    }

    public static DemoDatabase database() {
        return require(database);
    }

    public static DevKeys keys() {
        return require(keys);
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
