package dev.triage.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl;

/**
 * Hibernate's data-source connection provider, counting what the pool cannot tell an application
 * (Payara keeps the statistics of a pool an application defines to itself): connections handed
 * out and not yet given back, and threads still waiting for one. Hibernate holds a connection
 * from its first use in a transaction until the transaction completes (persistence.xml), so "in
 * use" is the number of transactions holding a pooled connection.
 */
public class CountingConnectionProvider extends DatasourceConnectionProviderImpl {

    private static final AtomicInteger IN_USE = new AtomicInteger();
    private static final AtomicInteger WAITING = new AtomicInteger();

    static int inUse() {
        return IN_USE.get();
    }

    static int waiting() {
        return WAITING.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        WAITING.incrementAndGet();
        try {
            Connection connection = super.getConnection();
            IN_USE.incrementAndGet();
            return connection;
        } finally {
            WAITING.decrementAndGet();
        }
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        try {
            super.closeConnection(connection);
        } finally {
            IN_USE.decrementAndGet();
        }
    }
}
