package dev.triage.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct access to the test database: fresh issues for tests that change things (so tests stay
 * independent of each other and of the demo data), and reads of what a call left behind.
 */
public final class Fixtures {

    private Fixtures() {}

    /** A new issue of a project, to describe further before {@link IssueFixture#create()}. */
    public static IssueFixture issue(long projectId) {
        return new IssueFixture(projectId);
    }

    /** A new unresolved issue in a project, with the project's next short id. */
    public static long newIssue(long projectId, String title) {
        return issue(projectId).titled(title).create();
    }

    /**
     * A new organization (open membership) of its own, with jane as owner and john as member, so
     * that what a test adds there shows in no other test's listings. Answers its id.
     */
    public static long newOrganization(String prefix) {
        long org = single("insert into organization (slug, name) values (?, ?) returning id",
                prefix + "-" + Long.toString(System.nanoTime(), 36), prefix);
        execute("insert into organization_member (organization_id, user_id, role) values (?, 1, 'owner'),"
                + " (?, 2, 'member')", org, org);
        return org;
    }

    public static String organizationSlug(long id) {
        return (String) value("select slug from organization where id = ?", id);
    }

    /** A new project of an organization, with a unique slug starting with {@code prefix}. */
    public static String newProject(long organizationId, String prefix) {
        String slug = prefix + "-" + Long.toString(System.nanoTime(), 36);
        single("insert into project (organization_id, slug, name) values (?, ?, ?) returning id",
                organizationId, slug, slug);
        return slug;
    }

    public static long projectId(String slug) {
        return single("select id from project where slug = ?", slug);
    }

    /** {@code count} new issues of a project at once, last seen one minute apart (the first most recently). */
    public static List<Long> newIssues(String projectSlug, int count, String title) {
        long project = projectId(projectSlug);
        List<Long> ids = rows("""
                with n as (update project set next_short_id = next_short_id + ? where id = ? returning next_short_id - ? as first)
                insert into issue (project_id, short_id_number, title, culprit, level, platform, type, metadata,
                                   times_seen, user_count, first_seen, last_seen, status, substatus, priority,
                                   initial_priority)
                select ?, n.first + g - 1, ? || ' ' || g, 'fixture', 'error', 'python', 'error', '{"title": "fixture"}',
                       g, 1, now() - interval '30 days', now() - g * interval '1 minute', 'unresolved', 'ongoing', 'medium', 'medium'
                from n, generate_series(1, ?) g returning id""", count, project, count, project, title, count)
                .stream().map(r -> ((Number) r.get(0)).longValue()).sorted().toList();
        return ids;
    }

    public static long single(String sql, Object... args) {
        List<List<Object>> rows = rows(sql, args);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    public static Object value(String sql, Object... args) {
        List<List<Object>> rows = rows(sql, args);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public static List<List<Object>> rows(String sql, Object... args) {
        try (Connection c = TestEnvironment.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            if (s.execute()) {
                try (ResultSet r = s.getResultSet()) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            row.add(r.getObject(i));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static int execute(String sql, Object... args) {
        try (Connection c = TestEnvironment.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
