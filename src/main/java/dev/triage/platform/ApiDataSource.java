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
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {"fish.payara.is-connection-validation-required=true",
                      "fish.payara.connection-validation-method=auto-commit"})
public class ApiDataSource {}
