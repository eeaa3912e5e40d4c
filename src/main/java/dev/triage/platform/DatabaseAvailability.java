package dev.triage.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Tells a database outage from a bug, and says once when the database goes and once when it is
 * back: while it is gone every request that needs it is answered 503 with {@code Retry-After}
 * (by {@link ErrorMappers}) without a stack trace per request, and a probe checks every
 * {@link #PROBE_MILLIS} ms whether it is back. The pool's own connection validation then replaces
 * the broken connections, so the service recovers without a restart.
 */
@ApplicationScoped
public class DatabaseAvailability {

    /** What a client is told to wait before retrying, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 2;
    static final long PROBE_MILLIS = 500;

    private static final Logger LOG = Logger.getLogger(DatabaseAvailability.class.getName());

    @Resource(lookup = "java:app/jdbc/triage")
    DataSource dataSource;

    /** When the outage began (epoch millis), 0 while the database is there. */
    private final AtomicLong downSince = new AtomicLong();
    private ScheduledExecutorService probe;

    /**
     * Whether {@code failure} means the database cannot be reached (refused or broken
     * connection, server shutting down or starting, no connection from the pool), as opposed to a
     * failure of the statement itself.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // XAException: the transaction manager could not commit or roll back on the connection
            if (t instanceof ConnectException || t instanceof SQLTransientConnectionException
                    || t instanceof javax.transaction.xa.XAException
                    || t instanceof SQLNonTransientConnectionException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || t.getClass().getName().startsWith("jakarta.resource.")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The answer to a request that failed for want of the database; the first one of an outage logs it. */
    public ApiFailure outage(Throwable failure) {
        reportOutage(failure);
        return ApiFailure.of(503, "The database is unavailable. Retry shortly.")
                .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    private void reportOutage(Throwable failure) {
        long now = System.currentTimeMillis();
        if (downSince.compareAndSet(0, now)) {
            LOG.warning(() -> "The database is unavailable (" + rootMessage(failure)
                    + "); answering 503 until it is back");
            startProbe();
        }
    }

    private synchronized void startProbe() {
        if (probe == null) {
            probe = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "database-availability-probe");
                thread.setDaemon(true);
                return thread;
            });
        }
        probe.schedule(this::check, PROBE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                long since = downSince.getAndSet(0);
                LOG.info(() -> String.format("The database is available again after %.1f s",
                        (System.currentTimeMillis() - since) / 1000.0));
                return;
            }
        } catch (SQLException | RuntimeException stillDown) {
            // expected while the outage lasts; it was logged when it began
        }
        probe.schedule(this::check, PROBE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        if (probe != null) {
            probe.shutdownNow();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
