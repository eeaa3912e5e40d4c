package dev.triage.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The PostgreSQL data source. Its URL and credentials come from MicroProfile Config, so the
 * environment variables DB_URL, DB_USER and DB_PASSWORD override the defaults.
 */
@ApplicationScoped
@DataSourceDefinition(
        name = "java:app/jdbc/triage",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=db.url}",
        user = "${MPCONFIG=db.user}",
        password = "${MPCONFIG=db.password}",
        // connections ready at start: a fresh service serves its first burst of requests at once
        minPoolSize = 8,
        maxPoolSize = 32,
        // reWriteBatchedInserts: a batch of INSERTs (a bulk change's activities) goes to PostgreSQL as
        // multi-row INSERTs instead of one statement per row
        properties = {"fish.payara.is-connection-validation-required=true",
                      "fish.payara.connection-validation-method=auto-commit",
                      "reWriteBatchedInserts=true"})
public class ApiDataSource {}
