package dev.triage.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL (embedded binaries from Maven Central) migrated with the service's own
 * Flyway migrations and loaded with the demo data, for the run command and the tests.
 */
public final class DemoDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private DemoDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static DemoDatabase start(Path workDir) {
        return start(workDir, Map.of());
    }

    /** @param serverConfig further postgresql.conf settings, e.g. the benchmark's pg_stat_statements */
    public static DemoDatabase start(Path workDir, Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir.toFile())
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "100");
            serverConfig.forEach(builder::setServerConfig);
            if (Boolean.getBoolean("triage.pg.logStatements")) {
                // for measuring what a request costs: every statement into <workDir>/pg-log/postgresql.log
                builder.setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", workDir.resolve("pg-log").toAbsolutePath().toString())
                        .setServerConfig("log_filename", "postgresql.log")
                        .setServerConfig("log_statement", "all");
            }
            EmbeddedPostgres postgres = builder.start();
            return new DemoDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    /** The embedded server trusts local connections; any password does. */
    public String password() {
        return "postgres";
    }

    /** Migrates the schema and loads the demo data: a fresh database for every run. */
    public DemoDatabase withDemoData() {
        migrateAndLoad(url(), user(), password());
        return this;
    }

    public static void migrateAndLoad(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             InputStream sql = DemoDatabase.class.getResourceAsStream("/demo/demo-data.sql")) {
            statement.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot load the demo data", e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
