package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET, HEAD and OPTIONS on the three addresses of one issue. */
abstract class RetrieveIssueTests {

    static final Set<String> UPDATE_KEYS = Set.of("annotations", "assignedTo", "count", "culprit", "firstSeen",
            "hasSeen", "id", "isBookmarked", "isPublic", "isSubscribed", "isUnhandled", "issueCategory", "issueType",
            "lastSeen", "level", "logger", "metadata", "numComments", "permalink", "platform", "priority",
            "priorityLockedAt", "project", "seerAutofixLastTriggered", "seerExplorerAutofixLastTriggered",
            "seerFixabilityScore", "shareId", "shortId", "status", "statusDetails", "subscriptionDetails",
            "substatus", "title", "type", "userCount");

    static final Set<String> GET_ONLY_KEYS = Set.of("activity", "seenBy", "participants", "userReportCount",
            "firstRelease", "lastRelease", "tags", "stats", "pluginActions", "pluginContexts", "pluginIssues");

    static final Map<String, String> STANDARD_HEADERS = Map.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Expose-Headers", "X-Sentry-Error, Retry-After",
            "Vary", "Accept-Language, Cookie",
            "Content-Language", "en",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "deny",
            "X-XSS-Protection", "1; mode=block");

    static void assertStandardHeaders(Api.Answer answer, String methods) {
        STANDARD_HEADERS.forEach((name, value) -> assertEquals(value, answer.header(name).orElse(null), name));
        assertEquals(methods, answer.header("Allow").orElse(null), "Allow");
        assertEquals(methods, answer.header("Access-Control-Allow-Methods").orElse(null));
        assertTrue(answer.header("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
    }

    static final String DETAILS_METHODS = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";

    @Test
    void seedExampleIsServedAsDocumented() {
        Api.Answer answer = Api.get("/api/0/issues/1/", Tokens.jane());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type").orElse("").split(";")[0]);
        assertStandardHeaders(answer, DETAILS_METHODS);
        long version = Fixtures.single("select version from issue where id = 1");
        assertEquals("\"" + version + "\"", answer.header("ETag").orElse(null));

        JsonObject issue = answer.object();
        assertEquals("1", issue.getString("id"));
        assertEquals("PUMP-STATION-1", issue.getString("shortId"));
        assertEquals("This is an example python exception", issue.getString("title"));
        assertEquals("This is an example python exception", issue.getJsonObject("metadata").getString("title"));
        assertEquals("raven.scripts.runner in main", issue.getString("culprit"));
        assertEquals("error", issue.getString("level"));
        assertEquals("python", issue.getString("platform"));
        assertEquals("default", issue.getString("type"));
        assertTrue(issue.isNull("logger"));
        assertEquals("1", issue.getString("count"));
        assertEquals(1, issue.getInt("userCount"));
        assertEquals("2020-03-10T16:08:53.520970Z", issue.getString("firstSeen"));
        assertEquals("2020-03-10T16:08:53.520970Z", issue.getString("lastSeen"));
        assertEquals("unresolved", issue.getString("status"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, issue.getJsonObject("statusDetails"));
        assertEquals(0, issue.getInt("numComments"));
        assertTrue(issue.isNull("assignedTo"));
        assertTrue(issue.isNull("shareId"));
        assertFalse(issue.getBoolean("isPublic"));
        assertFalse(issue.getBoolean("hasSeen"));
        assertFalse(issue.getBoolean("isBookmarked"));
        assertFalse(issue.getBoolean("isSubscribed"));
        assertTrue(issue.isNull("subscriptionDetails"));
        assertEquals(List.of(), issue.getJsonArray("annotations"));
        assertEquals("https://triage.example.com/organizations/the-interstellar-jurisdiction/issues/1/",
                issue.getString("permalink"));
        JsonObject project = issue.getJsonObject("project");
        assertEquals("2", project.getString("id"));
        assertEquals("Pump Station", project.getString("name"));
        assertEquals("pump-station", project.getString("slug"));
        assertTrue(project.isNull("platform"));
        assertEquals(0, issue.getInt("userReportCount"));
        assertTrue(issue.isNull("firstRelease"));
        assertTrue(issue.isNull("lastRelease"));
        JsonObject firstSeen = issue.getJsonArray("activity").getJsonObject(0);
        assertEquals("first_seen", firstSeen.getString("type"));
        assertEquals("2020-03-10T16:08:53.520970Z", firstSeen.getString("dateCreated"));
    }

    @Test
    void everyDocumentedKeyIsPresentWithItsType() {
        JsonObject issue = Api.get("/api/0/issues/1/", Tokens.jane()).object();

        Set<String> expected = new TreeSet<>(UPDATE_KEYS);
        expected.addAll(GET_ONLY_KEYS);
        assertEquals(expected, new TreeSet<>(issue.keySet()));
        for (String key : List.of("id", "count", "culprit", "permalink", "shortId", "title", "type", "level",
                "status", "issueCategory", "issueType", "firstSeen", "lastSeen", "platform", "substatus", "priority")) {
            assertEquals(JsonValue.ValueType.STRING, issue.get(key).getValueType(), key);
        }
        for (String key : List.of("hasSeen", "isBookmarked", "isPublic", "isSubscribed", "isUnhandled")) {
            assertTrue(issue.get(key) == JsonValue.TRUE || issue.get(key) == JsonValue.FALSE, key);
        }
        for (String key : List.of("numComments", "userCount", "userReportCount")) {
            assertEquals(JsonValue.ValueType.NUMBER, issue.get(key).getValueType(), key);
        }
        for (String key : List.of("metadata", "project", "statusDetails", "stats")) {
            assertEquals(JsonValue.ValueType.OBJECT, issue.get(key).getValueType(), key);
        }
        for (String key : List.of("annotations", "activity", "seenBy", "participants", "tags", "pluginActions",
                "pluginContexts", "pluginIssues")) {
            assertEquals(JsonValue.ValueType.ARRAY, issue.get(key).getValueType(), key);
        }
        for (String key : List.of("logger", "assignedTo", "shareId", "subscriptionDetails", "priorityLockedAt",
                "seerAutofixLastTriggered", "seerExplorerAutofixLastTriggered", "seerFixabilityScore",
                "firstRelease", "lastRelease")) {
            assertEquals(JsonValue.ValueType.NULL, issue.get(key).getValueType(), key);
        }
        assertEquals(Set.of("id", "name", "slug", "platform"), issue.getJsonObject("project").keySet());
        assertTrue(issue.getString("firstSeen").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
    }

    @Test
    void answerMatchesSentrysCurrentOpenApiDescription() {
        Api.Answer answer = Api.get("/api/0/organizations/the-interstellar-jurisdiction/issues/1/", Tokens.jane());
        OpenApiContract.assertValid(OpenApiContract.CURRENT, "get",
                "/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/", 200, answer.json());
    }

    @Test
    void answerMatchesSentrysLegacyOpenApiDescription() {
        Api.Answer answer = Api.get("/api/0/issues/2/", Tokens.jane());
        OpenApiContract.assertValid(OpenApiContract.LEGACY, "get", "/api/0/issues/{issue_id}/", 200, answer.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/0/issues/1/", "/api/0/issues/1", "/api/0/groups/1/", "/api/0/groups/1",
            "/api/0/organizations/the-interstellar-jurisdiction/issues/1/",
            "/api/0/organizations/1/issues/1/",
            "/api/0/organizations/the-interstellar-jurisdiction/issues/PUMP-STATION-1/",
            "/api/0/organizations/the-interstellar-jurisdiction/issues/pump-station-1",
            "/api/0/organizations/1/issues/Pump-Station-1/"})
    void everyAddressOfTheIssueServesIt(String path) {
        Api.Answer answer = Api.get(path, Tokens.jane());
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("1", answer.object().getString("id"));
        assertEquals("PUMP-STATION-1", answer.object().getString("shortId"));
    }

    @Test
    void resolvedIssueShowsItsReleasesAndHistory() {
        JsonObject issue = Api.get("/api/0/issues/2/", Tokens.john()).object();

        assertEquals("resolved", issue.getString("status"));
        assertEquals("1.0.0", issue.getJsonObject("firstRelease").getString("version"));
        assertEquals("1.1.0", issue.getJsonObject("lastRelease").getString("version"));
        JsonObject resolved = issue.getJsonArray("activity").getJsonObject(0);
        assertEquals("set_resolved", resolved.getString("type"));
        assertEquals("john", resolved.getJsonObject("user").getString("username"));
        assertEquals("first_seen", issue.getJsonArray("activity").getJsonObject(1).getString("type"));
        assertEquals("error", issue.getString("issueCategory"));
    }

    @Test
    void headAnswersTheHeadersWithoutABody() {
        Api.Answer answer = Api.send(Api.request("/api/0/issues/1/")
                .header("Authorization", "Bearer " + Tokens.jane())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, answer.status());
        assertEquals("", answer.text());
        assertTrue(answer.header("ETag").isPresent());
        assertStandardHeaders(answer, DETAILS_METHODS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/0/issues/1/", "/api/0/organizations/the-interstellar-jurisdiction/issues/1/"})
    void optionsAnswersTheHeadersWithoutABodyOrCredentials(String path) {
        Api.Answer answer = Api.send(Api.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, answer.status());
        assertEquals("", answer.text());
        assertStandardHeaders(answer, DETAILS_METHODS);
    }
}
