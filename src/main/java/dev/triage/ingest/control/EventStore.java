package dev.triage.ingest.control;

import jakarta.json.spi.JsonProvider;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stores accepted events durably before the SDK hears 200: request threads hand their event to a
 * writer, which commits the events of all requests waiting at that moment in one transaction (a
 * group commit) and only then releases them. In that transaction each event is put under its
 * issue (found by its grouping hash; a new hash makes a new issue) and queued for
 * {@link IssueCounters}, which adds it to the issue's counters later, in batches. So an
 * acknowledged event survives a crash of the service (it is committed, and so is its place in
 * the queue), and a hot issue's row is written once per batch, not once per event.
 */
@ApplicationScoped
public class EventStore {

    /** Looked up once: {@code Json.create*} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(EventStore.class.getName());
    static final int MAX_BATCH = 256;
    static final long WAIT_SECONDS = 30;
    private static final int MAX_MERGE_HOPS = 8;

    /** What became of an event. */
    public enum Outcome {
        STORED,
        /** Same project and event ID as an event already stored: an SDK retry, not counted twice. */
        DUPLICATE,
        /** Its issue was discarded or deleted: dropped, as Sentry drops them (tombstone). */
        DROPPED
    }

    record Pending(long projectId, IncomingEvent event, CompletableFuture<Outcome> done) {}

    @Resource(lookup = "java:app/jdbc/triage")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "ingest.writers", defaultValue = "2")
    int writerCount;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        running = true;
        for (int i = 0; i < Math.max(1, writerCount); i++) {
            Thread writer = threads.newThread(this::writeLoop);
            writer.setName("event-writer-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
    }

    /**
     * Stores the event and answers once it is committed.
     *
     * @throws Refused 503 when the database does not take it in time (the SDK retries later)
     */
    public Outcome store(long projectId, IncomingEvent event) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        try {
            if (!queue.offer(new Pending(projectId, event, done), WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Refused(503, "the service is overloaded; retry later");
            }
            return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "the service is stopping; retry later");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String refusedValue = dataTheDatabaseRefuses(cause);
            if (refusedValue != null) {
                // the event itself is at fault (it failed alone, see write): retrying cannot help
                LOG.info(() -> "An event was refused by the database: " + refusedValue);
                throw Refused.badRequest("invalid event payload: " + refusedValue);
            }
            LOG.warning(() -> "An event could not be stored (" + CountingSchedule.rootMessage(cause) + "); answered 503");
            LOG.log(Level.FINE, "An event could not be stored", cause);
            throw new Refused(503, "the event could not be stored now; retry later");
        }
    }

    /**
     * PostgreSQL's message when it refused a value of the event itself (SQLSTATE class 22, "data
     * exception": a number {@code jsonb} cannot hold such as {@code 1e1000000}, text it cannot
     * store), else null. Such an event would fail every time, so it is the client's error (400),
     * not an outage (503).
     */
    private static String dataTheDatabaseRefuses(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                // a batch's exception names the statement; the server's own message comes next
                SQLException server = sql.getNextException() != null ? sql.getNextException() : sql;
                String message = server.getMessage() == null ? "" : server.getMessage();
                int newline = message.indexOf('\n');
                String first = newline < 0 ? message : message.substring(0, newline);
                return first.startsWith("ERROR: ") ? first.substring("ERROR: ".length()) : first;
            }
        }
        return null;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warning(() -> "The event writer failed (" + CountingSchedule.rootMessage(e) + ")");
                LOG.log(Level.FINE, "The event writer failed", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** One transaction for the batch; when it fails, each event alone, so one bad event fails only itself. */
    private void write(List<Pending> batch) {
        try {
            Map<Pending, Outcome> outcomes = writeTogether(batch);
            batch.forEach(p -> p.done().complete(outcomes.get(p)));
        } catch (SQLException together) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(together);
                return;
            }
            for (Pending p : batch) {
                try {
                    p.done().complete(writeTogether(List.of(p)).get(p));
                } catch (SQLException | RuntimeException alone) {
                    p.done().completeExceptionally(alone);
                }
            }
        }
    }

    private Map<Pending, Outcome> writeTogether(List<Pending> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<Pending, Outcome> outcomes = write(connection, batch);
                connection.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private record HashKey(long projectId, String hash) {}

    /** Where a hash's events go: an issue, or nowhere (discarded or deleted). */
    private record Target(Long issueId) {}

    private Map<Pending, Outcome> write(Connection connection, List<Pending> batch) throws SQLException {
        Map<HashKey, Pending> firstOfHash = new HashMap<>();
        for (Pending p : batch) {
            firstOfHash.putIfAbsent(new HashKey(p.projectId(), p.event().hash()), p);
        }
        Map<HashKey, Target> targets = targets(connection, firstOfHash.keySet());
        for (var entry : firstOfHash.entrySet()) {
            if (!targets.containsKey(entry.getKey())) {
                targets.put(entry.getKey(), new Target(createIssue(connection, entry.getKey(), entry.getValue().event())));
            }
        }
        // by identity: a Pending's record hashCode would hash its whole event, payload included
        Map<Pending, Outcome> outcomes = new java.util.IdentityHashMap<>();
        List<Pending> stored = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                with e as (
                  insert into event (project_id, issue_id, event_id, hash, occurred_at, received_at, level, platform,
                                     release, environment, user_key, title, culprit, message, tags, size, payload)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb)
                  on conflict (project_id, event_id) do nothing
                  returning id)
                insert into event_pending (event_row_id) select id from e""")) {
            for (Pending p : batch) {
                Target target = targets.get(new HashKey(p.projectId(), p.event().hash()));
                if (target.issueId() == null) {
                    outcomes.put(p, Outcome.DROPPED);
                    continue;
                }
                IncomingEvent e = p.event();
                insert.setLong(1, p.projectId());
                insert.setLong(2, target.issueId());
                insert.setString(3, e.eventId());
                insert.setString(4, e.hash());
                insert.setTimestamp(5, Timestamp.from(e.occurredAt()));
                insert.setTimestamp(6, Timestamp.from(e.receivedAt()));
                insert.setString(7, e.level());
                insert.setString(8, e.platform());
                insert.setString(9, e.release());
                insert.setString(10, e.environment());
                insert.setString(11, e.userKey());
                insert.setString(12, EventReader.clean(e.summary().title()));
                insert.setString(13, EventReader.clean(e.summary().culprit()));
                insert.setString(14, e.message());
                insert.setString(15, tagsJson(e));
                insert.setInt(16, e.size());
                insert.setString(17, e.payload());
                insert.addBatch();
                stored.add(p);
            }
            if (!stored.isEmpty()) {
                int[] counts = insert.executeBatch();
                for (int i = 0; i < stored.size(); i++) {
                    // the pending row is inserted only when the event was
                    outcomes.put(stored.get(i), counts[i] == 0 ? Outcome.DUPLICATE : Outcome.STORED);
                }
            }
        }
        return outcomes;
    }

    /** The issue of each known hash, following merges; absent: a hash never seen. */
    private Map<HashKey, Target> targets(Connection connection, java.util.Set<HashKey> keys) throws SQLException {
        Map<HashKey, Target> targets = new HashMap<>();
        Long[] projects = keys.stream().map(HashKey::projectId).toArray(Long[]::new);
        String[] hashes = keys.stream().map(HashKey::hash).toArray(String[]::new);
        Map<HashKey, Long> mergedInto = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select h.project_id, h.hash, h.issue_id, i.merged_into_id, i.pending_deletion
                from issue_hash h join unnest(?::bigint[], ?::text[]) as k(project_id, hash)
                  on h.project_id = k.project_id and h.hash = k.hash
                left join issue i on i.id = h.issue_id""")) {
            query.setArray(1, connection.createArrayOf("bigint", projects));
            query.setArray(2, connection.createArrayOf("text", hashes));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    HashKey key = new HashKey(rows.getLong(1), rows.getString(2));
                    long issue = rows.getLong(3);
                    boolean tombstone = rows.wasNull();
                    long merged = rows.getLong(4);
                    boolean notMerged = rows.wasNull();
                    if (tombstone || rows.getBoolean(5)) {
                        targets.put(key, new Target(null));
                    } else if (!notMerged) {
                        mergedInto.put(key, merged);
                    } else {
                        targets.put(key, new Target(issue));
                    }
                }
            }
        }
        for (var entry : mergedInto.entrySet()) {
            targets.put(entry.getKey(), new Target(mergeParent(connection, entry.getValue())));
        }
        return targets;
    }

    /** The issue a merged one lives on in: the events of the child's hash count on the parent. */
    private Long mergeParent(Connection connection, long issueId) throws SQLException {
        long current = issueId;
        try (PreparedStatement query = connection.prepareStatement(
                "select merged_into_id, pending_deletion from issue where id = ?")) {
            for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
                query.setLong(1, current);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next() || row.getBoolean(2)) {
                        return null;
                    }
                    long next = row.getLong(1);
                    if (row.wasNull()) {
                        return current;
                    }
                    current = next;
                }
            }
        }
        return null;
    }

    /**
     * A new issue for a hash never seen in the project, with the project's next short-id number
     * and the fields of its first event; the counters start at zero and are added up by
     * {@link IssueCounters} like every other event's. When another writer made the same hash's
     * issue at the same moment, that one wins and ours is removed again.
     */
    private Long createIssue(Connection connection, HashKey key, IncomingEvent first) throws SQLException {
        long issueId;
        try (PreparedStatement insert = connection.prepareStatement("""
                with n as (update project set next_short_id = next_short_id + 1 where id = ?
                           returning next_short_id - 1 as number)
                insert into issue (project_id, short_id_number, title, culprit, level, platform, type, issue_type,
                                   issue_category, logger, metadata, times_seen, user_count, is_unhandled,
                                   first_seen, last_seen, status, substatus, priority)
                select ?, n.number, ?, ?, ?, ?, ?, 'error', 'error', ?, ?, 0, 0, ?, ?, ?, 'unresolved', 'new', ?
                from n returning id""")) {
            EventSummary summary = first.summary();
            insert.setLong(1, key.projectId());
            insert.setLong(2, key.projectId());
            insert.setString(3, EventReader.clean(summary.title()));
            insert.setString(4, EventReader.clean(summary.culprit()));
            insert.setString(5, first.level());
            insert.setString(6, first.platform());
            insert.setString(7, summary.type());
            insert.setString(8, first.logger());
            insert.setString(9, EventReader.sanitize(summary.metadata().toString()));
            insert.setBoolean(10, first.unhandled());
            insert.setTimestamp(11, Timestamp.from(first.occurredAt()));
            insert.setTimestamp(12, Timestamp.from(first.occurredAt()));
            insert.setString(13, initialPriority(first.level()));
            try (ResultSet row = insert.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("project " + key.projectId() + " is gone");
                }
                issueId = row.getLong(1);
            }
        }
        try (PreparedStatement claim = connection.prepareStatement(
                "insert into issue_hash (project_id, hash, issue_id) values (?, ?, ?) on conflict do nothing")) {
            claim.setLong(1, key.projectId());
            claim.setString(2, key.hash());
            claim.setLong(3, issueId);
            if (claim.executeUpdate() == 1) {
                return issueId;
            }
        }
        try (PreparedStatement drop = connection.prepareStatement("delete from issue where id = ?")) {
            drop.setLong(1, issueId);
            drop.executeUpdate();
        }
        Target winner = targets(connection, java.util.Set.of(key)).get(key);
        return winner == null ? null : winner.issueId();
    }

    /** Sentry's initial priority: fatal and error high, warning medium, the rest low. */
    static String initialPriority(String level) {
        return switch (level) {
            case "fatal", "error" -> "high";
            case "warning" -> "medium";
            default -> "low";
        };
    }

    private static String tagsJson(IncomingEvent e) {
        var array = JSON.createArrayBuilder();
        for (IncomingEvent.Tag tag : e.tags()) {
            array.add(JSON.createArrayBuilder().add(tag.key()).add(tag.value()));
        }
        return array.build().toString();
    }
}
