package dev.triage.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * At start: bring the schema up to date with the Flyway migrations, then have Hibernate check
 * that the entities match it. A database that cannot be reached stops the deployment with a
 * message that names the URL, rather than a service that fails every request later.
 */
@ApplicationScoped
public class DatabaseSchema {

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    @Resource(lookup = "java:app/jdbc/triage")
    DataSource dataSource;

    @PersistenceUnit(unitName = "triage")
    EntityManagerFactory emf;

    @Inject
    @ConfigProperty(name = "db.url")
    String url;

    @Inject
    @ConfigProperty(name = "exit.on.startup.failure", defaultValue = "true")
    boolean exitOnFailure;

    private volatile String version;

    /** The schema version this start migrated to (or found current); null before. */
    public String version() {
        return version;
    }

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        MigrateResult result;
        try {
            result = Flyway.configure(DatabaseSchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            LOG.severe("Cannot use the database at " + url + " (DB_URL): " + reason
                    + (exitOnFailure ? ". Stopping (EXIT_ON_STARTUP_FAILURE=false keeps the server up)." : ""));
            if (exitOnFailure) {
                StartupFailure.exitSoon();
            }
            throw new IllegalStateException("Database " + url + " is not usable: " + reason, e);
        }
        version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : Flyway.configure(DatabaseSchema.class.getClassLoader()).dataSource(dataSource)
                        .locations("classpath:db/migration").load().info().current().getVersion().getVersion();
        LOG.info(() -> "Database " + url + " at schema version " + version
                + " (" + result.migrationsExecuted + " migrations applied now)");
        emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }
}
