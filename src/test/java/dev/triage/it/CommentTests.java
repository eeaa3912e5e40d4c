package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #11 Part B3 and B4: comments (Sentry's notes, src/sentry/issues/endpoints/group_notes.py
 * and group_notes_details.py) and the activities endpoint
 * (src/sentry/issues/endpoints/group_activities.py), over real HTTP: Sentry's generated client
 * (@sentry/api) offers no comment calls.
 */
abstract class CommentTests {

    static final long PUMP_STATION = 2;

    static String comments(long id) {
        return "/api/0/issues/" + id + "/comments/";
    }

    static Api.Answer post(long id, String token, String body) {
        return Api.send("POST", comments(id), token, body, List.of());
    }

    static long numComments(long id) {
        return ((Number) Fixtures.value("select num_comments from issue where id = ?", id)).longValue();
    }

    @Test
    void postingACommentAnswersTheNoteAndCountsIt() {
        long id = Fixtures.newIssue(PUMP_STATION, "comment");
        Api.Answer answer = post(id, Tokens.john(), """
                {"text": "  The pump restarts at midnight.  "}""");

        assertEquals(201, answer.status(), answer::toString);
        JsonObject note = answer.object();
        assertEquals("note", note.getString("type"));
        assertEquals("{\"text\":\"The pump restarts at midnight.\"}", note.getJsonObject("data").toString());
        assertEquals("john", note.getJsonObject("user").getString("username"));
        assertTrue(note.isNull("sentry_app"));
        assertEquals(Long.toString((Long) Fixtures.value(
                "select id from activity where issue_id = ? and type = 'note'", id)), note.getString("id"));
        assertEquals(1, numComments(id));
        JsonObject issue = Api.get("/api/0/issues/" + id + "/", Tokens.john()).object();
        assertEquals(1, issue.getInt("numComments"));
        assertEquals("commented", issue.getJsonObject("subscriptionDetails").getString("reason"));

        JsonArray listed = Api.get(comments(id), Tokens.jane()).array();
        assertEquals(1, listed.size());
        assertEquals(note, listed.getJsonObject(0));
    }

    /**
     * Sentry's merge task moves the children's activities to the parent: their comments are the
     * parent's to list and count, also through a child's id (which resolves to the parent).
     */
    @Test
    void aMergedIssuesCommentsMoveToTheParent() {
        long org = Fixtures.newOrganization("merge-notes");
        String project = Fixtures.newProject(org, "merge-notes");
        List<Long> ids = Fixtures.newIssues(project, 2, "noted"); // the second is seen more: the parent
        long child = ids.get(0);
        long parent = ids.get(1);
        assertEquals(201, post(child, Tokens.jane(), Api.body("text", "seen on the child")).status());
        assertEquals(201, post(parent, Tokens.jane(), Api.body("text", "seen on the parent")).status());

        Api.Answer merged = Api.put("/api/0/organizations/" + Fixtures.organizationSlug(org) + "/issues/?id=" + child
                + "&id=" + parent, Tokens.jane(), "{\"merge\": true}");
        assertEquals(200, merged.status(), merged::toString);
        assertEquals(Long.toString(parent), merged.object().getJsonObject("merge").getString("parent"));

        for (long id : List.of(parent, child)) {
            JsonArray listed = Api.get(comments(id), Tokens.jane()).array();
            assertEquals(List.of("seen on the parent", "seen on the child"), listed.stream()
                    .map(v -> v.asJsonObject().getJsonObject("data").getString("text")).toList(), "through " + id);
        }
        JsonObject issue = Api.get("/api/0/issues/" + parent + "/", Tokens.jane()).object();
        assertEquals(2, issue.getInt("numComments"));
        assertEquals(0L, Fixtures.single("select count(*) from activity where issue_id = ?", child));
    }

    @Test
    void concurrentCommentsAreAllCounted() throws Exception {
        long id = Fixtures.newIssue(PUMP_STATION, "busy thread");
        int clients = 6;
        int each = 5;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<List<Integer>>> running = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String token = c % 2 == 0 ? Tokens.jane() : Tokens.john();
            int client = c;
            running.add(pool.submit(() -> {
                start.await();
                List<Integer> statuses = new java.util.ArrayList<>();
                for (int n = 0; n < each; n++) {
                    statuses.add(post(id, token, Api.body("text", "client " + client + " says " + n)).status());
                }
                return statuses;
            }));
        }
        start.countDown();
        for (var client : running) {
            assertEquals(java.util.Collections.nCopies(each, 201), client.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(clients * each, numComments(id));
        assertEquals((long) clients * each, Fixtures.single(
                "select count(*) from activity where issue_id = ? and type = 'note'", id));
        assertEquals("commented", FidelityTests.reason(id, 1));
        assertEquals("commented", FidelityTests.reason(id, 2));
    }

    @Test
    void theSameCommentTwiceWithinTheHourIsRefused() {
        long id = Fixtures.newIssue(PUMP_STATION, "duplicate comment");
        String body = """
                {"text": "Same words"}""";
        assertEquals(201, post(id, Tokens.jane(), body).status());
        Api.Answer again = post(id, Tokens.jane(), body);
        assertEquals(400, again.status());
        assertEquals("""
                {"detail":"You have already posted that comment."}""", again.text());
        assertEquals(201, post(id, Tokens.john(), body).status(), "another author may say the same");
        assertEquals(2, numComments(id));
    }

    @Test
    void mentionsSubscribeMembersAndTeams() {
        // an organization of its own, so that its extra team shows in no other test's listing
        long org = Fixtures.newOrganization("mentions");
        long team = Fixtures.single("insert into team (organization_id, slug, name) values (?, 'night', 'Night shift')"
                + " returning id", org);
        Fixtures.execute("insert into team_member (team_id, user_id) values (?, 2)", team);
        long id = Fixtures.issue(Fixtures.projectId(Fixtures.newProject(org, "mentions"))).titled("mentions").create();

        assertEquals(201, post(id, Tokens.jane(), """
                {"text": "@leia and @nobody are no members here", "mentions": ["team:%d"]}""".formatted(team))
                .status());
        assertEquals("team_mentioned", FidelityTests.reason(id, 2));
        assertNull(FidelityTests.reason(id, 3), "leia is in another organization");

        long other = Fixtures.newIssue(PUMP_STATION, "mention by name");
        assertEquals(201, post(other, Tokens.jane(), """
                {"text": "@john please have a look"}""").status());
        assertEquals("mentioned", FidelityTests.reason(other, 2));
        assertEquals("commented", FidelityTests.reason(other, 1));

        // what a client sees (Sentry's GroupNotesEndpoint pops mentions off the note and subscribes them)
        long third = Fixtures.newIssue(PUMP_STATION, "mention by id");
        Api.Answer note = post(third, Tokens.jane(), """
                {"text": "see this", "mentions": ["user:2"]}""");
        assertEquals(201, note.status(), note::toString);
        assertEquals("{\"text\":\"see this\"}", note.object().getJsonObject("data").toString(),
                "the mentions are not part of the note");
        var seenByJohn = Api.get("/api/0/issues/" + third + "/", Tokens.john()).object();
        assertTrue(seenByJohn.getBoolean("isSubscribed"));
        assertEquals("mentioned", seenByJohn.getJsonObject("subscriptionDetails").getString("reason"));
    }

    @Test
    void onlyTheAuthorEditsOrDeletesANote() {
        long id = Fixtures.newIssue(PUMP_STATION, "edit and delete");
        String johns = post(id, Tokens.john(), """
                {"text": "first draft"}""").object().getString("id");
        String note = comments(id) + johns + "/";

        Api.Answer edited = Api.send("PUT", note, Tokens.john(), """
                {"text": "second draft"}""", List.of());
        assertEquals(200, edited.status(), edited::toString);
        assertEquals("second draft", edited.object().getJsonObject("data").getString("text"));
        AuthenticationTests.assertNotFound(Api.send("PUT", note, Tokens.jane(), """
                {"text": "not mine"}""", List.of()));
        AuthenticationTests.assertNotFound(Api.send("DELETE", note, Tokens.jane(), null, List.of()));
        assertEquals(403, Api.send("DELETE", note, Tokens.john(), null, List.of()).status(),
                "deleting needs event:admin, as Sentry's GroupPermission says");

        String janes = post(id, Tokens.jane(), """
                {"text": "mine"}""").object().getString("id");
        assertEquals(2, numComments(id));
        Api.Answer deleted = Api.send("DELETE", comments(id) + janes + "/", Tokens.jane(), null, List.of());
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(1, numComments(id));
        assertNull(FidelityTests.reason(id, 1), "jane's last comment is gone, so is her subscription for it");
        AuthenticationTests.assertNotFound(Api.send("DELETE", comments(id) + janes + "/", Tokens.jane(), null, List.of()));
        assertEquals("second draft", Api.get(comments(id), Tokens.jane()).array().getJsonObject(0)
                .getJsonObject("data").getString("text"));
    }

    @Test
    void commentsAreRefusedLikeSentrysNoteSerializer() {
        long id = Fixtures.newIssue(PUMP_STATION, "bad comments");
        assertRefused(id, "{}", """
                {"text":["This field is required."]}""");
        assertRefused(id, """
                {"text": "   "}""", """
                {"text":["This field may not be blank."]}""");
        assertRefused(id, """
                {"text": null}""", """
                {"text":["This field may not be null."]}""");
        assertRefused(id, """
                {"text": "hi", "mentions": "john"}""", """
                {"mentions":["Expected a list of items but got type \\"str\\"."]}""");
        assertRefused(id, """
                {"text": "hi", "mentions": ["user:999999"]}""", """
                {"mentions":["Cannot mention a non team member"]}""");
        assertRefused(id, "[]", """
                {"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}""");
        assertEquals(0, numComments(id));
    }

    static void assertRefused(long id, String body, String expected) {
        Api.Answer answer = post(id, Tokens.jane(), body);
        assertEquals(400, answer.status(), body);
        assertEquals(expected, answer.text(), body);
    }

    @Test
    void commentsHaveScopesAndTenancy() {
        long id = Fixtures.newIssue(PUMP_STATION, "comment access");
        assertEquals(401, post(id, null, """
                {"text": "anonymous"}""").status());
        assertEquals(403, post(id, Tokens.of("jane", "event:read"), """
                {"text": "read only"}""").status());
        AuthenticationTests.assertNotFound(post(id, Tokens.leia(), """
                {"text": "other tenant"}"""));
        AuthenticationTests.assertNotFound(Api.get(comments(id), Tokens.leia()));
        Api.Answer inOrganization = Api.send("POST", "/api/0/organizations/the-interstellar-jurisdiction/issues/"
                + id + "/comments/", Tokens.jane(), """
                {"text": "by the organization path"}""", List.of());
        assertEquals(201, inOrganization.status(), inOrganization::toString);
        assertEquals(1, Api.get("/api/0/organizations/the-interstellar-jurisdiction/issues/" + id + "/comments/",
                Tokens.john()).array().size());
    }

    @Test
    void everyAddressAnswersWithSentrysHeadersAndItsOwnMethods() {
        long id = Fixtures.newIssue(PUMP_STATION, "comment headers");
        Api.Answer posted = post(id, Tokens.jane(), """
                {"text": "headers"}""");
        RetrieveIssueTests.assertStandardHeaders(posted, "GET, POST, HEAD, OPTIONS");
        String note = comments(id) + posted.object().getString("id") + "/";
        RetrieveIssueTests.assertStandardHeaders(Api.send("PUT", note, Tokens.jane(), """
                {"text": "headers, edited"}""", List.of()), "PUT, DELETE, OPTIONS");
        String activities = "/api/0/issues/" + id + "/activities/";
        RetrieveIssueTests.assertStandardHeaders(Api.get(activities, Tokens.jane()), "GET, HEAD, OPTIONS");
        for (var options : List.of(List.of(comments(id), "GET, POST, HEAD, OPTIONS"),
                List.of(note, "PUT, DELETE, OPTIONS"), List.of(activities, "GET, HEAD, OPTIONS"))) {
            Api.Answer answer = Api.send(Api.request(options.get(0))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, answer.status(), options.get(0));
            RetrieveIssueTests.assertStandardHeaders(answer, options.get(1));
        }
        RetrieveIssueTests.assertStandardHeaders(Api.send("POST", comments(id), null, """
                {"text": "anonymous"}""", List.of()), "GET, POST, HEAD, OPTIONS");
    }

    @Test
    void theActivitiesEndpointListsTheHistoryOfTheDetails() {
        long id = Fixtures.newIssue(PUMP_STATION, "activities");
        Api.put("/api/0/issues/" + id + "/", Tokens.jane(), """
                {"status": "resolved"}""");
        post(id, Tokens.john(), """
                {"text": "done"}""");

        Api.Answer answer = Api.get("/api/0/issues/" + id + "/activities/", Tokens.john());
        assertEquals(200, answer.status(), answer::toString);
        JsonObject body = answer.object();
        assertEquals(List.of("activity"), List.copyOf(body.keySet()));
        assertEquals(List.of("note", "set_resolved", "first_seen"), FidelityTests.types(body.getJsonArray("activity")));
        assertEquals(Api.get("/api/0/issues/" + id + "/", Tokens.john()).object().getJsonArray("activity"),
                body.getJsonArray("activity"));
        assertEquals(200, Api.get("/api/0/organizations/the-interstellar-jurisdiction/issues/" + id + "/activities/",
                Tokens.john()).status());
        AuthenticationTests.assertNotFound(Api.get("/api/0/issues/" + id + "/activities/", Tokens.leia()));
        assertFalse(Api.get("/api/0/issues/" + id + "/activities/", null).status() == 200);
    }
}
