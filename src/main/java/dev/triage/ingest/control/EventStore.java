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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * issue (found by its grouping hash; a new hash makes a new issue); {@link IssueCounters} adds
 * it to the issue's counters later, in batches, finding it by the transaction that stored it. So
 * an acknowledged event survives a crash of the service (it is committed, and the counter's
 * cursor has not passed it), and a hot issue's row is written once per batch, not once per event.
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
        Map<Long, Map<String, IncomingEvent>> unseen = new TreeMap<>();
        for (var entry : firstOfHash.entrySet()) {
            if (!targets.containsKey(entry.getKey())) {
                unseen.computeIfAbsent(entry.getKey().projectId(), k -> new TreeMap<>())
                        .put(entry.getKey().hash(), entry.getValue().event());
            }
        }
        if (!unseen.isEmpty()) {
            // projects in id order: two writers lock their rows in the same order, so never deadlock
            Map<Long, Long> firstNumbers = new HashMap<>();
            for (var project : unseen.entrySet()) {
                firstNumbers.put(project.getKey(), shortIdNumbers(connection, project.getKey(), project.getValue().size()));
            }
            // the numbers are taken in a transaction of their own, so the project's row is free for
            // the other writer at once instead of after this batch's events (measured: the writers
            // making scenario (a)'s 1,000 issues waited for each other); a batch that fails after
            // this leaves a gap in the project's numbers, as Sentry's counter does
            connection.commit();
            for (var project : unseen.entrySet()) {
                targets.putAll(createIssues(connection, project.getKey(), firstNumbers.get(project.getKey()),
                        project.getValue()));
            }
        }
        // by identity: a Pending's record hashCode would hash its whole event, payload included
        Map<Pending, Outcome> outcomes = new IdentityHashMap<>();
        List<Pending> stored = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into event (project_id, issue_id, event_id, hash, occurred_at, received_at, level, platform,
                                   release, environment, user_key, title, culprit, message, tags, size, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb)
                on conflict (project_id, event_id) do nothing""")) {
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
                    // a retry of a stored event_id inserts nothing
                    outcomes.put(stored.get(i), counts[i] == 0 ? Outcome.DUPLICATE : Outcome.STORED);
                }
            }
        }
        return outcomes;
    }

    /** The issue of each known hash, following merges; absent: a hash never seen. */
    private Map<HashKey, Target> targets(Connection connection, Set<HashKey> keys) throws SQLException {
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

    /** Takes {@code n} short-id numbers of the project: answers the first. */
    private static long shortIdNumbers(Connection connection, long projectId, int n) throws SQLException {
        try (PreparedStatement numbers = connection.prepareStatement(
                "update project set next_short_id = next_short_id + ? where id = ? returning next_short_id - ?")) {
            numbers.setInt(1, n);
            numbers.setLong(2, projectId);
            numbers.setInt(3, n);
            try (ResultSet row = numbers.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("project " + projectId + " is gone");
                }
                return row.getLong(1);
            }
        }
    }

    /**
     * New issues for the hashes never seen in a project, numbered from {@code firstNumber} on,
     * with the fields of each hash's first event, in three statements however many there are (a
     * batch of scenario (a)'s first events holds dozens). The counters start at zero and are added
     * up by {@link IssueCounters} like every other event's. When another writer made a hash's issue
     * at the same moment, that one wins and ours is removed again (the hashes are claimed in
     * order, so two writers' claims never deadlock).
     *
     * @param firstEvents  by hash (sorted), the batch's first event of each
     */
    private Map<HashKey, Target> createIssues(Connection connection, long projectId, long firstNumber,
                                              Map<String, IncomingEvent> firstEvents) throws SQLException {
        int n = firstEvents.size();
        List<String> hashes = new ArrayList<>(firstEvents.keySet());
        Long[] shortIds = new Long[n];
        String[] titles = new String[n];
        String[] culprits = new String[n];
        String[] levels = new String[n];
        String[] platforms = new String[n];
        String[] types = new String[n];
        String[] loggers = new String[n];
        String[] metadata = new String[n];
        Boolean[] unhandled = new Boolean[n];
        String[] seen = new String[n];
        String[] priorities = new String[n];
        for (int i = 0; i < n; i++) {
            IncomingEvent first = firstEvents.get(hashes.get(i));
            EventSummary summary = first.summary();
            shortIds[i] = firstNumber + i;
            titles[i] = EventReader.clean(summary.title());
            culprits[i] = EventReader.clean(summary.culprit());
            levels[i] = first.level();
            platforms[i] = first.platform();
            types[i] = summary.type();
            loggers[i] = first.logger();
            metadata[i] = EventReader.sanitize(summary.metadata().toString());
            unhandled[i] = first.unhandled();
            seen[i] = first.occurredAt().toString();
            priorities[i] = initialPriority(first.level());
        }
        Map<Long, String> hashOfIssue = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into issue (project_id, short_id_number, title, culprit, level, platform, type, issue_type,
                                   issue_category, logger, metadata, times_seen, user_count, is_unhandled,
                                   first_seen, last_seen, status, substatus, priority)
                select ?, v.number, v.title, v.culprit, v.level, v.platform, v.type, 'error', 'error', v.logger,
                       v.metadata, 0, 0, v.unhandled, v.seen, v.seen, 'unresolved', 'new', v.priority
                from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::boolean[], ?::timestamptz[], ?::text[])
                     as v(number, title, culprit, level, platform, type, logger, metadata, unhandled, seen, priority)
                returning id, short_id_number""")) {
            insert.setLong(1, projectId);
            insert.setArray(2, connection.createArrayOf("bigint", shortIds));
            insert.setArray(3, connection.createArrayOf("text", titles));
            insert.setArray(4, connection.createArrayOf("text", culprits));
            insert.setArray(5, connection.createArrayOf("text", levels));
            insert.setArray(6, connection.createArrayOf("text", platforms));
            insert.setArray(7, connection.createArrayOf("text", types));
            insert.setArray(8, connection.createArrayOf("text", loggers));
            insert.setArray(9, connection.createArrayOf("text", metadata));
            insert.setArray(10, connection.createArrayOf("boolean", unhandled));
            insert.setArray(11, connection.createArrayOf("text", seen));
            insert.setArray(12, connection.createArrayOf("text", priorities));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    hashOfIssue.put(rows.getLong(1), hashes.get((int) (rows.getLong(2) - firstNumber)));
                }
            }
        }
        Map<HashKey, Target> made = new HashMap<>();
        try (PreparedStatement claim = connection.prepareStatement("""
                insert into issue_hash (project_id, hash, issue_id)
                select ?, v.hash, v.issue_id from unnest(?::text[], ?::bigint[]) as v(hash, issue_id)
                on conflict do nothing returning issue_id""")) {
            List<Long> issues = new ArrayList<>(hashOfIssue.keySet());
            issues.sort(Comparator.comparing(hashOfIssue::get));
            claim.setLong(1, projectId);
            claim.setArray(2, connection.createArrayOf("text", issues.stream().map(hashOfIssue::get).toArray(String[]::new)));
            claim.setArray(3, connection.createArrayOf("bigint", issues.toArray(Long[]::new)));
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    long issue = rows.getLong(1);
                    made.put(new HashKey(projectId, hashOfIssue.remove(issue)), new Target(issue));
                }
            }
        }
        if (!hashOfIssue.isEmpty()) {
            // lost races: the other writer's issues take these hashes' events
            try (PreparedStatement drop = connection.prepareStatement("delete from issue where id = any(?)")) {
                drop.setArray(1, connection.createArrayOf("bigint", hashOfIssue.keySet().toArray(Long[]::new)));
                drop.executeUpdate();
            }
            Set<HashKey> lost = new HashSet<>();
            hashOfIssue.values().forEach(hash -> lost.add(new HashKey(projectId, hash)));
            Map<HashKey, Target> winners = targets(connection, lost);
            for (HashKey key : lost) {
                made.put(key, winners.getOrDefault(key, new Target(null)));
            }
        }
        return made;
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
