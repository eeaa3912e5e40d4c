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
                // after the deployment has failed and said so, not from inside it
                Thread exit = new Thread(() -> {
                    sleepQuietly(1000);
                    System.exit(3);
                }, "exit-on-startup-failure");
                exit.start();
            }
            throw new IllegalStateException("Database " + url + " is not usable: " + reason, e);
        }
        LOG.info(() -> "Database " + url + " at schema version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
        emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
