package dev.triage.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The database floor: the SQL one single-field PUT ({@code {"status": ...}}) needs, executed
 * directly over JDBC with prepared statements, no server in between. One transaction:
 * <ol>
 *   <li>read the issue with everything its answer shows (project, organization, the caller by
 *       the token's subject, the caller's membership, assignee, releases, resolution, share);</li>
 *   <li>the versioned UPDATE (on a lost race: read again and retry, as an optimistic writer must);</li>
 *   <li>INSERT the activity;</li>
 *   <li>the caller's per-user state for the answer, subscribing the caller (Sentry subscribes whoever
 *       changes the status, unless they already chose): one upsert that also reads the row;</li>
 * </ol>
 * then COMMIT. Its transactions per second are the denominator of the service's ratio.
 */
final class DatabaseFloor implements AutoCloseable {

    static final String READ_ISSUE = """
            select i.id, i.version, i.status, i.project_id, i.title, i.culprit, i.level, i.metadata, i.times_seen,
                   i.first_seen, i.last_seen, i.priority, i.substatus, i.resolved_at,
                   p.slug, p.name, p.platform, o.id, o.slug, o.name, me.id, me.username, me.email, me.name,
                   au.username, t.slug, fr.version, lr.version, rr.version, ra.username, sa.username,
                   rc.commit_key, rp.name, sh.share_id
            from issue i
            join project p on p.id = i.project_id
            join organization o on o.id = p.organization_id
            join app_user me on me.jwt_subject = ?
            left join app_user au on au.id = i.assignee_user_id
            left join team t on t.id = i.assignee_team_id
            left join release fr on fr.id = i.first_release_id
            left join release lr on lr.id = i.last_release_id
            left join release rr on rr.id = i.resolution_release_id
            left join app_user ra on ra.id = i.resolution_actor_id
            left join app_user sa on sa.id = i.snooze_actor_id
            left join repository_commit rc on rc.id = i.resolution_commit_id
            left join repository rp on rp.id = rc.repository_id
            left join issue_share sh on sh.issue_id = i.id
            where i.id = ? and not i.pending_deletion
              and exists (select 1 from organization_member m where m.organization_id = o.id and m.user_id = me.id
                          and (o.open_membership or m.role in ('owner', 'manager')
                               or exists (select 1 from project_team pt join team_member tm on tm.team_id = pt.team_id
                                          where pt.project_id = p.id and tm.user_id = me.id)))""";

    static final String UPDATE_ISSUE = """
            update issue set status = ?, substatus = ?, resolved_at = ?, resolution_actor_id = ?, version = version + 1
            where id = ? and version = ?""";

    static final String INSERT_ACTIVITY = """
            insert into activity (issue_id, project_id, user_id, type, data, date_created) values (?, ?, ?, ?, '{}', ?)""";

    static final String CALLER_STATE = """
            with subscribed as (
                insert into issue_user_state as s (issue_id, user_id, subscribed, subscription_reason)
                values (?, ?, true, 'changed_status')
                on conflict (issue_id, user_id) do update set subscribed = true, subscription_reason = 'changed_status',
                    version = s.version + 1 where s.subscribed is null
                returning last_seen_at, bookmarked_at, subscribed, subscription_reason, version)
            select * from subscribed
            union all
            select last_seen_at, bookmarked_at, subscribed, subscription_reason, version from issue_user_state
            where issue_id = ? and user_id = ? and not exists (select 1 from subscribed)""";

    private final List<Worker> workers = new ArrayList<>();

    DatabaseFloor(List<Connection> connections) throws SQLException {
        for (Connection connection : connections) {
            workers.add(new Worker(connection));
        }
    }

    /** One PUT's transaction by worker {@code worker} on the issue {@code ids} names. */
    Http.Answer put(int worker, IntSupplier ids, String subject) throws SQLException {
        workers.get(worker).put(ids.getAsInt(), subject);
        return new Http.Answer(200, "");
    }

    @Override
    public void close() throws SQLException {
        for (Worker worker : workers) {
            worker.connection.close();
        }
    }

    private static final class Worker {
        final Connection connection;
        final PreparedStatement read;
        final PreparedStatement update;
        final PreparedStatement insert;
        final PreparedStatement state;

        Worker(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            read = connection.prepareStatement(READ_ISSUE);
            update = connection.prepareStatement(UPDATE_ISSUE);
            insert = connection.prepareStatement(INSERT_ACTIVITY);
            state = connection.prepareStatement(CALLER_STATE);
        }

        void put(long issueId, String subject) throws SQLException {
            try {
                long userId;
                long projectId;
                boolean resolve;
                while (true) {
                    read.setString(1, subject);
                    read.setLong(2, issueId);
                    long version;
                    try (ResultSet row = read.executeQuery()) {
                        if (!row.next()) {
                            throw new SQLException("floor: issue " + issueId + " not visible to " + subject);
                        }
                        version = row.getLong(2);
                        resolve = !"resolved".equals(row.getString(3));
                        projectId = row.getLong(4);
                        userId = row.getLong(21);
                    }
                    Timestamp now = Timestamp.from(Instant.now());
                    update.setString(1, resolve ? "resolved" : "unresolved");
                    update.setString(2, resolve ? null : "ongoing");
                    update.setTimestamp(3, resolve ? now : null);
                    if (resolve) {
                        update.setLong(4, userId);
                    } else {
                        update.setNull(4, java.sql.Types.BIGINT);
                    }
                    update.setLong(5, issueId);
                    update.setLong(6, version);
                    if (update.executeUpdate() == 1) {
                        break;
                    }
                    // another writer was first: its row is committed now, read it and try again
                }
                insert.setLong(1, issueId);
                insert.setLong(2, projectId);
                insert.setLong(3, userId);
                insert.setString(4, resolve ? "set_resolved" : "set_unresolved");
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                state.setLong(1, issueId);
                state.setLong(2, userId);
                state.setLong(3, issueId);
                state.setLong(4, userId);
                try (ResultSet row = state.executeQuery()) {
                    row.next();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
