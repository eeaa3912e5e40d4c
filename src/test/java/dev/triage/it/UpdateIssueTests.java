package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PUT and PATCH on one issue: every key and rule of SENTRY-ISSUE-API.md §3, checked in the database too. */
abstract class UpdateIssueTests {

    static final long PUMP_STATION = 2;
    static final long PRIME_MOVER = 3;

    static String path(long id) {
        return "/api/0/issues/" + id + "/";
    }

    static Api.Answer put(long id, String json) {
        return Api.put(path(id), Tokens.jane(), json);
    }

    static JsonObject ok(Api.Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        return answer.object();
    }

    static List<String> activities(long id) {
        return Fixtures.rows("select type from activity where issue_id = ? order by id", id)
                .stream().map(r -> (String) r.get(0)).toList();
    }

    static String activityData(long id, String type) {
        return (String) Fixtures.value("select data from activity where issue_id = ? and type = ? order by id desc limit 1",
                id, type);
    }

    static Object column(long id, String column) {
        return Fixtures.value("select " + column + " from issue where id = ?", id);
    }

    static Object userState(long id, long user, String column) {
        return Fixtures.value("select " + column + " from issue_user_state where issue_id = ? and user_id = ?", id, user);
    }

    @Test
    void seedExampleWorksVerbatim() {
        long before = Fixtures.single("select version from issue where id = 1");
        Api.Answer answer = Api.put("/api/0/issues/1/", Tokens.jane(), """
                {"status": "unresolved"}""");

        JsonObject issue = ok(answer);
        RetrieveIssueTests.assertStandardHeaders(answer, RetrieveIssueTests.DETAILS_METHODS);
        assertEquals("\"" + before + "\"", answer.header("ETag").orElse(null), "no change, same version");
        assertEquals(new TreeSet<>(RetrieveIssueTests.UPDATE_KEYS), new TreeSet<>(issue.keySet()));
        assertEquals("unresolved", issue.getString("status"));
        assertEquals("PUMP-STATION-1", issue.getString("shortId"));
        assertEquals(List.of(), activities(1));
        OpenApiContract.assertValid(OpenApiContract.LEGACY, "put", "/api/0/issues/{issue_id}/", 200, answer.json());
        OpenApiContract.assertValid(OpenApiContract.CURRENT, "put",
                "/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/", 200, answer.json());
    }

    @Test
    void emptyBodyChangesNothing() {
        long id = Fixtures.newIssue(PUMP_STATION, "empty body");
        Api.Answer answer = put(id, "{}");

        assertEquals("\"0\"", answer.header("ETag").orElse(null));
        assertEquals("unresolved", ok(answer).getString("status"));
        assertEquals(0L, column(id, "version"));
        assertEquals(List.of(), activities(id));
    }

    @Test
    void unknownKeysAreIgnored() {
        long id = Fixtures.newIssue(PUMP_STATION, "unknown keys");
        JsonObject issue = ok(put(id, """
                {"status": "resolved", "colour": "blue", "inbox": false}"""));
        assertEquals("resolved", issue.getString("status"));
    }

    @Test
    void resolvingSubscribesTheCallerAndRecordsEachResolve() {
        long id = Fixtures.newIssue(PUMP_STATION, "resolve");
        Instant before = Instant.now().minusSeconds(5);

        JsonObject issue = ok(put(id, """
                {"status": "resolved"}"""));
        ok(put(id, """
                {"status": "resolved"}"""));

        assertEquals("resolved", issue.getString("status"));
        assertTrue(issue.isNull("substatus"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, issue.getJsonObject("statusDetails"));
        assertTrue(issue.getBoolean("isSubscribed"));
        // Sentry's names (notifications/types.py) and Sentry's rule (helpers/group_index/update.py):
        // resolving again records again, the listing folds the repeat (FidelityTests)
        assertEquals("changed_status", issue.getJsonObject("subscriptionDetails").getString("reason"));
        assertEquals(List.of("set_resolved", "set_resolved"), activities(id));
        assertTrue(((java.sql.Timestamp) column(id, "resolved_at")).toInstant().isAfter(before));
        assertEquals(1L, column(id, "version"));
    }

    @Test
    void sentryCliStatusBodyIsAccepted() {
        long id = Fixtures.newIssue(PUMP_STATION, "sentry-cli");
        JsonObject issue = ok(put(id, """
                {"status": "resolved", "snoozeDuration": null}"""));
        assertEquals("resolved", issue.getString("status"));
    }

    @Test
    void resolvingInTheNextReleaseShowsWhoDidIt() {
        long id = Fixtures.newIssue(PUMP_STATION, "next release");
        JsonObject issue = ok(put(id, """
                {"status": "resolvedInNextRelease"}"""));

        assertEquals("resolved", issue.getString("status"));
        JsonObject details = issue.getJsonObject("statusDetails");
        assertTrue(details.getBoolean("inNextRelease"));
        assertEquals("jane", details.getJsonObject("actor").getString("username"));
        assertEquals(List.of("set_resolved_in_release"), activities(id));
        assertEquals("""
                {"version":""}""", activityData(id, "set_resolved_in_release"));

        long other = Fixtures.newIssue(PUMP_STATION, "next release by details");
        JsonObject viaDetails = ok(put(other, """
                {"status": "resolved", "statusDetails": {"inNextRelease": true}}"""));
        assertTrue(viaDetails.getJsonObject("statusDetails").getBoolean("inNextRelease"));
    }

    @Test
    void resolvingInTheNextReleaseWithoutReleases() {
        long id = Fixtures.newIssue(PRIME_MOVER, "no releases");
        JsonObject issue = ok(put(id, """
                {"status": "resolvedInNextRelease"}"""));
        assertEquals("resolved", issue.getString("status"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, issue.getJsonObject("statusDetails"));

        long other = Fixtures.newIssue(PRIME_MOVER, "no releases, details");
        Api.Answer refused = put(other, """
                {"status": "resolved", "statusDetails": {"inNextRelease": true}}""");
        assertEquals(400, refused.status());
        assertEquals("""
                {"statusDetails":{"inNextRelease":["No release data present in the system to form a basis for 'Next Release'"]}}""", refused.text());
        assertEquals("unresolved", column(other, "status"));
    }

    @Test
    void resolvingInARelease() {
        long id = Fixtures.newIssue(PUMP_STATION, "in release");
        JsonObject issue = ok(put(id, """
                {"status": "resolved", "statusDetails": {"inRelease": "1.0.0"}}"""));
        assertEquals("1.0.0", issue.getJsonObject("statusDetails").getString("inRelease"));
        assertEquals("jane", issue.getJsonObject("statusDetails").getJsonObject("actor").getString("username"));
        assertEquals("""
                {"version":"1.0.0"}""", activityData(id, "set_resolved_in_release"));

        JsonObject latest = ok(put(id, """
                {"status": "resolved", "statusDetails": {"inRelease": "latest"}}"""));
        assertEquals("1.1.0", latest.getJsonObject("statusDetails").getString("inRelease"));
        assertEquals(2, activities(id).size());

        Api.Answer unknown = put(id, """
                {"status": "resolved", "statusDetails": {"inRelease": "9.9.9"}}""");
        assertEquals(400, unknown.status());
        assertEquals("""
                {"statusDetails":{"inRelease":["Unable to find a release with the given version."]}}""",
                unknown.text());
        assertEquals(2, activities(id).size());
    }

    @Test
    void resolvingInACommit() {
        long id = Fixtures.newIssue(PUMP_STATION, "in commit");
        String commit = "8f3c4a1b2d5e6f708192a3b4c5d6e7f8091a2b3c";
        JsonObject issue = ok(put(id, """
                {"status": "resolved", "statusDetails": {"inCommit": {"commit": "%s", "repository": "interstellar/pump-station"}}}""".formatted(commit)));

        JsonObject inCommit = issue.getJsonObject("statusDetails").getJsonObject("inCommit");
        assertEquals(commit, inCommit.getString("id"));
        assertEquals("interstellar/pump-station", inCommit.getJsonObject("repository").getString("name"));
        assertEquals(List.of("set_resolved_in_commit"), activities(id));
        assertEquals("""
                {"commit":1}""", activityData(id, "set_resolved_in_commit"));
    }

    @Test
    void unknownRepositoryOrCommitIsRefused() {
        long id = Fixtures.newIssue(PUMP_STATION, "bad commit");
        Api.Answer repository = put(id, """
                {"status": "resolved", "statusDetails": {"inCommit": {"commit": "abc", "repository": "nope/nope"}}}""");
        Api.Answer commit = put(id, """
                {"status": "resolved", "statusDetails": {"inCommit": {"commit": "abc", "repository": "interstellar/pump-station"}}}""");

        assertEquals(400, repository.status());
        assertEquals("""
                {"statusDetails":{"inCommit":{"repository":["Unable to find the given repository."]}}}""",
                repository.text());
        assertEquals(400, commit.status());
        assertEquals("""
                {"statusDetails":{"inCommit":{"commit":["Unable to find the given commit."]}}}""",
                commit.text());
        assertEquals("unresolved", column(id, "status"));
        assertEquals(List.of(), activities(id));
    }

    @Test
    void unresolvingARegression() {
        long id = Fixtures.newIssue(PUMP_STATION, "regressed");
        ok(put(id, """
                {"status": "resolved", "statusDetails": {"inRelease": "1.0.0"}}"""));
        JsonObject issue = ok(put(id, """
                {"status": "unresolved"}"""));

        assertEquals("unresolved", issue.getString("status"));
        assertEquals("regressed", issue.getString("substatus"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, issue.getJsonObject("statusDetails"));
        assertNull(column(id, "resolution_type"));
        assertNull(column(id, "resolved_at"));
        assertEquals(List.of("set_resolved_in_release", "set_unresolved"), activities(id));
    }

    @Test
    void unresolvingAnIgnoredIssueDependsOnItsAge() {
        long young = Fixtures.issue(PUMP_STATION).titled("young").firstSeenAgo(Duration.ofDays(2)).create();
        long old = Fixtures.newIssue(PUMP_STATION, "old");
        for (long id : List.of(young, old)) {
            ok(put(id, """
                    {"status": "ignored"}"""));
        }
        assertEquals("new", ok(put(young, """
                {"status": "unresolved"}""")).getString("substatus"));
        assertEquals("ongoing", ok(put(old, """
                {"status": "unresolved"}""")).getString("substatus"));
        long explicit = Fixtures.newIssue(PUMP_STATION, "explicit substatus");
        ok(put(explicit, """
                {"status": "ignored"}"""));
        assertEquals("escalating",
                ok(put(explicit, """
                        {"status": "unresolved", "substatus": "escalating"}""")).getString("substatus"));
    }

    @Test
    void ignoringForever() {
        long id = Fixtures.newIssue(PUMP_STATION, "ignore");
        JsonObject issue = ok(put(id, """
                {"status": "ignored"}"""));

        assertEquals("ignored", issue.getString("status"));
        assertEquals("archived_forever", issue.getString("substatus"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, issue.getJsonObject("statusDetails"));
        assertEquals(List.of("set_ignored"), activities(id));
        ok(put(id, """
                {"status": "muted"}"""));
        assertEquals(List.of("set_ignored"), activities(id), "ignoring again changes nothing");
    }

    @Test
    void ignoringUntilConditionsAreMet() {
        long id = Fixtures.newIssue(PUMP_STATION, "snooze");
        Instant before = Instant.now();
        JsonObject issue = ok(put(id, """
                {"status": "ignored", "ignoreDuration": 30, "ignoreCount": 10, "ignoreWindow": 60}"""));

        assertEquals("archived_until_condition_met", issue.getString("substatus"));
        JsonObject details = issue.getJsonObject("statusDetails");
        assertEquals(10, details.getInt("ignoreCount"));
        assertEquals(60, details.getInt("ignoreWindow"));
        Instant until = Instant.parse(details.getString("ignoreUntil"));
        assertTrue(Duration.between(before.plus(Duration.ofMinutes(30)), until).abs().getSeconds() < 60, until::toString);
        assertEquals("jane", details.getJsonObject("actor").getString("username"));
        assertTrue(activityData(id, "set_ignored").contains("\"ignoreCount\":10"));

        long nested = Fixtures.newIssue(PUMP_STATION, "snooze nested");
        JsonObject viaDetails = ok(put(nested, """
                {"status": "ignored", "statusDetails": {"ignoreUserCount": 5, "ignoreUserWindow": 120}}"""));
        assertEquals(5, viaDetails.getJsonObject("statusDetails").getInt("ignoreUserCount"));
        assertEquals(120, viaDetails.getJsonObject("statusDetails").getInt("ignoreUserWindow"));
        assertEquals(5, column(nested, "snooze_user_count"));
    }

    @Test
    void ignoringUntilEscalating() {
        long id = Fixtures.newIssue(PUMP_STATION, "escalating");
        JsonObject issue = ok(put(id, """
                {"status": "ignored", "statusDetails": {"ignoreUntilEscalating": true}}"""));
        assertEquals("archived_until_escalating", issue.getString("substatus"));
        assertEquals("""
                {"ignoreUntilEscalating":true}""", issue.getJsonObject("statusDetails").toString());

        long bySubstatus = Fixtures.newIssue(PUMP_STATION, "escalating by substatus");
        JsonObject other = ok(put(bySubstatus, """
                {"status": "ignored", "substatus": "archived_until_escalating"}"""));
        assertTrue(other.getJsonObject("statusDetails").getBoolean("ignoreUntilEscalating"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2\"", "2", "\"user:2\"", "\"john\"", "\"john@example.com\""})
    void assigningAUserInEveryForm(String actor) {
        long id = Fixtures.newIssue(PUMP_STATION, "assign " + actor);
        JsonObject issue = ok(put(id, """
                {"assignedTo": %s}""".formatted(actor)));

        JsonObject assignee = issue.getJsonObject("assignedTo");
        assertEquals("user", assignee.getString("type"));
        assertEquals("2", assignee.getString("id"));
        assertEquals("John Doe", assignee.getString("name"));
        assertEquals("john@example.com", assignee.getString("email"));
        assertEquals(2L, column(id, "assignee_user_id"));
        assertEquals(true, userState(id, 2, "subscribed"));
        assertEquals("assigned", userState(id, 2, "subscription_reason"));
        assertEquals("""
                {"assignee":"2","assigneeEmail":"john@example.com","assigneeType":"user"}""",
                activityData(id, "assigned"));
        ok(put(id, """
                {"assignedTo": %s}""".formatted(actor)));
        assertEquals(List.of("assigned"), activities(id), "the same assignee again writes nothing");
    }

    @Test
    void assigningATeamSubscribesItsMembersAndUnassigning() {
        long id = Fixtures.newIssue(PUMP_STATION, "team");
        JsonObject issue = ok(put(id, """
                {"assignedTo": "team:1"}"""));
        assertEquals(Set.of("type", "id", "name"), issue.getJsonObject("assignedTo").keySet());
        assertEquals("team", issue.getJsonObject("assignedTo").getString("type"));
        assertEquals("1", issue.getJsonObject("assignedTo").getString("id"));
        assertEquals("powerful-abolitionist", issue.getJsonObject("assignedTo").getString("name"));
        assertEquals(true, userState(id, 1, "subscribed"));
        assertTrue(issue.getBoolean("isSubscribed"));

        assertTrue(ok(put(id, """
                {"assignedTo": ""}""")).isNull("assignedTo"));
        ok(put(id, """
                {"assignedTo": null}"""));
        assertEquals(List.of("assigned", "unassigned"), activities(id));
        assertNull(column(id, "assignee_team_id"));
    }

    @Test
    void assigneesOutsideTheOrganizationAreRefused() {
        long id = Fixtures.newIssue(PUMP_STATION, "bad assignee");
        assertRefused(id, """
                {"assignedTo": "3"}""", """
                {"assignedTo":["User is not a member of this organization"]}""");
        assertRefused(id, """
                {"assignedTo": "leia"}""", """
                {"assignedTo":["User is not a member of this organization"]}""");
        assertRefused(id, """
                {"assignedTo": "user:999"}""", """
                {"assignedTo":["User does not exist"]}""");
        assertRefused(id, """
                {"assignedTo": "team:2"}""", """
                {"assignedTo":["Team is not a member of this organization"]}""");
        String unparsable = """
                {"assignedTo":["Could not parse actor. Format should be `type:id` where type is `team` or `user`."]}""";
        for (String actor : List.of("\"foo:bar\"", "\"user:abc\"", "\"team:\"", "{}", "true", "-4")) {
            assertRefused(id, """
                    {"assignedTo": %s}""".formatted(actor), unparsable);
        }
    }

    @Test
    void seenIsPerCaller() {
        long id = Fixtures.newIssue(PUMP_STATION, "seen");
        assertTrue(ok(put(id, """
                {"hasSeen": true}""")).getBoolean("hasSeen"));
        assertFalse(ok(Api.put(path(id), Tokens.john(), "{}")).getBoolean("hasSeen"), "john has not seen it");
        JsonObject details = Api.get(path(id), Tokens.john()).object();
        assertEquals("jane", details.getJsonArray("seenBy").getJsonObject(0).getString("username"));
        assertTrue(userState(id, 1, "last_seen_at") != null);

        assertFalse(ok(put(id, """
                {"hasSeen": "0"}""")).getBoolean("hasSeen"));
        assertNull(userState(id, 1, "last_seen_at"));
        assertEquals(List.of(), activities(id));
    }

    @Test
    void bookmarkingSubscribesAndUnbookmarkingUnsubscribes() {
        long id = Fixtures.newIssue(PUMP_STATION, "bookmark");
        JsonObject bookmarked = ok(put(id, """
                {"isBookmarked": "true"}"""));
        assertTrue(bookmarked.getBoolean("isBookmarked"));
        assertTrue(bookmarked.getBoolean("isSubscribed"));
        assertEquals("bookmarked", bookmarked.getJsonObject("subscriptionDetails").getString("reason"));

        JsonObject unbookmarked = ok(put(id, """
                {"isBookmarked": false}"""));
        assertFalse(unbookmarked.getBoolean("isBookmarked"));
        assertFalse(unbookmarked.getBoolean("isSubscribed"));
        assertTrue(unbookmarked.isNull("subscriptionDetails"));
        assertEquals(0L, Fixtures.single("select count(*) from issue_user_state where issue_id = ?", id));
    }

    @Test
    void subscribingExplicitly() {
        long id = Fixtures.newIssue(PUMP_STATION, "subscribe");
        JsonObject subscribed = ok(put(id, """
                {"isSubscribed": "1"}"""));
        assertTrue(subscribed.getBoolean("isSubscribed"));
        assertEquals("""
                {"reason":"unknown"}""", subscribed.getJsonObject("subscriptionDetails").toString());

        JsonObject unsubscribed = ok(put(id, """
                {"isSubscribed": false}"""));
        assertFalse(unsubscribed.getBoolean("isSubscribed"));
        assertTrue(unsubscribed.isNull("subscriptionDetails"));
        assertEquals(false, userState(id, 1, "subscribed"));
        ok(put(id, """
                {"status": "resolved"}"""));
        assertEquals(false, userState(id, 1, "subscribed"), "an explicit unsubscription wins over status changes");
    }

    @Test
    void sharingIssuesAFreshShareIdEachTime() {
        long id = Fixtures.newIssue(PUMP_STATION, "share");
        JsonObject first = ok(put(id, """
                {"isPublic": true}"""));
        JsonObject second = ok(put(id, """
                {"isPublic": true}"""));

        assertTrue(first.getBoolean("isPublic"));
        assertTrue(first.getString("shareId").matches("[0-9a-f]{32}"));
        assertTrue(second.getString("shareId").matches("[0-9a-f]{32}"));
        assertNotEquals(first.getString("shareId"), second.getString("shareId"));
        assertEquals(second.getString("shareId"), Fixtures.value("select share_id from issue_share where issue_id = ?", id));

        JsonObject privately = ok(put(id, """
                {"isPublic": false}"""));
        assertFalse(privately.getBoolean("isPublic"));
        assertTrue(privately.isNull("shareId"));
        assertEquals(0L, Fixtures.single("select count(*) from issue_share where issue_id = ?", id));
        ok(put(id, """
                {"isPublic": false}"""));
        assertEquals(List.of("set_public", "set_public", "set_private"), activities(id));
    }

    @Test
    void prioritizingLocksThePriority() {
        long id = Fixtures.newIssue(PUMP_STATION, "priority");
        JsonObject issue = ok(put(id, """
                {"priority": "low"}"""));
        assertEquals("low", issue.getString("priority"));
        assertFalse(issue.isNull("priorityLockedAt"));
        ok(put(id, """
                {"priority": "low"}"""));
        assertEquals(List.of("set_priority"), activities(id));
        assertEquals("""
                {"priority":"low","reason":null}""", activityData(id, "set_priority"));
    }

    @Test
    void patchAndTheOrganizationPathBehaveAlike() {
        long id = Fixtures.newIssue(PUMP_STATION, "patch");
        String shortId = "PUMP-STATION-" + Fixtures.single("select short_id_number from issue where id = ?", id);
        Api.Answer patched = Api.send("PATCH", path(id), Tokens.jane(), """
                {"status": "resolved"}""", List.of());
        assertEquals("resolved", ok(patched).getString("status"));
        Api.Answer byShortId = Api.put("/api/0/organizations/the-interstellar-jurisdiction/issues/" + shortId + "/",
                Tokens.jane(), """
                        {"status": "unresolved"}""");
        assertEquals("unresolved", ok(byShortId).getString("status"));
        Api.Answer orgPatch = Api.send("PATCH", "/api/0/organizations/1/issues/" + id, Tokens.jane(),
                """
                        {"priority": "high"}""", List.of());
        assertEquals("high", ok(orgPatch).getString("priority"));
        OpenApiContract.assertValid(OpenApiContract.CURRENT, "put",
                "/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/", 200, byShortId.json());
    }

    @Test
    void discardingDeletesTheIssue() {
        long id = Fixtures.newIssue(PUMP_STATION, "discard");
        Api.Answer answer = put(id, """
                {"discard": true}""");

        assertEquals(204, answer.status(), answer::toString);
        assertEquals("", answer.text());
        assertEquals(0L, Fixtures.single("select count(*) from issue where id = ?", id));
        assertEquals(404, Api.get(path(id), Tokens.jane()).status());
    }

    @Test
    void discardingIsAloneAndForAdmins() {
        long id = Fixtures.newIssue(PUMP_STATION, "discard refused");
        assertRefused(id, """
                {"discard": true, "status": "resolved"}""",
                """
                        {"non_field_errors":["Other attributes cannot be updated when discarding"]}""");
        Api.Answer john = Api.put(path(id), Tokens.john(), """
                {"discard": true}""");
        assertEquals(400, john.status());
        assertEquals("""
                {"discard":["You do not have permission to discard events"]}""", john.text());
        assertEquals(1L, Fixtures.single("select count(*) from issue where id = ?", id));
    }

    @Test
    void deletingNeedsAdminAndHidesTheIssue() {
        long id = Fixtures.newIssue(PUMP_STATION, "delete");
        Api.Answer john = Api.send("DELETE", path(id), Tokens.john(), null, List.of());
        assertEquals(403, john.status());
        assertEquals(AuthenticationTests.FORBIDDEN, john.text());

        Api.Answer jane = Api.send("DELETE", path(id), Tokens.jane(), null, List.of());
        assertEquals(202, jane.status());
        assertEquals("", jane.text());
        assertEquals(true, column(id, "pending_deletion"));
        AuthenticationTests.assertNotFound(Api.get(path(id), Tokens.jane()));
        AuthenticationTests.assertNotFound(put(id, """
                {"status": "resolved"}"""));
        AuthenticationTests.assertNotFound(Api.send("DELETE", path(id), Tokens.jane(), null, List.of()));
    }

    @Test
    void readOnlyTokensCannotWrite() {
        long id = Fixtures.newIssue(PUMP_STATION, "read only");
        String readOnly = Tokens.of("jane", "event:read");
        for (String method : List.of("PUT", "PATCH")) {
            Api.Answer answer = Api.send(method, path(id), readOnly, """
                    {"status": "resolved"}""", List.of());
            assertEquals(403, answer.status());
            assertEquals("Bearer error=\"insufficient_scope\", scope=\"event:write\"",
                    answer.header("WWW-Authenticate").orElse(null));
        }
        assertEquals("unresolved", column(id, "status"));
        AuthenticationTests.assertNotFound(Api.put(path(id), Tokens.leia(), """
                {"status": "resolved"}"""));
        assertEquals(401, Api.put(path(id), null, """
                {"status": "resolved"}""").status());
    }

    @Test
    void ifMatchMakesTheUpdateConditional() {
        long id = Fixtures.newIssue(PUMP_STATION, "if-match");
        String etag = Api.get(path(id), Tokens.jane()).header("ETag").orElseThrow();

        Api.Answer first = Api.send("PUT", path(id), Tokens.jane(), """
                {"priority": "low"}""", List.of("If-Match", etag));
        assertEquals(200, first.status(), first::toString);
        String newTag = first.header("ETag").orElseThrow();
        assertNotEquals(etag, newTag);

        Api.Answer stale = Api.send("PUT", path(id), Tokens.jane(), """
                {"status": "resolved"}""", List.of("If-Match", etag));
        assertEquals(412, stale.status());
        assertEquals(newTag, stale.header("ETag").orElse(null));
        assertTrue(stale.object().getString("detail").contains("If-Match"));
        assertEquals("unresolved", column(id, "status"));
        assertEquals(List.of("set_priority"), activities(id));

        Api.Answer any = Api.send("PUT", path(id), Tokens.jane(), """
                {"status": "resolved"}""", List.of("If-Match", "*"));
        assertEquals(200, any.status());
        Api.Answer garbage = Api.send("PUT", path(id), Tokens.jane(), """
                {"status": "ignored"}""",
                List.of("If-Match", "\"not-a-version\""));
        assertEquals(412, garbage.status());
    }

    // ---- bad input: 400 (or 413/415), Sentry's format, nothing written ----

    static void assertRefused(long id, String body, String expected) {
        long version = (Long) column(id, "version");
        int activities = activities(id).size();
        Api.Answer answer = put(id, body);
        assertEquals(400, answer.status(), () -> body + " -> " + answer);
        assertEquals(expected, answer.text(), body);
        assertEquals(version, column(id, "version"), "nothing written for " + body);
        assertEquals(activities, activities(id).size());
    }

    @Test
    void invalidValuesAreRefusedWithTheFieldDictionary() {
        long id = Fixtures.newIssue(PUMP_STATION, "bad input");
        assertRefused(id, """
                {"status": "foo"}""", """
                {"status":["\\"foo\\" is not a valid choice."]}""");
        assertRefused(id, """
                {"status": 5}""", """
                {"status":["\\"5\\" is not a valid choice."]}""");
        assertRefused(id, """
                {"status": "resolved", "substatus": "sleepy"}""",
                """
                        {"substatus":["\\"sleepy\\" is not a valid choice."]}""");
        assertRefused(id, """
                {"priority": "urgent"}""", """
                {"priority":["\\"urgent\\" is not a valid choice."]}""");
        assertRefused(id, """
                {"hasSeen": {}}""", """
                {"hasSeen":["Must be a valid boolean."]}""");
        assertRefused(id, """
                {"isPublic": "maybe"}""", """
                {"isPublic":["Must be a valid boolean."]}""");
        assertRefused(id, """
                {"status": "ignored", "ignoreCount": "10"}""",
                """
                        {"ignoreCount":["A valid integer is required."]}""");
        assertRefused(id, """
                {"status": "ignored", "ignoreWindow": 10081}""",
                """
                        {"ignoreWindow":["Ensure this value is less than or equal to 10080."]}""");
        assertRefused(id, """
                {"status": "ignored", "statusDetails": {"ignoreUserWindow": 10081}}""",
                """
                        {"statusDetails":{"ignoreUserWindow":["Ensure this value is less than or equal to 10080."]}}""");
        assertRefused(id, """
                {"status": "ignored", "ignoreCount": -1}""",
                """
                        {"ignoreCount":["Ensure this value is greater than or equal to 0."]}""");
        assertRefused(id, """
                {"status": "ignored", "statusDetails": {"ignoreUserCount": -5}}""",
                """
                        {"statusDetails":{"ignoreUserCount":["Ensure this value is greater than or equal to 0."]}}""");
        assertRefused(id, """
                {"status": "resolved", "statusDetails": "soon"}""",
                """
                        {"statusDetails":{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}}""");
        assertRefused(id, """
                {"status": "resolved", "hasSeen": "nope", "priority": "high"}""",
                """
                        {"hasSeen":["Must be a valid boolean."]}""");
        assertEquals("medium", column(id, "priority"), "one invalid field: nothing written");
    }

    @Test
    void bodiesThatAreNoJsonObjectAreRefused() {
        long id = Fixtures.newIssue(PUMP_STATION, "bad bodies");
        assertRefused(id, """
                [{"status": "resolved"}]""",
                """
                        {"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}""");
        assertRefused(id, "\"resolved\"", """
                {"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}""");
        assertRefused(id, "42", """
                {"non_field_errors":["Invalid data. Expected a dictionary, but got int."]}""");
        for (String body : List.of("""
                {"status": """, "status=resolved", "   ")) {
            Api.Answer answer = put(id, body);
            assertEquals(400, answer.status(), body);
            assertTrue(answer.object().getString("detail").startsWith("JSON parse error"), answer::toString);
        }
        Api.Answer form = Api.send("PUT", path(id), Tokens.jane(), "status=resolved",
                List.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(415, form.status());
        assertTrue(form.object().containsKey("detail"));
        Api.Answer huge = put(id, """
                {"title": "%s"}""".formatted("x".repeat(70_000)));
        assertEquals(413, huge.status());
        assertTrue(huge.object().getString("detail").contains("65536"));
        assertEquals("unresolved", column(id, "status"));
        assertEquals(0L, column(id, "version"));
    }

    @Test
    void answersNeverLeakInternals() {
        long id = Fixtures.newIssue(PUMP_STATION, "no leaks");
        for (String body : List.of("""
                {"status": """, """
                {"assignedTo": "x:y"}""", "[]")) {
            String text = put(id, body).text();
            for (String leak : Set.of("Exception", "org.", "java.", "SQL", "at dev.")) {
                assertFalse(text.contains(leak), text);
            }
        }
    }
}
