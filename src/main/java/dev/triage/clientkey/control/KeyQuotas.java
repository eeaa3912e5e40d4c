package dev.triage.clientkey.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Enforces client keys' rate limits as Sentry does: a key with {@code rateLimit {window, count}}
 * takes at most {@code count} events per fixed window of {@code window} seconds (windows counted
 * from the epoch, as Sentry's quotas count them); past that, events are refused until the window
 * ends. The count lives in the database ({@code client_key_usage}, one atomic upsert per event of a
 * limited key), so it holds exactly across service instances. Keys without a limit cost nothing.
 * Once a window is exhausted, this instance refuses without asking the database again until it ends.
 */
@ApplicationScoped
public class KeyQuotas {

    /**
     * Sentry's key quota in Relay's {@code X-Sentry-Rate-Limits} terms: the error categories
     * (a key's quota counts error events only), scope {@code key}, reason {@code key_quota}.
     */
    static final String CATEGORIES_SCOPE_REASON = "default;error;security:key:key_quota";

    /** Why an event was refused: when the window ends, and the limit it ran into. */
    public record Exhausted(long retryAfterSeconds, int count, int window) {

        /** The value of {@code X-Sentry-Rate-Limits}, which SDKs read to stop sending until then. */
        public String rateLimitsHeader() {
            return retryAfterSeconds + ":" + CATEGORIES_SCOPE_REASON;
        }
    }

    /** A window this instance knows to be used up (for that limit: a changed limit is counted anew). */
    private record Spent(long windowIndex, int window, int count) {}

    @Resource(lookup = "java:app/jdbc/triage")
    DataSource dataSource;

    @Inject
    Clock clock;

    private final Map<Long, Spent> spent = new ConcurrentHashMap<>();
    /** The window each key was last counted in here: a new one clears the key's older rows. */
    private final Map<Long, Long> lastWindow = new ConcurrentHashMap<>();

    /**
     * Counts one event against the key's limit.
     *
     * @return null when the event is within the limit (or the key has none), else why not
     */
    public Exhausted take(KeyRegistry.Grant grant) {
        if (!grant.limited()) {
            return null;
        }
        int window = grant.rateLimitWindow();
        int count = grant.rateLimitCount();
        long nowMillis = Instant.now(clock).toEpochMilli();
        long windowMillis = window * 1000L;
        long index = Math.floorDiv(nowMillis, windowMillis);
        long retryAfter = Math.max(1, ((index + 1) * windowMillis - nowMillis + 999) / 1000);
        Spent known = spent.get(grant.keyId());
        if (known != null && known.equals(new Spent(index, window, count))) {
            return new Exhausted(retryAfter, count, window);
        }
        long used = count(grant.keyId(), Instant.ofEpochMilli(index * windowMillis),
                !Long.valueOf(index).equals(lastWindow.put(grant.keyId(), index)));
        if (used <= count) {
            return null;
        }
        spent.put(grant.keyId(), new Spent(index, window, count));
        return new Exhausted(retryAfter, count, window);
    }

    /** Forgets what this instance knows about the key's windows (its limit changed, or it is gone). */
    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) KeyChanged change) {
        if (change.rateLimitChanged()) {
            spent.remove(change.keyId());
        }
    }

    private long count(long keyId, Instant windowStart, boolean newWindow) {
        try (Connection connection = dataSource.getConnection()) {
            if (newWindow) {
                try (PreparedStatement clear = connection.prepareStatement(
                        "delete from client_key_usage where client_key_id = ? and window_start < ?")) {
                    clear.setLong(1, keyId);
                    clear.setTimestamp(2, Timestamp.from(windowStart));
                    clear.executeUpdate();
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into client_key_usage (client_key_id, window_start, used) values (?, ?, 1)
                    on conflict (client_key_id, window_start) do update set used = client_key_usage.used + 1
                    returning used""")) {
                upsert.setLong(1, keyId);
                upsert.setTimestamp(2, Timestamp.from(windowStart));
                try (ResultSet row = upsert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                // the key was deleted a moment ago (another instance's cache still knows it): nothing to count on
                return 0;
            }
            throw new KeysUnavailable(e);
        }
    }
}
