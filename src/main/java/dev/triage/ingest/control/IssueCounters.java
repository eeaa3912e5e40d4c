package dev.triage.ingest.control;

import jakarta.json.spi.JsonProvider;
import dev.triage.activity.control.ActivityLog;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueStatus;
import dev.triage.issue.entity.Resolution;
import dev.triage.issue.entity.ResolutionType;
import dev.triage.issue.entity.Snooze;
import dev.triage.issue.entity.Substatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Adds stored events to their issues, in batches: the counters (count, userCount, first and last
 * seen, releases, level, culprit), the hourly counts behind {@code stats}, the tag counts behind
 * {@code tags}, and then the triage rules the events trigger (regression, expiry of ignore
 * conditions, escalation). A batch moves its durable cursor past its events in the same
 * transaction that adds them up, so each event is counted exactly once, even across a crash; and
 * each issue's row is written once per batch however many of its events the batch holds.
 */
@ApplicationScoped
public class IssueCounters {

    /** Looked up once: {@code Json.create*} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    ActivityLog activities;

    @Inject
    Clock clock;

    record Counted(long id, long issueId, long projectId, long organizationId, Instant occurred, Instant received,
                   String level, String culprit, String release, String userKey, String tags) {}

    private static final class IssueTotals {
        long events;
        Instant first;
        Instant last;
        Counted latest;
        String firstRelease;
        Instant firstReleaseAt;
        final Set<String> users = new HashSet<>();
    }

    record ReleaseRow(long id, String version, Instant dateCreated) {}

    /** Merges are flattened (a child's children move to its parent), so one hop is the rule. */
    private static final int MAX_MERGE_HOPS = 8;

    /**
     * Counts up to {@code limit} stored, not yet counted events.
     *
     * @return how many were counted (fewer than the limit: none is waiting now)
     */
    @Transactional
    public int countBatch(int limit) {
        Instant now = Instant.now(clock);
        Map<Long, List<Counted>> byIssue = new TreeMap<>();
        Map<String, ReleaseRow> releases = new HashMap<>();
        int counted = em.unwrap(Session.class).doReturningWork(connection -> {
            List<Counted> taken = take(connection, limit);
            if (taken.isEmpty()) {
                return 0;
            }
            List<Counted> events = onLiveIssues(connection, taken);
            for (Counted e : events) {
                byIssue.computeIfAbsent(e.issueId(), k -> new ArrayList<>()).add(e);
            }
            releases.putAll(releases(connection, events));
            Map<Long, Integer> newUsers = users(connection, events);
            hourly(connection, events);
            tags(connection, events);
            issues(connection, byIssue, newUsers, releases);
            return events.size();
        });
        if (counted > 0) {
            applyRules(byIssue, releases, now);
        }
        return counted;
    }

    /**
     * Adds merged issues' counters to the issue they are merged into, within the merge's
     * transaction: {@code count} and the distinct users (the children's users join the parent's,
     * so one user of both counts once), first and last seen. Everything is added in SQL to the
     * values current under a row lock, never written back from an entity read earlier, so nothing
     * the counter batch adds is lost: the batch locks the same rows (in the same id order) for
     * its whole transaction, and counts events of a merged issue on its parent from then on.
     * The children's own children move to the parent, so merges stay one hop deep.
     */
    public void addMerged(long parentId, List<Long> childIds) {
        em.unwrap(Session.class).doWork(connection -> {
            Set<Long> all = new TreeSet<>(childIds);
            all.add(parentId);
            mergedInto(connection, all, true);
            Array children = connection.createArrayOf("bigint", childIds.toArray(Long[]::new));
            int newUsers;
            try (PreparedStatement users = connection.prepareStatement("""
                    insert into issue_user (issue_id, user_key, first_seen)
                    select ?, user_key, min(first_seen) from issue_user where issue_id = any(?) group by user_key
                    on conflict do nothing""")) {
                users.setLong(1, parentId);
                users.setArray(2, children);
                newUsers = users.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    update issue p set
                      times_seen = p.times_seen + c.n,
                      -- rows older than the per-user table (demo data) know only their count
                      user_count = greatest(p.user_count + ?, c.users),
                      first_seen = least(coalesce(p.first_seen, c.first_seen), c.first_seen),
                      last_seen = greatest(coalesce(p.last_seen, c.last_seen), c.last_seen),
                      first_release_id = coalesce(p.first_release_id, c.first_release)
                    from (select coalesce(sum(times_seen), 0) as n, max(user_count) as users,
                                 min(first_seen) as first_seen, max(last_seen) as last_seen,
                                 (array_agg(first_release_id order by first_seen)
                                    filter (where first_release_id is not null))[1] as first_release
                          from issue where id = any(?)) c
                    where p.id = ?""")) {
                update.setInt(1, newUsers);
                update.setArray(2, children);
                update.setLong(3, parentId);
                update.executeUpdate();
            }
            try (PreparedStatement flatten = connection.prepareStatement(
                    "update issue set merged_into_id = ?, version = version + 1 where merged_into_id = any(?)")) {
                flatten.setLong(1, parentId);
                flatten.setArray(2, children);
                flatten.executeUpdate();
            }
        });
    }

    /**
     * Takes the next {@code limit} uncounted events and moves the counter's cursor past them (see
     * V74): in (xact, id) order, only events of transactions older than every one still running,
     * so that no event committed later can sort before the cursor. The cursor row is locked for
     * the batch's transaction; a second counter (another instance) finds it locked and leaves the
     * events to this one. One index scan from the cursor on, whatever was counted before.
     */
    private List<Counted> take(Connection connection, int limit) throws SQLException {
        String throughXact;
        long throughId;
        try (PreparedStatement cursor = connection.prepareStatement(
                "select through_xact::text, through_id from event_count_cursor for update skip locked");
             ResultSet r = cursor.executeQuery()) {
            if (!r.next()) {
                return List.of();
            }
            throughXact = r.getString(1);
            throughId = r.getLong(2);
        }
        List<Counted> events = new ArrayList<>();
        try (PreparedStatement read = connection.prepareStatement("""
                select e.id, e.issue_id, e.project_id, p.organization_id, e.occurred_at, e.received_at, e.level,
                       e.culprit, e.release, e.user_key, e.tags::text, e.xact::text
                from event e join project p on p.id = e.project_id
                where (e.xact, e.id) > (?::xid8, ?) and e.xact < pg_snapshot_xmin(pg_current_snapshot())
                order by e.xact, e.id
                limit ?""")) {
            read.setString(1, throughXact);
            read.setLong(2, throughId);
            read.setInt(3, limit);
            try (ResultSet r = read.executeQuery()) {
                while (r.next()) {
                    events.add(new Counted(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                            r.getTimestamp(5).toInstant(), r.getTimestamp(6).toInstant(), r.getString(7),
                            r.getString(8), r.getString(9), r.getString(10), r.getString(11)));
                    throughXact = r.getString(12);
                    throughId = r.getLong(1);
                }
            }
        }
        if (!events.isEmpty()) {
            try (PreparedStatement advance = connection.prepareStatement(
                    "update event_count_cursor set through_xact = ?::xid8, through_id = ?")) {
                advance.setString(1, throughXact);
                advance.setLong(2, throughId);
                advance.executeUpdate();
            }
        }
        return events;
    }

    /**
     * The events, each moved onto the issue its own was merged into (if it was), with that issue's
     * row locked until the batch commits. A merge locks the same rows before it adds a child's
     * counters to its parent, so the two never interleave: an event counted on a child before the
     * merge is in the child's counters the merge adds; one counted after it goes to the parent
     * directly. Locked in id order (as a merge does) so that the two do not deadlock.
     */
    private List<Counted> onLiveIssues(Connection connection, List<Counted> events) throws SQLException {
        Map<Long, Long> live = new HashMap<>();
        Set<Long> unknown = new TreeSet<>();
        for (Counted e : events) {
            unknown.add(e.issueId());
        }
        // a plain read finds where merges point; only the issues counted on are locked
        Map<Long, Long> mergedInto = mergedInto(connection, unknown, false);
        for (int hop = 0; hop < MAX_MERGE_HOPS && !unknown.isEmpty(); hop++) {
            Set<Long> next = new TreeSet<>();
            for (Long id : unknown) {
                Long target = follow(id, mergedInto);
                live.put(id, target);
                next.add(target);
            }
            // locking answers each row's latest version: a merge committed since the read above shows here
            Map<Long, Long> locked = mergedInto(connection, next, true);
            unknown = new TreeSet<>();
            for (var entry : locked.entrySet()) {
                if (entry.getValue() != null) {
                    mergedInto.put(entry.getKey(), entry.getValue());
                    unknown.add(entry.getKey());
                }
            }
            if (!unknown.isEmpty()) {
                // rare: merged between the read and the lock; the issues pointing there move on too
                for (var entry : live.entrySet()) {
                    if (unknown.contains(entry.getValue())) {
                        unknown.add(entry.getKey());
                    }
                }
            }
        }
        List<Counted> moved = new ArrayList<>(events.size());
        for (Counted e : events) {
            long target = live.getOrDefault(e.issueId(), e.issueId());
            moved.add(target == e.issueId() ? e : new Counted(e.id(), target, e.projectId(), e.organizationId(),
                    e.occurred(), e.received(), e.level(), e.culprit(), e.release(), e.userKey(), e.tags()));
        }
        return moved;
    }

    private static long follow(long id, Map<Long, Long> mergedInto) {
        long current = id;
        for (int hop = 0; hop < MAX_MERGE_HOPS && mergedInto.get(current) != null; hop++) {
            current = mergedInto.get(current);
        }
        return current;
    }

    /**
     * Where each issue was merged into (null: it was not), optionally locking the rows in id order.
     * The lock is {@code for no key update}, the one an {@code UPDATE} of the row takes: it keeps
     * merges, batches and edits of the issue apart, but not the event writers, whose foreign key
     * checks take {@code for key share} on the issue row; {@code for update} would make every
     * event of the batch's issues wait for the batch's commit, and the batch for the writers'
     * (measured: 39 % of PostgreSQL's busy time in scenario (a) was these waits).
     */
    private static Map<Long, Long> mergedInto(Connection connection, Set<Long> ids, boolean lock) throws SQLException {
        Map<Long, Long> found = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select id, merged_into_id from issue where id = any(?) order by id" + (lock ? " for no key update" : ""))) {
            query.setArray(1, connection.createArrayOf("bigint", ids.toArray(Long[]::new)));
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    long into = r.getLong(2);
                    Long merged = r.wasNull() ? null : into;
                    found.put(r.getLong(1), merged);
                }
            }
        }
        return found;
    }

    /** Releases are created when first seen, as Sentry does, and tied to the event's project. */
    private Map<String, ReleaseRow> releases(Connection connection, List<Counted> events) throws SQLException {
        record Key(long organizationId, long projectId, String version) {}
        Set<Key> keys = new HashSet<>();
        for (Counted e : events) {
            if (e.release() != null) {
                keys.add(new Key(e.organizationId(), e.projectId(), e.release()));
            }
        }
        Map<String, ReleaseRow> rows = new HashMap<>();
        if (keys.isEmpty()) {
            return rows;
        }
        Long[] orgs = keys.stream().map(Key::organizationId).toArray(Long[]::new);
        Long[] projects = keys.stream().map(Key::projectId).toArray(Long[]::new);
        String[] versions = keys.stream().map(Key::version).toArray(String[]::new);
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into release (organization_id, version)
                select distinct o, v from unnest(?::bigint[], ?::text[]) as k(o, v)
                on conflict (organization_id, version) do nothing""")) {
            insert.setArray(1, connection.createArrayOf("bigint", orgs));
            insert.setArray(2, connection.createArrayOf("text", versions));
            insert.executeUpdate();
        }
        try (PreparedStatement link = connection.prepareStatement("""
                insert into release_project (release_id, project_id)
                select r.id, k.p from unnest(?::bigint[], ?::bigint[], ?::text[]) as k(o, p, v)
                join release r on r.organization_id = k.o and r.version = k.v
                on conflict do nothing""")) {
            link.setArray(1, connection.createArrayOf("bigint", orgs));
            link.setArray(2, connection.createArrayOf("bigint", projects));
            link.setArray(3, connection.createArrayOf("text", versions));
            link.executeUpdate();
        }
        try (PreparedStatement query = connection.prepareStatement("""
                select distinct r.id, r.organization_id, r.version, r.date_created
                from unnest(?::bigint[], ?::text[]) as k(o, v)
                join release r on r.organization_id = k.o and r.version = k.v""")) {
            query.setArray(1, connection.createArrayOf("bigint", orgs));
            query.setArray(2, connection.createArrayOf("text", versions));
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getLong(2) + "/" + r.getString(3),
                            new ReleaseRow(r.getLong(1), r.getString(3), r.getTimestamp(4).toInstant()));
                }
            }
        }
        return rows;
    }

    /** Distinct users per issue: answers how many are new to each issue. */
    private Map<Long, Integer> users(Connection connection, List<Counted> events) throws SQLException {
        Map<String, Counted> firstOfUser = new LinkedHashMap<>();
        for (Counted e : events) {
            if (e.userKey() != null) {
                firstOfUser.merge(e.issueId() + "\u0000" + e.userKey(), e,
                        (a, b) -> a.occurred().isBefore(b.occurred()) ? a : b);
            }
        }
        Map<Long, Integer> added = new HashMap<>();
        if (firstOfUser.isEmpty()) {
            return added;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into issue_user (issue_id, user_key, first_seen)
                select * from unnest(?::bigint[], ?::text[], ?::timestamptz[])
                on conflict do nothing returning issue_id""")) {
            insert.setArray(1, connection.createArrayOf("bigint",
                    firstOfUser.values().stream().map(Counted::issueId).toArray(Long[]::new)));
            insert.setArray(2, connection.createArrayOf("text",
                    firstOfUser.values().stream().map(Counted::userKey).toArray(String[]::new)));
            insert.setArray(3, connection.createArrayOf("text",
                    firstOfUser.values().stream().map(e -> e.occurred().toString()).toArray(String[]::new)));
            try (ResultSet r = insert.executeQuery()) {
                while (r.next()) {
                    added.merge(r.getLong(1), 1, Integer::sum);
                }
            }
        }
        return added;
    }

    private void hourly(Connection connection, List<Counted> events) throws SQLException {
        record Key(long issueId, Instant hour) {}
        Map<Key, Long> counts = new HashMap<>();
        for (Counted e : events) {
            counts.merge(new Key(e.issueId(), e.occurred().truncatedTo(ChronoUnit.HOURS)), 1L, Long::sum);
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into issue_hourly (issue_id, hour, events)
                select * from unnest(?::bigint[], ?::timestamptz[], ?::bigint[])
                on conflict (issue_id, hour) do update set events = issue_hourly.events + excluded.events""")) {
            List<Key> keys = new ArrayList<>(counts.keySet());
            keys.sort(Comparator.comparing(Key::issueId).thenComparing(Key::hour));
            upsert.setArray(1, connection.createArrayOf("bigint", keys.stream().map(Key::issueId).toArray(Long[]::new)));
            upsert.setArray(2, connection.createArrayOf("text", keys.stream().map(k -> k.hour().toString()).toArray(String[]::new)));
            upsert.setArray(3, connection.createArrayOf("bigint", keys.stream().map(counts::get).toArray(Long[]::new)));
            upsert.executeUpdate();
        }
    }

    private void tags(Connection connection, List<Counted> events) throws SQLException {
        record Key(long issueId, String key, String value) {}
        final class Seen {
            long count;
            Instant first;
            Instant last;
        }
        Map<Key, Seen> seen = new HashMap<>();
        for (Counted e : events) {
            try (JsonReader reader = JSON.createReader(new StringReader(e.tags()))) {
                for (var pair : reader.readArray()) {
                    JsonArray kv = pair.asJsonArray();
                    Seen s = seen.computeIfAbsent(new Key(e.issueId(), kv.getString(0), kv.getString(1)), k -> new Seen());
                    s.count++;
                    s.first = s.first == null || e.occurred().isBefore(s.first) ? e.occurred() : s.first;
                    s.last = s.last == null || e.occurred().isAfter(s.last) ? e.occurred() : s.last;
                }
            }
        }
        if (seen.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(seen.keySet());
        keys.sort(Comparator.comparing(Key::issueId).thenComparing(Key::key).thenComparing(Key::value));
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
                select * from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::timestamptz[])
                on conflict (issue_id, key, value) do update set
                  times_seen = issue_tag_value.times_seen + excluded.times_seen,
                  first_seen = least(issue_tag_value.first_seen, excluded.first_seen),
                  last_seen = greatest(issue_tag_value.last_seen, excluded.last_seen)""")) {
            upsert.setArray(1, connection.createArrayOf("bigint", keys.stream().map(Key::issueId).toArray(Long[]::new)));
            upsert.setArray(2, connection.createArrayOf("text", keys.stream().map(Key::key).toArray(String[]::new)));
            upsert.setArray(3, connection.createArrayOf("text", keys.stream().map(Key::value).toArray(String[]::new)));
            upsert.setArray(4, connection.createArrayOf("bigint", keys.stream().map(k -> seen.get(k).count).toArray(Long[]::new)));
            upsert.setArray(5, connection.createArrayOf("text", keys.stream().map(k -> seen.get(k).first.toString()).toArray(String[]::new)));
            upsert.setArray(6, connection.createArrayOf("text", keys.stream().map(k -> seen.get(k).last.toString()).toArray(String[]::new)));
            upsert.executeUpdate();
        }
    }

    /**
     * One UPDATE for all issues of the batch. Counters are added, never overwritten, so they stay
     * exact whatever else writes the row; they do not move the issue's version (an event is no
     * edit: a client's If-Match stays valid).
     */
    private void issues(Connection connection, Map<Long, List<Counted>> byIssue, Map<Long, Integer> newUsers,
                        Map<String, ReleaseRow> releases) throws SQLException {
        List<Long> ids = new ArrayList<>(byIssue.keySet());
        int n = ids.size();
        Long[] counts = new Long[n];
        Long[] users = new Long[n];
        String[] firsts = new String[n];
        String[] lasts = new String[n];
        Long[] firstReleases = new Long[n];
        Long[] lastReleases = new Long[n];
        String[] levels = new String[n];
        String[] culprits = new String[n];
        for (int i = 0; i < n; i++) {
            List<Counted> events = byIssue.get(ids.get(i));
            Counted earliest = events.stream().min(Comparator.comparing(Counted::occurred)).orElseThrow();
            Counted latest = events.stream().max(Comparator.comparing(Counted::occurred)).orElseThrow();
            Counted earliestReleased = events.stream().filter(e -> e.release() != null)
                    .min(Comparator.comparing(Counted::occurred)).orElse(null);
            Counted latestReleased = events.stream().filter(e -> e.release() != null)
                    .max(Comparator.comparing(Counted::occurred)).orElse(null);
            counts[i] = (long) events.size();
            users[i] = (long) newUsers.getOrDefault(ids.get(i), 0);
            firsts[i] = earliest.occurred().toString();
            lasts[i] = latest.occurred().toString();
            firstReleases[i] = releaseId(releases, earliestReleased);
            lastReleases[i] = releaseId(releases, latestReleased);
            levels[i] = latest.level();
            culprits[i] = latest.culprit();
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update issue i set
                  times_seen = i.times_seen + v.n,
                  user_count = i.user_count + v.new_users,
                  first_seen = least(coalesce(i.first_seen, v.first_seen), v.first_seen),
                  last_seen = greatest(coalesce(i.last_seen, v.last_seen), v.last_seen),
                  first_release_id = coalesce(i.first_release_id, v.first_release),
                  last_release_id = coalesce(v.last_release, i.last_release_id),
                  level = case when v.last_seen >= coalesce(i.last_seen, v.last_seen) then v.level else i.level end,
                  culprit = case when v.last_seen >= coalesce(i.last_seen, v.last_seen)
                                 then coalesce(v.culprit, i.culprit) else i.culprit end
                from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::timestamptz[],
                            ?::bigint[], ?::bigint[], ?::text[], ?::text[])
                     as v(id, n, new_users, first_seen, last_seen, first_release, last_release, level, culprit)
                where i.id = v.id""")) {
            update.setArray(1, connection.createArrayOf("bigint", ids.toArray(Long[]::new)));
            update.setArray(2, connection.createArrayOf("bigint", counts));
            update.setArray(3, connection.createArrayOf("bigint", users));
            update.setArray(4, connection.createArrayOf("text", firsts));
            update.setArray(5, connection.createArrayOf("text", lasts));
            update.setArray(6, connection.createArrayOf("bigint", firstReleases));
            update.setArray(7, connection.createArrayOf("bigint", lastReleases));
            update.setArray(8, connection.createArrayOf("text", levels));
            update.setArray(9, connection.createArrayOf("text", culprits));
            update.executeUpdate();
        }
    }

    private static Long releaseId(Map<String, ReleaseRow> releases, Counted event) {
        if (event == null) {
            return null;
        }
        ReleaseRow row = releases.get(event.organizationId() + "/" + event.release());
        return row == null ? null : row.id();
    }

    /** Regression, expiry of ignore conditions and escalation, for the issues the batch touched. */
    private void applyRules(Map<Long, List<Counted>> byIssue, Map<String, ReleaseRow> releases, Instant now) {
        List<Issue> triaged = em.createQuery(
                        "select i from Issue i where i.id in :ids and i.status <> :unresolved", Issue.class)
                .setParameter("ids", byIssue.keySet())
                .setParameter("unresolved", IssueStatus.UNRESOLVED)
                .getResultList();
        for (Issue issue : triaged) {
            List<Counted> events = byIssue.get(issue.id());
            if (issue.status() == IssueStatus.RESOLVED) {
                regress(issue, events, releases, now);
            } else if (issue.status() == IssueStatus.IGNORED) {
                expireIgnore(issue, now);
            }
        }
        em.flush();
    }

    private void regress(Issue issue, List<Counted> events, Map<String, ReleaseRow> releases, Instant now) {
        Resolution resolution = issue.resolution();
        ResolutionType type = resolution == null ? null : resolution.type();
        ReleaseOrder.Release resolvedIn;
        if (type == ResolutionType.IN_COMMIT) {
            resolvedIn = resolution.commit() == null ? null : firstReleaseContaining(resolution.commit().id(),
                    issue.project().id());
        } else {
            resolvedIn = resolution == null || resolution.release() == null ? null
                    : new ReleaseOrder.Release(resolution.release().version(), resolution.release().dateCreated());
        }
        for (Counted event : events) {
            ReleaseRow row = event.release() == null ? null : releases.get(event.organizationId() + "/" + event.release());
            ReleaseOrder.Release release = row == null ? null : new ReleaseOrder.Release(row.version(), row.dateCreated());
            if (TriageRules.regresses(type == null ? null : type.wireName(), resolvedIn, release)) {
                issue.unresolve(Substatus.REGRESSED, now);
                activities.record(issue.id(), issue.project().id(), null,
                        ActivityLog.regression(release == null ? null : release.version()), now);
                return;
            }
        }
    }

    /**
     * The first of the project's releases that contains the commit (by {@link ReleaseOrder}), as
     * sentry-cli's {@code set-commits} recorded it; null while none is known to.
     */
    private ReleaseOrder.Release firstReleaseContaining(long commitId, long projectId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select r.version, r.date_created from release_commit rc
                        join release r on r.id = rc.release_id
                        join release_project rp on rp.release_id = r.id and rp.project_id = ?2
                        where rc.commit_id = ?1""")
                .setParameter(1, commitId)
                .setParameter(2, projectId)
                .getResultList();
        return rows.stream()
                .map(r -> new ReleaseOrder.Release((String) r[0], IssueRollups.instant(r[1])))
                .min(ReleaseOrder::compare)
                .orElse(null);
    }

    /** Ends an ignore whose condition is met (or an archive that escalates); see §7. */
    private void expireIgnore(Issue issue, Instant now) {
        if (issue.substatus() == Substatus.ARCHIVED_UNTIL_ESCALATING) {
            if (TriageRules.escalates(eventsSince(issue, now.minus(Duration.ofHours(1))),
                    hourlyTotal(issue, now.minus(Duration.ofDays(7))))) {
                unignore(issue, Substatus.ESCALATING, ActivityLog.escalating(), now);
            }
            return;
        }
        Snooze snooze = issue.snooze();
        if (snooze == null) {
            return;
        }
        if (snooze.until() != null && !snooze.until().isAfter(now)) {
            unignore(issue, Substatus.ONGOING, ActivityLog.unresolved(), now);
            return;
        }
        Instant since = ignoredAt(issue);
        if (snooze.count() != null
                && eventsSince(issue, windowStart(since, snooze.window(), now)) >= snooze.count()) {
            unignore(issue, Substatus.ESCALATING, ActivityLog.escalating(), now);
            return;
        }
        if (snooze.userCount() != null
                && usersSince(issue, windowStart(since, snooze.userWindow(), now)) >= snooze.userCount()) {
            unignore(issue, Substatus.ESCALATING, ActivityLog.escalating(), now);
        }
    }

    private void unignore(Issue issue, Substatus substatus, ActivityLog.Entry activity, Instant now) {
        issue.unresolve(substatus, now);
        activities.record(issue.id(), issue.project().id(), null, activity, now);
    }

    private static Instant windowStart(Instant since, Integer windowMinutes, Instant now) {
        if (windowMinutes == null) {
            return since;
        }
        Instant windowStart = now.minus(Duration.ofMinutes(windowMinutes));
        return windowStart.isAfter(since) ? windowStart : since;
    }

    /** When the issue was last ignored: its latest {@code set_ignored} activity. */
    private Instant ignoredAt(Issue issue) {
        List<Instant> at = em.createQuery("select max(a.dateCreated) from Activity a where a.issueId = :issue"
                        + " and a.type = :type", Instant.class)
                .setParameter("issue", issue.id())
                .setParameter("type", ActivityLog.SET_IGNORED)
                .getResultList();
        return at.isEmpty() || at.get(0) == null ? Instant.EPOCH : at.get(0);
    }

    /**
     * The issue's events, its merged issues' included (stored on them before the merge), as the
     * issue's {@code stats} and {@code tags} count them and Sentry's merged time series do.
     */
    private static final String OWN_OR_MERGED = "issue_id in (select id from issue where id = ?1 or merged_into_id = ?1)";

    private long eventsSince(Issue issue, Instant from) {
        return ((Number) em.createNativeQuery("select count(*) from event where " + OWN_OR_MERGED
                        + " and received_at > ?2")
                .setParameter(1, issue.id())
                .setParameter(2, Timestamp.from(from))
                .getSingleResult()).longValue();
    }

    private long usersSince(Issue issue, Instant from) {
        return ((Number) em.createNativeQuery("select count(distinct user_key) from event where " + OWN_OR_MERGED
                        + " and received_at > ?2")
                .setParameter(1, issue.id())
                .setParameter(2, Timestamp.from(from))
                .getSingleResult()).longValue();
    }

    private long hourlyTotal(Issue issue, Instant from) {
        return ((Number) em.createNativeQuery("select coalesce(sum(events), 0) from issue_hourly where "
                        + OWN_OR_MERGED + " and hour >= ?2")
                .setParameter(1, issue.id())
                .setParameter(2, Timestamp.from(from.truncatedTo(ChronoUnit.HOURS)))
                .getSingleResult()).longValue();
    }

    /**
     * What happens without events: an ignore whose time has passed ends, and an issue first seen
     * more than 7 days ago stops being {@code new} (Sentry's rule). Answers how many issues changed.
     */
    @Transactional
    public int sweep() {
        Instant now = Instant.now(clock);
        List<Issue> expired = em.createQuery("select i from Issue i where i.status = :ignored"
                        + " and i.snooze.until <= :now", Issue.class)
                .setParameter("ignored", IssueStatus.IGNORED)
                .setParameter("now", now).getResultList();
        expired.forEach(issue -> unignore(issue, Substatus.ONGOING, ActivityLog.unresolved(), now));
        List<Issue> settled = em.createQuery("select i from Issue i where i.status = :unresolved"
                        + " and i.substatus = :new and i.firstSeen < :weekAgo", Issue.class)
                .setParameter("unresolved", IssueStatus.UNRESOLVED)
                .setParameter("new", Substatus.NEW)
                .setParameter("weekAgo", now.minus(Duration.ofDays(7))).getResultList();
        for (Issue issue : settled) {
            issue.unresolve(Substatus.ONGOING, now);
            activities.record(issue.id(), issue.project().id(), null, ActivityLog.autoOngoing(), now);
        }
        em.flush();
        return expired.size() + settled.size();
    }
}
