package dev.triage.clientkey.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Answers "whose key is this?" for every event that arrives, without a database round trip per
 * event: known keys are remembered for {@link #TTL_NANOS}, and a change made through
 * {@link ClientKeys} is forgotten as soon as it is committed (other instances notice within the
 * TTL).
 */
@ApplicationScoped
public class KeyRegistry {

    static final long TTL_NANOS = 10_000_000_000L;

    /**
     * What a public key grants: events for one project of one organization, while active, at most
     * {@code rateLimitCount} per {@code rateLimitWindow} seconds when the key has a rate limit
     * (both null: none).
     */
    public record Grant(long keyId, long projectId, long organizationId, boolean active, Integer rateLimitWindow,
                        Integer rateLimitCount) {

        public boolean limited() {
            return rateLimitWindow != null && rateLimitCount != null;
        }
    }

    private record Cached(Grant grant, long loadedAt) {}

    @Resource(lookup = "java:app/jdbc/triage")
    DataSource dataSource;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * When a key was last forgotten: a load that started before may have read the key as it was,
     * so its answer is used but not remembered.
     */
    private volatile long lastForgotten = System.nanoTime();

    /** The key's grant, or null when no key has this public half. */
    public Grant grantOf(String publicKey) {
        Cached cached = cache.get(publicKey);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt() < TTL_NANOS) {
            return cached.grant();
        }
        Grant grant = load(publicKey);
        if (grant == null) {
            cache.remove(publicKey);
        } else if (now - lastForgotten > 0) {
            cache.put(publicKey, new Cached(grant, now));
        }
        return grant;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) KeyChanged change) {
        lastForgotten = System.nanoTime();
        cache.remove(change.publicKey());
    }

    private Grant load(String publicKey) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     select k.id, k.project_id, p.organization_id, k.is_active, k.rate_limit_window,
                            k.rate_limit_count from client_key k
                     join project p on p.id = k.project_id where k.public_key = ?""")) {
            query.setString(1, publicKey);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new Grant(row.getLong(1), row.getLong(2), row.getLong(3), row.getBoolean(4),
                        (Integer) row.getObject(5), (Integer) row.getObject(6));
            }
        } catch (SQLException e) {
            throw new KeysUnavailable(e);
        }
    }
}
