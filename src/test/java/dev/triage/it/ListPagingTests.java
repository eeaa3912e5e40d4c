package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The organization, project, team, member and comment lists page as Sentry's do: at most
 * {@code per_page} items (default and maximum 100), and a {@code Link} header with the previous
 * and next cursors, the one the issue list sends. Each test lists more than one page of rows it
 * made itself and follows the {@code next} links as a client does.
 */
abstract class ListPagingTests {

    static final Pattern LINK = Pattern.compile(
            "<([^>]*)>; rel=\"(previous|next)\"; results=\"(true|false)\"; cursor=\"([^\"]*)\"");

    /** What one walk through a list saw: the items' keys in order and the size of each page. */
    record Walk(List<String> keys, List<Integer> pageSizes) {}

    /** Follows {@code next} from {@code path} while it says there are results, checking every page's links. */
    static Walk walk(String path, String token, Function<JsonObject, String> key) {
        List<String> keys = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String next = path;
        boolean first = true;
        while (next != null) {
            Api.Answer page = Api.get(next, token);
            assertEquals(200, page.status(), () -> page.toString());
            page.array().forEach(item -> keys.add(key.apply(item.asJsonObject())));
            sizes.add(page.array().size());
            String link = page.header("Link").orElseThrow(() -> new AssertionError("no Link: " + page.headers()));
            Matcher matcher = LINK.matcher(link);
            assertTrue(matcher.find(), link);
            assertEquals("previous", matcher.group(2), link);
            assertEquals(Boolean.toString(!first), matcher.group(3), "previous has results after the first page: " + link);
            assertTrue(matcher.find(), link);
            assertEquals("next", matcher.group(2), link);
            assertTrue(matcher.group(1).endsWith("&cursor=" + matcher.group(4)), "the cursor comes last: " + link);
            next = Boolean.parseBoolean(matcher.group(3)) ? matcher.group(1) : null;
            first = false;
            assertTrue(sizes.size() < 50, "the walk ends");
        }
        return new Walk(keys, sizes);
    }

    static List<String> column(String sql, Object... args) {
        return Fixtures.rows(sql, args).stream().map(row -> String.valueOf(row.get(0))).toList();
    }

    static String tag() {
        return Long.toString(System.nanoTime(), 36);
    }

    /** {@code count} projects p-001, p-002, ... in the organization. */
    static void addProjects(long org, int count) {
        Fixtures.execute("""
                insert into project (organization_id, slug, name)
                select ?, 'p-' || lpad(g::text, 3, '0'), 'P ' || g from generate_series(1, ?) g""", org, count);
    }

    /** {@code count} teams t-001, t-002, ... in the organization. */
    static void addTeams(long org, int count) {
        Fixtures.execute("""
                insert into team (organization_id, slug, name)
                select ?, 't-' || lpad(g::text, 3, '0'), 'T ' || g from generate_series(1, ?) g""", org, count);
    }

    /** {@code count} new users, members of the organization. */
    static void addMembers(long org, int count) {
        String tag = tag();
        Fixtures.execute("""
                insert into app_user (username, email, name, jwt_subject)
                select 'pager-' || ? || '-' || g, 'pager-' || ? || '-' || g || '@example.com', 'Pager ' || g,
                       'pager-' || ? || '-' || g
                from generate_series(1, ?) g""", tag, tag, tag, count);
        Fixtures.execute("""
                insert into organization_member (organization_id, user_id, role)
                select ?, id, 'member' from app_user where username like 'pager-' || ? || '-%'""", org, tag);
    }

    /** A new user (its token's subject) who owns {@code count} new organizations. */
    static String ownerOfOrganizations(int count) {
        String subject = "many-orgs-" + tag();
        long user = Fixtures.single("insert into app_user (username, email, name, jwt_subject) values (?, ?, ?, ?)"
                + " returning id", subject, subject + "@example.com", "Many Orgs", subject);
        Fixtures.execute("""
                with o as (insert into organization (slug, name)
                           select ? || '-' || g, 'Org ' || g from generate_series(1, ?) g returning id)
                insert into organization_member (organization_id, user_id, role) select id, ?, 'owner' from o""",
                subject, count, user);
        return subject;
    }

    @Test
    void theProjectListPagesByHundredAndByPerPage() {
        long org = Fixtures.newOrganization("paged-projects");
        String slug = Fixtures.organizationSlug(org);
        addProjects(org, 103);
        List<String> expected = column("select slug from project where organization_id = ? order by slug", org);

        Walk byHundred = walk("/api/0/organizations/" + slug + "/projects/", Tokens.jane(), p -> p.getString("slug"));
        assertEquals(List.of(100, 3), byHundred.pageSizes());
        assertEquals(expected, byHundred.keys());

        Walk byForty = walk("/api/0/organizations/" + slug + "/projects/?per_page=40", Tokens.jane(),
                p -> p.getString("slug"));
        assertEquals(List.of(40, 40, 23), byForty.pageSizes());
        assertEquals(expected, byForty.keys());
    }

    @Test
    void theTeamAndMemberListsPage() {
        long org = Fixtures.newOrganization("paged-people");
        String slug = Fixtures.organizationSlug(org);
        addTeams(org, 101);
        addMembers(org, 101);

        Walk teams = walk("/api/0/organizations/" + slug + "/teams/?detailed=0", Tokens.jane(), t -> t.getString("slug"));
        assertEquals(List.of(100, 1), teams.pageSizes());
        assertEquals(column("select slug from team where organization_id = ? order by slug", org), teams.keys());

        Walk members = walk("/api/0/organizations/" + slug + "/members/?per_page=50", Tokens.jane(),
                m -> m.getString("id"));
        assertEquals(List.of(50, 50, 3), members.pageSizes(), "jane, john and the 101");
        assertEquals(column("select id from organization_member where organization_id = ? order by id", org),
                members.keys());
    }

    @Test
    void theOrganizationListPagesTheCallersOrganizations() {
        String subject = ownerOfOrganizations(102);
        long user = Fixtures.single("select id from app_user where jwt_subject = ?", subject);

        Walk walk = walk("/api/0/organizations/", Tokens.of(subject, "org:read"), o -> o.getString("slug"));
        assertEquals(List.of(100, 2), walk.pageSizes());
        assertEquals(column("""
                select o.slug from organization o join organization_member m on m.organization_id = o.id
                where m.user_id = ? order by o.date_created desc, o.id desc""", user), walk.keys());
        assertEquals(walk.keys(), walk("/api/0/organizations/?owner=true&per_page=60", Tokens.of(subject, "org:read"),
                o -> o.getString("slug")).keys());
    }

    @Test
    void anIssuesCommentsPageNewestFirst() {
        long issue = Fixtures.newIssue(2, "many comments");
        Fixtures.execute("""
                insert into activity (issue_id, project_id, user_id, type, data, date_created)
                select ?, 2, 1, 'note', '{"text": "note ' || g || '"}', now() - g * interval '1 second'
                from generate_series(1, 102) g""", issue);

        for (String path : List.of("/api/0/issues/" + issue + "/comments/",
                "/api/0/organizations/the-interstellar-jurisdiction/issues/" + issue + "/comments/?per_page=100")) {
            Walk walk = walk(path, Tokens.jane(), note -> note.getJsonObject("data").getString("text"));
            assertEquals(List.of(100, 2), walk.pageSizes(), path);
            assertEquals(IntStream.rangeClosed(1, 102).mapToObj(g -> "note " + g).toList(), walk.keys(), "newest first");
        }
    }

    @Test
    void aPerPageOverTheMaximumOrNotANumberIs400() {
        String projects = "/api/0/organizations/the-interstellar-jurisdiction/projects/";
        Api.Answer tooMany = Api.get(projects + "?per_page=101", Tokens.jane());
        assertEquals(400, tooMany.status(), tooMany::toString);
        assertEquals("{\"detail\":\"Invalid per_page value. Cannot exceed 100.\"}", tooMany.text());
        Api.Answer word = Api.get("/api/0/issues/1/comments/?per_page=many", Tokens.jane());
        assertEquals(400, word.status(), word::toString);
        assertEquals("{\"detail\":\"Invalid per_page parameter.\"}", word.text());
        Api.Answer cursor = Api.get("/api/0/organizations/?cursor=nonsense", Tokens.jane());
        assertEquals(400, cursor.status(), cursor::toString);
        assertEquals(JsonValue.ValueType.STRING, cursor.object().get("detail").getValueType());
        assertEquals(List.of(), Api.get(projects + "?cursor=0:5000:0", Tokens.jane()).array(), "past the end: empty");
    }
}
