package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** List, bulk mutate, merge and bulk remove on the project and organization collections. */
abstract class BulkTests {

    static final String ORG = "the-interstellar-jurisdiction";
    static final Pattern NEXT = Pattern.compile("rel=\"next\"; results=\"(true|false)\"; cursor=\"([^\"]+)\"");

    static String projectPath(String project) {
        return "/api/0/projects/" + ORG + "/" + project + "/issues/";
    }

    static String ids(List<Long> ids) {
        return ids.stream().map(id -> "id=" + id).collect(Collectors.joining("&"));
    }

    static List<String> idsOf(JsonArray items) {
        return items.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    static String status(long id) {
        return (String) Fixtures.value("select status from issue where id = ?", id);
    }

    @Test
    void listingPagesWithSentrysLinkHeader() {
        String project = Fixtures.newProject(1, "paging");
        List<Long> issues = Fixtures.newIssues(project, 5, "paged");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            Api.Answer answer = Api.get(projectPath(project) + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    Tokens.jane());
            assertEquals(200, answer.status(), answer::toString);
            RetrieveIssueTests.assertStandardHeaders(answer, "GET, PUT, DELETE, HEAD, OPTIONS");
            seen.addAll(idsOf(answer.array()));
            String link = answer.header("Link").orElseThrow();
            assertTrue(link.contains("rel=\"previous\"; results=\"" + (page > 0) + "\""), link);
            Matcher next = NEXT.matcher(link);
            assertTrue(next.find(), link);
            assertEquals(page < 2 ? "true" : "false", next.group(1), link);
            cursor = next.group(2);
        }
        // last seen first: the fixture's first issue is the most recent
        assertEquals(issues.stream().map(String::valueOf).toList(), seen);
    }

    @Test
    void listedIssuesCarryWhatClientsRead() {
        String project = Fixtures.newProject(1, "listed");
        Fixtures.newIssues(project, 2, "listed");
        Api.Answer answer = Api.get(projectPath(project), Tokens.jane());
        JsonObject item = answer.array().getJsonObject(0);
        for (String key : List.of("id", "shortId", "title", "lastSeen", "status", "level", "count", "permalink")) {
            assertEquals(JsonValue.ValueType.STRING, item.get(key).getValueType(), key);
        }
        assertTrue(item.getString("shortId").startsWith(project.toUpperCase() + "-"));
        assertTrue(item.containsKey("stats"));
        assertFalse(item.containsKey("activity"));
        OpenApiContract.assertValid(OpenApiContract.LEGACY, "get",
                "/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/issues/", 200, answer.json());
    }

    @Test
    void listingFiltersByQueryAndStatus() {
        String project = Fixtures.newProject(1, "filters");
        long projectId = Fixtures.projectId(project);
        List<Long> ids = List.of(
                Fixtures.issue(projectId).titled("filter 1").resolved().create(),
                Fixtures.issue(projectId).titled("Disk almost full").level("warning").create(),
                Fixtures.issue(projectId).titled("filter 3").assignedTo(1).create(),
                Fixtures.issue(projectId).titled("filter 4").create());
        Api.put("/api/0/issues/" + ids.get(3) + "/", Tokens.jane(), """
                {"isBookmarked": true}""");
        String base = projectPath(project);

        assertEquals(Set.of(ids.get(1), ids.get(2), ids.get(3)), idSet(base));
        assertEquals(Set.copyOf(ids), idSet(base + "?query="));
        assertEquals(Set.of(ids.get(0)), idSet(base + "?query=is:resolved"));
        assertEquals(Set.of(ids.get(1)), idSet(base + "?query=level:warning"));
        assertEquals(Set.of(ids.get(1)), idSet(base + "?query=disk%20FULL"));
        assertEquals(Set.of(ids.get(2)), idSet(base + "?query=assigned:me"));
        assertEquals(Set.of(ids.get(2)), idSet(base + "?query=is:assigned"));
        assertEquals(Set.of(ids.get(3)), idSet(base + "?query=is:bookmarked"));
        assertEquals(Set.of(ids.get(0)), idSet(base + "?query=&status=resolved"));
        assertEquals(Set.of(ids.get(1), ids.get(3)), idSet(base + "?query=is:unresolved%20is:unassigned"));
        assertEquals(Set.of(), idSet(base.replace(project, project) + "?query=is:resolved%20level:fatal"));
    }

    static Set<Long> idSet(String path) {
        Api.Answer answer = Api.get(path, Tokens.jane());
        assertEquals(200, answer.status(), () -> path + " " + answer);
        return answer.array().stream().map(v -> Long.parseLong(v.asJsonObject().getString("id"))).collect(Collectors.toSet());
    }

    @Test
    void bulkResolveByIdsAnswersOnlyTheChange() {
        String project = Fixtures.newProject(1, "bulk");
        List<Long> ids = Fixtures.newIssues(project, 3, "bulk");
        long foreign = Fixtures.newIssue(2, "other project");

        List<Long> selected = List.of(ids.get(0), ids.get(1), foreign);
        Api.Answer answer = Api.put(projectPath(project) + "?" + ids(selected), Tokens.jane(), """
                {"status": "resolved"}""");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("""
                {"status":"resolved","statusDetails":{},"inbox":null}""", answer.text());
        assertEquals("resolved", status(ids.get(0)));
        assertEquals("resolved", status(ids.get(1)));
        assertEquals("unresolved", status(ids.get(2)));
        assertEquals("unresolved", status(foreign), "ids of other projects are left out");
        assertEquals(2L, Fixtures.single("select count(*) from activity where type = 'set_resolved' and issue_id in (?, ?)",
                ids.get(0), ids.get(1)));
        OpenApiContract.assertValid(OpenApiContract.LEGACY, "put",
                "/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/issues/", 200,
                Api.put(projectPath(project) + "?" + ids(List.of(ids.get(2))), Tokens.jane(), """
                        {"status": "unresolved", "isPublic": false}""").json());
    }

    @Test
    void bulkWithoutIdsTakesTheUnresolvedOnesAndStatusFiltersReplaceThat() {
        String project = Fixtures.newProject(1, "default-query");
        long projectId = Fixtures.projectId(project);
        List<Long> ids = List.of(Fixtures.issue(projectId).titled("default 1").ignored().create(),
                Fixtures.newIssue(projectId, "default 2"), Fixtures.newIssue(projectId, "default 3"));

        assertEquals(200, Api.put(projectPath(project), Tokens.jane(), """
                {"status": "resolved"}""").status());
        assertEquals(List.of("ignored", "resolved", "resolved"), ids.stream().map(BulkTests::status).toList());

        Api.Answer unresolve = Api.put(projectPath(project) + "?status=resolved", Tokens.jane(), """
                {"status": "unresolved"}""");
        assertEquals(200, unresolve.status());
        assertEquals(List.of("ignored", "unresolved", "unresolved"), ids.stream().map(BulkTests::status).toList());

        Api.Answer all = Api.put(projectPath(project) + "?query=", Tokens.jane(), """
                {"status": "muted"}""");
        assertEquals("muted", all.object().getString("status"));
        assertEquals(List.of("ignored", "ignored", "ignored"), ids.stream().map(BulkTests::status).toList());
    }

    @Test
    void nothingMatchedIs204() {
        String project = Fixtures.newProject(1, "empty");
        Api.Answer answer = Api.put(projectPath(project), Tokens.jane(), """
                {"status": "resolved"}""");
        assertEquals(204, answer.status());
        assertEquals(204, Api.put(projectPath(project) + "?id=999999", Tokens.jane(), """
                {"status": "resolved"}""").status());
    }

    @Test
    void bulkAnswersForEveryAttribute() {
        String project = Fixtures.newProject(1, "attrs");
        List<Long> ids = Fixtures.newIssues(project, 2, "attrs");
        String path = projectPath(project) + "?" + ids(ids);

        assertEquals("""
                {"isBookmarked":true}""", Api.put(path, Tokens.jane(), """
                {"isBookmarked": true}""").text());
        assertEquals("""
                {"assignedTo":null}""", Api.put(path, Tokens.jane(), """
                {"assignedTo": ""}""").text());
        assertEquals("""
                {"isPublic":false,"shareId":null}""", Api.put(path, Tokens.jane(), """
                {"isPublic": false}""").text());
        JsonObject assigned = Api.put(path, Tokens.jane(), """
                {"assignedTo": "john"}""").object();
        assertEquals("2", assigned.getJsonObject("assignedTo").getString("id"));
        assertEquals(2L, Fixtures.single("select count(*) from issue where assignee_user_id = 2 and id in (?, ?)",
                ids.get(0), ids.get(1)));
        JsonObject ignored = Api.put(path, Tokens.jane(), """
                {"status": "ignored", "ignoreCount": 5}""").object();
        assertEquals("archived_until_condition_met", ignored.getString("substatus"));
        assertEquals(5, ignored.getJsonObject("statusDetails").getInt("ignoreCount"));
        assertTrue(ignored.isNull("inbox"));
        // Sentry answers "inbox": null and "assignedTo": null, which its current description does not
        // allow for; an answer without nulls is checked against it
        OpenApiContract.assertValid(OpenApiContract.CURRENT, "put", "/api/0/organizations/{organization_id_or_slug}/issues/",
                200, Api.put("/api/0/organizations/" + ORG + "/issues/?" + ids(ids), Tokens.jane(),
                        """
                                {"priority": "high", "hasSeen": true, "isSubscribed": true}""").json());
    }

    @Test
    void organizationPathSpansProjectsAndTakesAProjectFilter() {
        String a = Fixtures.newProject(1, "org-a");
        String b = Fixtures.newProject(1, "org-b");
        long inA = Fixtures.newIssues(a, 1, "a").get(0);
        long inB = Fixtures.newIssues(b, 1, "b").get(0);
        String orgPath = "/api/0/organizations/1/issues/";

        assertEquals(200, Api.put(orgPath + "?id=" + inA + "&id=" + inB + "&project=" + a, Tokens.jane(),
                """
                        {"priority": "low"}""").status());
        assertEquals("low", Fixtures.value("select priority from issue where id = ?", inA));
        assertEquals("medium", Fixtures.value("select priority from issue where id = ?", inB));
        assertEquals(200, Api.put(orgPath + "?id=" + inA + "&id=" + inB, Tokens.jane(), """
                {"priority": "high"}""").status());
        assertEquals("high", Fixtures.value("select priority from issue where id = ?", inB));
        assertEquals(Set.of(inA, inB), idSet(orgPath + "?query=&project=" + a + "&project=" + b));
    }

    @Test
    void mergingKeepsTheBusiestIssueAndRedirectsTheOthers() {
        String project = Fixtures.newProject(1, "merge");
        List<Long> ids = Fixtures.newIssues(project, 3, "merge"); // times_seen 1, 2, 3
        long parent = ids.get(2);
        Api.Answer answer = Api.put(projectPath(project) + "?" + ids(ids), Tokens.jane(), """
                {"merge": true}""");

        assertEquals(200, answer.status(), answer::toString);
        JsonObject merge = answer.object().getJsonObject("merge");
        assertEquals(String.valueOf(parent), merge.getString("parent"));
        // children in Sentry's order (issues/merge.py): most seen first
        assertEquals(List.of(String.valueOf(ids.get(1)), String.valueOf(ids.get(0))),
                merge.getJsonArray("children").stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList());
        assertEquals(parent, Fixtures.value("select merged_into_id from issue where id = ?", ids.get(0)));
        assertEquals(6L, Fixtures.value("select times_seen from issue where id = ?", parent));
        assertEquals(1L, Fixtures.single("select count(*) from activity where issue_id = ? and type = 'merge'", parent));

        String child = "/api/0/issues/" + ids.get(0) + "/";
        assertEquals(String.valueOf(parent), Api.get(child, Tokens.jane()).object().getString("id"));
        assertEquals(String.valueOf(parent), Api.get("/api/0/organizations/" + ORG + "/issues/" + ids.get(1) + "/",
                Tokens.jane()).object().getString("id"));
        Api.put(child, Tokens.jane(), """
                {"status": "resolved"}""");
        assertEquals("resolved", status(parent));
        assertEquals(Set.of(parent), idSet(projectPath(project) + "?query="));
    }

    @Test
    void mergeNeedsTwoIssuesOfOneProject() {
        String a = Fixtures.newProject(1, "merge-a");
        String b = Fixtures.newProject(1, "merge-b");
        long inA = Fixtures.newIssues(a, 1, "a").get(0);
        long inB = Fixtures.newIssues(b, 1, "b").get(0);

        Api.Answer across = Api.put("/api/0/organizations/" + ORG + "/issues/?id=" + inA + "&id=" + inB, Tokens.jane(),
                """
                        {"merge": true}""");
        assertEquals(400, across.status());
        assertEquals("""
                {"detail":"Merging across multiple projects is not supported"}""", across.text());
        Api.Answer single = Api.put(projectPath(a) + "?id=" + inA, Tokens.jane(), """
                {"merge": true}""");
        assertEquals(400, single.status());
        assertTrue(single.object().getString("detail").contains("two or more"));
        assertEquals(0L, Fixtures.single("select count(*) from issue where merged_into_id is not null and id in (?, ?)",
                inA, inB));
    }

    @Test
    void bulkRemoveNeedsAdminAndHidesTheIssues() {
        String project = Fixtures.newProject(1, "remove");
        List<Long> ids = Fixtures.newIssues(project, 2, "remove");
        String path = projectPath(project) + "?" + ids(ids);

        assertEquals(403, Api.send("DELETE", path, Tokens.john(), null, List.of()).status());
        assertEquals(2L, Fixtures.single("select count(*) from issue where pending_deletion = false and id in (?, ?)",
                ids.get(0), ids.get(1)));
        Api.Answer removed = Api.send("DELETE", path, Tokens.jane(), null, List.of());
        assertEquals(204, removed.status());
        assertEquals("", removed.text());
        AuthenticationTests.assertNotFound(Api.get("/api/0/issues/" + ids.get(0) + "/", Tokens.jane()));
        assertEquals(Set.of(), idSet(projectPath(project) + "?query="));
        assertEquals(204, Api.send("DELETE", "/api/0/organizations/" + ORG + "/issues/?id=999999", Tokens.jane(), null,
                List.of()).status());
    }

    @Test
    void badSelectionsAreRefused() {
        String project = Fixtures.newProject(1, "bad");
        long id = Fixtures.newIssues(project, 1, "bad").get(0);
        String tooMany = java.util.stream.IntStream.rangeClosed(1, 1001).mapToObj(i -> "id=" + i)
                .collect(Collectors.joining("&"));

        assertDetail(400, Api.put(projectPath(project) + "?" + tooMany, Tokens.jane(), """
                {"status": "resolved"}"""));
        assertDetail(400, Api.put("/api/0/organizations/" + ORG + "/issues/?id=abc", Tokens.jane(), """
                {"status": "resolved"}"""));
        assertDetail(400, Api.put(projectPath(project) + "?query=is:sleeping", Tokens.jane(), """
                {"status": "resolved"}"""));
        assertDetail(400, Api.put(projectPath(project) + "?query=browser:chrome", Tokens.jane(), """
                {"status": "resolved"}"""));
        assertDetail(400, Api.put(projectPath(project) + "?query=%22unbalanced", Tokens.jane(), """
                {"status": "resolved"}"""));
        assertDetail(400, Api.put(projectPath(project) + "?status=sleeping", Tokens.jane(), """
                {"status": "resolved"}"""));
        assertDetail(400, Api.get(projectPath(project) + "?limit=zero", Tokens.jane()));
        assertDetail(400, Api.get(projectPath(project) + "?cursor=garbage", Tokens.jane()));
        assertDetail(404, Api.put(projectPath("no-such-project"), Tokens.jane(), """
                {"status": "resolved"}"""));
        assertDetail(404, Api.get("/api/0/organizations/no-such-org/issues/", Tokens.jane()));
        assertDetail(404, Api.get("/api/0/projects/the-rebel-alliance/echo-base/issues/", Tokens.jane()));
        Api.Answer invalid = Api.put(projectPath(project) + "?id=" + id, Tokens.jane(), """
                {"status": "sleeping"}""");
        assertEquals(400, invalid.status());
        assertEquals("""
                {"status":["\\"sleeping\\" is not a valid choice."]}""", invalid.text());
        assertEquals(403, Api.put(projectPath(project) + "?id=" + id, Tokens.of("jane", "event:read"),
                """
                        {"status": "resolved"}""").status());
        assertEquals("unresolved", status(id));
    }

    static void assertDetail(int status, Api.Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.object().containsKey("detail"), answer::toString);
    }

    @Test
    void aMemberWithoutAccessToAProjectChangesNothingThere() {
        long org = Fixtures.single("insert into organization (slug, name, open_membership) values (?, 'Closed', false)"
                + " returning id", "closed-" + System.nanoTime());
        String orgSlug = (String) Fixtures.value("select slug from organization where id = ?", org);
        String open = Fixtures.newProject(org, "granted");
        String closed = Fixtures.newProject(org, "withheld");
        String subject = "mara-" + System.nanoTime();
        long mara = Fixtures.single("insert into app_user (username, email, name, jwt_subject) values (?, ?, 'Mara', ?)"
                + " returning id", subject, subject + "@example.com", subject);
        Fixtures.execute("insert into organization_member (organization_id, user_id, role) values (?, ?, 'member')", org, mara);
        long team = Fixtures.single("insert into team (organization_id, slug, name) values (?, 'crew', 'Crew') returning id", org);
        Fixtures.execute("insert into team_member (team_id, user_id) values (?, ?)", team, mara);
        Fixtures.execute("insert into project_team (project_id, team_id) values (?, ?)", Fixtures.projectId(open), team);
        long granted = Fixtures.newIssues(open, 1, "granted").get(0);
        long withheld = Fixtures.newIssues(closed, 1, "withheld").get(0);
        String token = Tokens.of(subject, "event:read", "event:write");

        Api.Answer answer = Api.put("/api/0/organizations/" + orgSlug + "/issues/?id=" + granted + "&id=" + withheld,
                token, """
                        {"status": "resolved"}""");
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("resolved", status(granted));
        assertEquals("unresolved", status(withheld));
        AuthenticationTests.assertNotFound(Api.get("/api/0/issues/" + withheld + "/", token));
        assertEquals(404, Api.put("/api/0/projects/" + orgSlug + "/" + closed + "/issues/", token,
                """
                        {"status": "resolved"}""").status());
        assertEquals("unresolved", status(withheld));
    }

    @Test
    void bulkResolveOfAThousandIssues() {
        String project = Fixtures.newProject(1, "thousand");
        List<Long> ids = Fixtures.newIssues(project, 1000, "many");
        long began = System.nanoTime();
        Api.Answer answer = Api.put(projectPath(project) + "?" + ids(ids), Tokens.jane(), """
                {"status": "resolved"}""");
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("bulk resolve of %d issues: %.2f s%n", ids.size(), seconds);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(1000L, Fixtures.single("select count(*) from issue i join project p on p.id = i.project_id"
                + " where p.slug = ? and i.status = 'resolved'", project));
        assertEquals(1000L, Fixtures.single("select count(*) from activity a join project p on p.id = a.project_id"
                + " where p.slug = ? and a.type = 'set_resolved'", project));
    }
}
