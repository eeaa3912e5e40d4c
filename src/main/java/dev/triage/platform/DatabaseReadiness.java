package dev.triage.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers within {@link #TIMEOUT_SECONDS} and holds the schema
 * version this build migrated to (a database restored from an older backup is not ready). The
 * query runs on its own thread so that a hanging network never hangs the probe, and a probe that
 * arrives while one is still running waits for that one instead of piling up.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:app/jdbc/triage")
    DataSource dataSource;

    @Inject
    DatabaseSchema schema;

    @Inject
    @ConfigProperty(name = "db.url")
    String url;

    private final ExecutorService probes = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "database-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<String> running;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database").withData("url", url);
        try {
            String version = probe().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            response.withData("schemaVersion", version);
            String expected = schema.version();
            if (expected != null && !expected.equals(version)) {
                return response.withData("expectedSchemaVersion", expected).down().build();
            }
            return response.up().build();
        } catch (TimeoutException e) {
            return response.withData("reason", "no answer within " + TIMEOUT_SECONDS + " s").down().build();
        } catch (ExecutionException e) {
            return response.withData("reason", JwtTrust.rootMessage(e.getCause())).down().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.withData("reason", "interrupted").down().build();
        }
    }

    private synchronized CompletableFuture<String> probe() {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(this::schemaVersion, probes);
        }
        return running;
    }

    /** The version of the last successful migration: Flyway's table, read directly. */
    private String schemaVersion() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet row = statement.executeQuery("select version from flyway_schema_history"
                    + " where success and version is not null order by installed_rank desc limit 1")) {
                return row.next() ? row.getString(1) : "none";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        probes.shutdownNow();
    }
}
