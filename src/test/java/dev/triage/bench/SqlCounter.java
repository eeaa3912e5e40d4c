package dev.triage.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the SQL statements the database executed, from PostgreSQL's own pg_stat_statements (the
 * embedded server is started with it preloaded). Transaction control (BEGIN, COMMIT, ROLLBACK,
 * SAVEPOINT) is not counted, nor are the counter's own queries.
 */
final class SqlCounter implements AutoCloseable {

    private static final String COUNTED = """
            from pg_stat_statements
            where query !~* '^\\s*(begin|commit|rollback|start transaction|savepoint|release|set |show |discard)'
              and query not like '%pg_stat_statements%'""";

    /** Statements of one measured span: the total, and the most frequent with their counts. */
    record Counted(long statements, Map<String, Long> top) {}

    private final Connection connection;

    SqlCounter(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        }
    }

    void reset() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_statements_reset()");
        }
    }

    Counted read() throws SQLException {
        long total;
        Map<String, Long> top = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select coalesce(sum(calls), 0) " + COUNTED)) {
                rows.next();
                total = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery(
                    "select calls, regexp_replace(query, '\\s+', ' ', 'g') " + COUNTED + " order by calls desc limit 12")) {
                while (rows.next()) {
                    String query = rows.getString(2);
                    top.put(query.length() > 240 ? query.substring(0, 240) + "…" : query, rows.getLong(1));
                }
            }
        }
        return new Counted(total, top);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
