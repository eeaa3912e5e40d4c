package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue #11 Part A: where a Sentry client can notice a difference, the service does what
 * Sentry's own server code does. Each test names the file of getsentry/sentry it follows.
 */
abstract class FidelityTests {

    static final long PUMP_STATION = 2;

    static String path(long id) {
        return "/api/0/issues/" + id + "/";
    }

    static JsonObject ok(Api.Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        return answer.object();
    }

    static Object reason(long issue, long user) {
        return Fixtures.value("select subscription_reason from issue_user_state where issue_id = ? and user_id = ?",
                issue, user);
    }

    static List<String> activities(long id) {
        return Fixtures.rows("select type from activity where issue_id = ? order by id", id)
                .stream().map(r -> (String) r.get(0)).toList();
    }

    /** src/sentry/notifications/types.py: SUBSCRIPTION_REASON_MAP names every reason the API shows. */
    @Test
    void subscriptionReasonsHaveSentrysNames() {
        long resolved = Fixtures.newIssue(PUMP_STATION, "reason: status");
        assertEquals("changed_status", ok(Api.put(path(resolved), Tokens.jane(), """
                {"status": "resolved"}""")).getJsonObject("subscriptionDetails").getString("reason"));

        long bookmarked = Fixtures.newIssue(PUMP_STATION, "reason: bookmark");
        assertEquals("bookmarked", ok(Api.put(path(bookmarked), Tokens.jane(), """
                {"isBookmarked": true}""")).getJsonObject("subscriptionDetails").getString("reason"));

        long assigned = Fixtures.newIssue(PUMP_STATION, "reason: assignment");
        ok(Api.put(path(assigned), Tokens.jane(), """
                {"assignedTo": "john"}"""));
        assertEquals("assigned", ok(Api.put(path(assigned), Tokens.john(), "{}"))
                .getJsonObject("subscriptionDetails").getString("reason"));

        long commented = Fixtures.newIssue(PUMP_STATION, "reason: comment");
        assertEquals(201, Api.send("POST", path(commented) + "comments/", Tokens.john(), """
                {"text": "Looking into it, @jane"}""", List.of()).status());
        assertEquals("commented", reason(commented, 2));
        assertEquals("mentioned", reason(commented, 1));
        assertEquals("mentioned", Api.get(path(commented), Tokens.jane()).object()
                .getJsonObject("subscriptionDetails").getString("reason"));
    }

    /**
     * src/sentry/api/helpers/group_index/update.py (process_group_resolution,
     * self_subscribe_and_assign_issue) writes set_resolved and subscribes the caller even when the
     * issue is resolved already; src/sentry/models/activity.py (get_activities_for_group) shows a
     * run of identical entries once.
     */
    @Test
    void resolvingAResolvedIssueSubscribesAndRecordsAgainButListsOnce() {
        long id = Fixtures.newIssue(PUMP_STATION, "resolve twice");
        ok(Api.put(path(id), Tokens.jane(), """
                {"status": "resolved"}"""));
        long version = (Long) Fixtures.value("select version from issue where id = ?", id);

        JsonObject again = ok(Api.put(path(id), Tokens.john(), """
                {"status": "resolved"}"""));

        assertTrue(again.getBoolean("isSubscribed"));
        assertEquals("changed_status", again.getJsonObject("subscriptionDetails").getString("reason"));
        assertEquals(List.of("set_resolved", "set_resolved"), activities(id));
        assertEquals(version, Fixtures.value("select version from issue where id = ?", id), "the issue itself is unchanged");
        JsonArray listed = Api.get(path(id), Tokens.jane()).object().getJsonArray("activity");
        assertEquals(List.of("set_resolved", "set_resolved", "first_seen"), types(listed), "different users: no fold");

        ok(Api.put(path(id), Tokens.john(), """
                {"status": "resolved"}"""));
        assertEquals(3, activities(id).size());
        assertEquals(List.of("set_resolved", "set_resolved", "first_seen"),
                types(Api.get(path(id), Tokens.jane()).object().getJsonArray("activity")), "john's repeat is folded");

        long inRelease = Fixtures.newIssue(PUMP_STATION, "resolve in release twice");
        String body = """
                {"status": "resolved", "statusDetails": {"inRelease": "1.0.0"}}""";
        ok(Api.put(path(inRelease), Tokens.jane(), body));
        ok(Api.put(path(inRelease), Tokens.jane(), body));
        assertEquals(List.of("set_resolved_in_release"), activities(inRelease),
                "an existing resolution in a release writes nothing new in Sentry");
    }

    static List<String> types(JsonArray activity) {
        return activity.stream().map(a -> a.asJsonObject().getString("type")).toList();
    }

    /** A closed organization with one project, a team with access (member mara) and one without. */
    record Closed(String slug, long projectId, String maraToken, long mara, long outsider, long teamWithAccess,
                  long teamWithout) {

        static Closed create() {
            String suffix = Long.toString(System.nanoTime(), 36);
            long org = Fixtures.single("insert into organization (slug, name, open_membership) values (?, 'Closed', false)"
                    + " returning id", "closed-" + suffix);
            String project = Fixtures.newProject(org, "assign");
            long mara = user("mara-" + suffix);
            long outsider = user("otto-" + suffix);
            for (long user : List.of(mara, outsider)) {
                Fixtures.execute("insert into organization_member (organization_id, user_id, role) values (?, ?, 'member')",
                        org, user);
            }
            long crew = Fixtures.single("insert into team (organization_id, slug, name) values (?, 'crew', 'Crew')"
                    + " returning id", org);
            long idle = Fixtures.single("insert into team (organization_id, slug, name) values (?, 'idle', 'Idle')"
                    + " returning id", org);
            Fixtures.execute("insert into team_member (team_id, user_id) values (?, ?)", crew, mara);
            Fixtures.execute("insert into project_team (project_id, team_id) values (?, ?)",
                    Fixtures.projectId(project), crew);
            return new Closed("closed-" + suffix, Fixtures.projectId(project),
                    Tokens.of("mara-" + suffix, "event:read", "event:write"), mara, outsider, crew, idle);
        }

        static long user(String name) {
            return Fixtures.single("insert into app_user (username, email, name, jwt_subject) values (?, ?, ?, ?)"
                    + " returning id", name, name + "@example.com", name, name);
        }
    }

    /**
     * src/sentry/api/helpers/group_index/validators/group.py (validate_assignedTo) and
     * src/sentry/types/actor.py (parse_and_validate_actor): the assignee must exist, belong to the
     * organization and, unless membership is open, be in (or be) a team with access to the project.
     */
    @Test
    void assigneesFollowSentrysActorRules() {
        Closed closed = Closed.create();
        long id = Fixtures.issue(closed.projectId()).titled("assign in a closed organization").create();
        String path = path(id);

        assertRefused(path, closed.maraToken(), "user:" + closed.outsider(), "Cannot assign to non-team member");
        assertRefused(path, closed.maraToken(), "team:" + closed.teamWithout(),
                "Cannot assign to a team without access to the project");
        assertRefused(path, closed.maraToken(), "user:999999", "User does not exist");
        assertRefused(path, closed.maraToken(), "team:999999", "Team does not exist");
        assertRefused(path, closed.maraToken(), "team:1", "Team is not a member of this organization");
        assertRefused(path, closed.maraToken(), "jane", "User is not a member of this organization");
        assertRefused(path, closed.maraToken(), "nobody-at-all",
                "Could not parse actor. Format should be `type:id` where type is `team` or `user`.");
        assertEquals(0L, Fixtures.single("select count(*) from activity where issue_id = ?", id));

        assertEquals("user", ok(Api.put(path, closed.maraToken(), Api.body("assignedTo", "user:" + closed.mara())))
                .getJsonObject("assignedTo").getString("type"));
        assertEquals("team", ok(Api.put(path, closed.maraToken(), Api.body("assignedTo", "team:" + closed.teamWithAccess())))
                .getJsonObject("assignedTo").getString("type"));

        // open membership (organization 1): any member may be assigned; john is in no team
        long open = Fixtures.newIssue(PUMP_STATION, "assign in an open organization");
        assertEquals("2", ok(Api.put(path(open), Tokens.jane(), Api.body("assignedTo", "john")))
                .getJsonObject("assignedTo").getString("id"));
    }

    static void assertRefused(String path, String token, String actor, String message) {
        Api.Answer answer = Api.put(path, token, Api.body("assignedTo", actor));
        assertEquals(400, answer.status(), actor + " -> " + answer);
        assertEquals(Api.body("assignedTo", List.of(message)), answer.text(), actor);
    }

    /** src/sentry/issues/endpoints/group_details.py: the details PUT goes through update.py, which merges only several groups. */
    @Test
    void mergeOnTheDetailsPutIsIgnored() {
        long id = Fixtures.newIssue(PUMP_STATION, "merge alone");
        JsonObject issue = ok(Api.put(path(id), Tokens.jane(), """
                {"merge": true, "priority": "high"}"""));
        assertEquals("high", issue.getString("priority"));
        assertNull(Fixtures.value("select merged_into_id from issue where id = ?", id));
        assertEquals(List.of("set_priority"), activities(id));
    }

    /**
     * src/sentry/issues/merge.py (handle_merge): the parent is the issue seen most often, ties to
     * the highest id; the children follow in that order; the activity carries the ids as numbers.
     */
    @Test
    void mergeKeepsTheMostSeenIssueAndTiesGoToTheHighestId() {
        long org = Fixtures.newOrganization("merge-ties");
        String project = Fixtures.newProject(org, "merge-ties");
        List<Long> ids = Fixtures.newIssues(project, 3, "tie");
        Fixtures.execute("update issue set times_seen = 7 where id = any(?)", (Object) ids.toArray(Long[]::new));
        String query = ids.stream().map(i -> "id=" + i).collect(Collectors.joining("&"));

        JsonObject merge = ok(Api.put("/api/0/projects/" + Fixtures.organizationSlug(org) + "/" + project + "/issues/?" + query,
                Tokens.jane(), """
                        {"merge": true}""")).getJsonObject("merge");

        assertEquals(ids.get(2).toString(), merge.getString("parent"));
        assertEquals(List.of(ids.get(1).toString(), ids.get(0).toString()),
                merge.getJsonArray("children").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("{\"issues\":[{\"id\":" + ids.get(1) + "},{\"id\":" + ids.get(0) + "}]}",
                Fixtures.value("select data from activity where issue_id = ? and type = 'merge'", ids.get(2)));
    }

    /**
     * src/sentry/issues/endpoints/group_details.py (__group_hourly_daily_stats) and the list
     * serializer: stats are [start epoch seconds, count] buckets, 24 hourly and 30 daily, oldest
     * first, zero where no events were counted.
     */
    @Test
    void statsAreZeroFilledTimelines() {
        long id = Fixtures.newIssue(PUMP_STATION, "stats");
        Instant before = Instant.now();
        JsonObject stats = Api.get(path(id), Tokens.jane()).object().getJsonObject("stats");
        assertTimeline(stats.getJsonArray("24h"), 24, ChronoUnit.HOURS, before);
        assertTimeline(stats.getJsonArray("30d"), 30, ChronoUnit.DAYS, before);

        long org = Fixtures.newOrganization("stats-list");
        String project = Fixtures.newProject(org, "stats-list");
        Fixtures.newIssues(project, 2, "listed stats");
        JsonArray listed = Api.get("/api/0/projects/" + Fixtures.organizationSlug(org) + "/" + project + "/issues/?query=",
                Tokens.jane()).array();
        for (JsonValue item : listed) {
            assertEquals(Set.of("24h"), item.asJsonObject().getJsonObject("stats").keySet());
            assertTimeline(item.asJsonObject().getJsonObject("stats").getJsonArray("24h"), 24, ChronoUnit.HOURS, before);
        }
    }

    static void assertTimeline(JsonArray timeline, int buckets, ChronoUnit unit, Instant around) {
        assertEquals(buckets, timeline.size(), timeline::toString);
        long step = unit.getDuration().getSeconds();
        long last = timeline.getJsonArray(buckets - 1).getJsonNumber(0).longValue();
        assertTrue(Math.abs(last - around.truncatedTo(unit).getEpochSecond()) <= step, "the last bucket is now's");
        for (int i = 0; i < buckets; i++) {
            JsonArray bucket = timeline.getJsonArray(i);
            assertEquals(last - (long) (buckets - 1 - i) * step, bucket.getJsonNumber(0).longValue());
            assertEquals(0, bucket.getJsonNumber(1).longValue());
        }
    }

    /**
     * src/sentry/api/base.py (add_cursor_headers, build_cursor_link): X-Hits counts the selection
     * (X-Max-Hits once the count reaches its cap), and Link repeats the other parameters, form
     * encoded, then &cursor= unencoded.
     */
    @Test
    void listsSendHitsAndSentrysLink() {
        long org = Fixtures.newOrganization("hits");
        String project = Fixtures.newProject(org, "hits");
        Fixtures.newIssues(project, 3, "hit");
        String base = "/api/0/projects/" + Fixtures.organizationSlug(org) + "/" + project + "/issues/";
        Api.Answer first = Api.get(base + "?limit=2&query=is:unresolved&cursor=0:0:0", Tokens.jane());

        assertEquals("3", first.header("X-Hits").orElse(null));
        assertTrue(first.header("X-Max-Hits").isEmpty());
        String prefix = TestEnvironment.baseUrl() + base + "?limit=2&query=is%3Aunresolved&cursor=";
        assertEquals("<" + prefix + "0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", <" + prefix
                + "0:2:0>; rel=\"next\"; results=\"true\"; cursor=\"0:2:0\"", first.header("Link").orElse(null));
        Api.Answer bare = Api.get(base, Tokens.jane());
        assertTrue(bare.header("Link").orElseThrow().startsWith("<" + TestEnvironment.baseUrl() + base + "?&cursor=0:0:1>"),
                bare.header("Link").orElseThrow());

        // X-Max-Hits once the count reaches Sentry's cap: CursorTest (a thousand issues here would
        // lengthen every later test's ids)
    }

    /** Django REST framework (request.data's empty_data): an empty PUT or PATCH body is {}. */
    @Test
    void anEmptyBodyIsAnEmptyObject() {
        long id = Fixtures.newIssue(PUMP_STATION, "empty body");
        for (String method : List.of("PUT", "PATCH")) {
            Api.Answer answer = Api.send(method, path(id), Tokens.jane(), null, List.of());
            assertEquals("unresolved", ok(answer).getString("status"), method);
            assertEquals("\"0\"", answer.header("ETag").orElse(null));
        }
        assertEquals(List.of(), activities(id));
    }

    /**
     * src/sentry/issues/endpoints/group_details.py (participants with "type": "user"),
     * src/sentry/api/serializers/models/activity.py (sentry_app), src/sentry/models/activity.py
     * (first_seen carries the initial priority) and src/sentry/users/api/serializers/user.py (the
     * user object of participants, seenBy and activity users).
     */
    @Test
    void peopleAndActivitiesHaveSentrysShapes() {
        long id = Fixtures.newIssue(PUMP_STATION, "shapes");
        ok(Api.put(path(id), Tokens.jane(), """
                {"status": "resolved", "hasSeen": true}"""));
        JsonObject issue = Api.get(path(id), Tokens.jane()).object();

        JsonObject participant = issue.getJsonArray("participants").getJsonObject(0);
        assertEquals("user", participant.getString("type"));
        assertUserObject(participant);
        JsonObject seen = issue.getJsonArray("seenBy").getJsonObject(0);
        assertUserObject(seen);
        assertFalse(seen.isNull("lastSeen"));

        JsonArray activity = issue.getJsonArray("activity");
        JsonObject resolved = activity.getJsonObject(0);
        assertTrue(resolved.containsKey("sentry_app") && resolved.isNull("sentry_app"));
        assertUserObject(resolved.getJsonObject("user"));
        JsonObject firstSeen = activity.getJsonObject(activity.size() - 1);
        assertEquals("first_seen", firstSeen.getString("type"));
        assertEquals("{\"priority\":\"medium\"}", firstSeen.getJsonObject("data").toString());
        assertTrue(firstSeen.isNull("user") && firstSeen.isNull("sentry_app"));

        // src/sentry/api/serializers/models/group.py: statusDetails.actor is the user object too
        long inRelease = Fixtures.newIssue(PUMP_STATION, "actor shape");
        assertUserObject(ok(Api.put(path(inRelease), Tokens.jane(), """
                {"status": "resolved", "statusDetails": {"inRelease": "1.0.0"}}""")).getJsonObject("statusDetails")
                .getJsonObject("actor"));
        long snoozed = Fixtures.newIssue(PUMP_STATION, "snooze actor shape");
        assertUserObject(ok(Api.put(path(snoozed), Tokens.jane(), """
                {"status": "ignored", "ignoreCount": 5}""")).getJsonObject("statusDetails").getJsonObject("actor"));
    }

    static void assertUserObject(JsonObject user) {
        assertEquals("jane", user.getString("username"));
        for (String key : List.of("id", "name", "email", "avatarUrl", "isActive", "hasPasswordAuth", "isManaged",
                "dateJoined", "lastLogin", "has2fa", "lastActive", "isSuperuser", "isStaff", "experiments", "emails",
                "avatar")) {
            assertTrue(user.containsKey(key), key + " in " + user);
        }
        assertTrue(user.getBoolean("isActive"));
    }

    /**
     * src/sentry/issues/endpoints/organization_group_index.py: the organization's list defaults to
     * is:unresolved issue.priority:[high,medium]; the project's list keeps is:unresolved.
     */
    @Test
    void theOrganizationListDefaultsToHighAndMediumPriority() {
        long orgId = Fixtures.newOrganization("priorities");
        String org = Fixtures.organizationSlug(orgId);
        String project = Fixtures.newProject(orgId, "priorities");
        List<Long> ids = Fixtures.newIssues(project, 3, "priority");
        Fixtures.execute("update issue set priority = 'low' where id = ?", ids.get(0));
        Fixtures.execute("update issue set priority = 'high' where id = ?", ids.get(1));

        assertEquals(Set.of(ids.get(1), ids.get(2)), idSet(Api.get("/api/0/organizations/" + org + "/issues/",
                Tokens.jane()).array()));
        assertEquals(Set.copyOf(ids), idSet(Api.get("/api/0/projects/" + org + "/" + project + "/issues/",
                Tokens.jane()).array()));
        assertEquals(Set.of(ids.get(0)), idSet(Api.get("/api/0/organizations/" + org
                + "/issues/?query=issue.priority:low", Tokens.jane()).array()));
    }

    static Set<Long> idSet(JsonArray issues) {
        return issues.stream().map(i -> Long.parseLong(i.asJsonObject().getString("id"))).collect(Collectors.toSet());
    }
}
