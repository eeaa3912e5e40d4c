package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.platform.RouteTemplates;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi} tells the truth: every route of the service is documented, real answers are
 * valid against the document, and for the operations Sentry documents too it is a superset of
 * Sentry's description (its parameters, status codes and response properties). A feature that
 * adds an endpoint documents it in its own {@code src/main/resources/openapi/<feature>.json}.
 */
abstract class OpenApiTests {

    /**
     * Properties Sentry documents as optional that this service does not produce (they need event
     * ingestion, Sentry's inbox, ownership rules or integrations); README, known limits.
     */
    static final Set<String> NOT_PRODUCED = Set.of("derivedData", "forecast", "inbox", "integrationIssues",
            "latestEventHasAttachments", "owners", "sentryAppIssues", "filtered", "lifetime",
            "matchingEventEnvironment", "matchingEventId", "sessionCount");
    /** Produced by the details answer but not in lists (no event statistics without ingestion). */
    static final Set<String> NOT_PRODUCED_IN_LISTS = Set.of("stats");

    static JsonObject document;

    /** Our document as served, with every {@code $ref} replaced by what it names. */
    static JsonObject document() {
        if (document == null) {
            Api.Answer answer = Api.send(Api.request("/openapi").GET().build());
            assertEquals(200, answer.status(), answer::toString);
            assertEquals("application/json", answer.header("Content-Type").orElse("").split(";")[0]);
            JsonObject raw = answer.object();
            document = inline(raw, raw).asJsonObject();
        }
        return document;
    }

    static JsonValue inline(JsonValue value, JsonObject root) {
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject object = value.asJsonObject();
            if (object.containsKey("$ref")) {
                String[] parts = object.getString("$ref").substring(2).split("/");
                JsonValue target = root;
                for (String part : parts) {
                    target = target.asJsonObject().get(part);
                    assertNotNull(target, "dangling $ref " + object.getString("$ref"));
                }
                return inline(target, root);
            }
            JsonObjectBuilder builder = Json.createObjectBuilder();
            object.forEach((k, v) -> builder.add(k, inline(v, root)));
            return builder.build();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            var builder = Json.createArrayBuilder();
            value.asJsonArray().forEach(v -> builder.add(inline(v, root)));
            return builder.build();
        }
        return value;
    }

    /** A path template with its parameter names dropped: {@code /api/0/issues/{}/}. */
    static String shape(String template) {
        return template.replaceAll("\\{[^}]*}", "{}");
    }

    /** Our operation for a concrete request path, e.g. GET /api/0/issues/12/. */
    static JsonObject operation(String method, String path) {
        String bare = path.replaceAll("\\?.*", "");
        for (var entry : document().getJsonObject("paths").entrySet()) {
            String regex = Pattern.quote(entry.getKey()).replaceAll("\\{[^}]*}", "\\\\E[^/]+\\\\Q");
            if (bare.matches(regex)) {
                JsonObject op = entry.getValue().asJsonObject().getJsonObject(method.toLowerCase());
                assertNotNull(op, method + " " + entry.getKey() + " is not documented");
                return op;
            }
        }
        throw new AssertionError("no documented path matches " + path);
    }

    /** Asserts the answer's status is documented for the operation and its body fits the schema. */
    static void assertDocumented(String method, String path, Api.Answer answer) {
        JsonObject responses = operation(method, path).getJsonObject("responses");
        String status = Integer.toString(answer.status());
        assertTrue(responses.containsKey(status), method + " " + path + " answered " + answer + ", not documented");
        JsonObject content = responses.getJsonObject(status).getJsonObject("content");
        if (content == null) {
            assertTrue(answer.text().isEmpty(), method + " " + path + " " + status + " documents no body: " + answer);
            return;
        }
        JsonObject schema = content.getJsonObject("application/json").getJsonObject("schema");
        List<String> problems = new ArrayList<>();
        OpenApiContract.check(schema, answer.json(), "$", problems);
        assertEquals(List.of(), problems, method + " " + path + " " + status + " does not match our document");
    }

    @Test
    void everyRouteOfTheServiceIsDocumented() {
        Set<String> documented = new TreeSet<>();
        document().getJsonObject("paths").forEach((path, item) ->
                item.asJsonObject().keySet().forEach(m -> documented.add(m.toUpperCase() + " " + shape(path))));
        Set<String> routes = routes();
        assertTrue(routes.size() > 20, "found the service's routes: " + routes);
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(documented);
        assertEquals(Set.of(), missing, "routes without an operation in src/main/resources/openapi/*.json");
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(routes);
        assertEquals(Set.of(), stale, "documented operations the service does not have");
        assertEquals("bearer", document().getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearer").getString("scheme"));
    }

    /** Every JAX-RS resource method of the WAR's classes, as "METHOD /api/0/.../{}/". */
    static Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        ResourceRoutes.all().forEach(route -> routes.add(route.verb() + " " + shape(route.template())));
        return routes;
    }

    @Test
    void realAnswersOfTheIssueApiMatchTheDocument() {
        String jane = Tokens.jane();
        long issue = Fixtures.newIssue(2, "openapi answers");
        String[] reads = {"/api/0/issues/1/", "/api/0/groups/1/", "/api/0/organizations/the-interstellar-jurisdiction/issues/1/",
                "/api/0/organizations/the-interstellar-jurisdiction/issues/PUMP-STATION-1/",
                "/api/0/organizations/the-interstellar-jurisdiction/issues/?query=", "/api/0/projects/the-interstellar-jurisdiction/pump-station/issues/",
                "/api/0/issues/1/activities/", "/api/0/issues/1/comments/", "/api/0/issues/999999/"};
        for (String path : reads) {
            assertDocumented("GET", path, Api.get(path, jane));
        }
        assertDocumented("GET", "/api/0/issues/1/", Api.get("/api/0/issues/1/", null));
        assertDocumented("GET", "/api/0/issues/1/", Api.get("/api/0/issues/1/", Tokens.of("jane", "org:read")));
        assertDocumented("GET", "/api/0/organizations/x/issues/", Api.get("/api/0/organizations/the-interstellar-jurisdiction/issues/?cursor=x", jane));

        String details = "/api/0/issues/" + issue + "/";
        assertDocumented("PUT", details, Api.put(details, jane, "{\"status\": \"resolved\", \"isBookmarked\": true}"));
        assertDocumented("PUT", details, Api.put(details, jane, "{\"status\": \"nonsense\"}"));
        assertDocumented("PUT", details, Api.send("PUT", details, jane, "{\"hasSeen\": true}", List.of("If-Match", "\"999\"")));
        assertDocumented("PATCH", details, Api.send("PATCH", details, jane, "{\"priority\": \"high\"}", List.of()));
        String bulk = "/api/0/organizations/the-interstellar-jurisdiction/issues/?id=" + issue;
        assertDocumented("PUT", bulk, Api.put(bulk, jane, "{\"status\": \"unresolved\"}"));
        String comments = details + "comments/";
        Api.Answer posted = Api.send("POST", comments, jane, "{\"text\": \"documented\"}", List.of());
        assertDocumented("POST", comments, posted);
        String comment = comments + posted.object().getString("id") + "/";
        assertDocumented("PUT", comment, Api.put(comment, jane, "{\"text\": \"still documented\"}"));
        assertDocumented("DELETE", comment, Api.send("DELETE", comment, jane, null, List.of()));
        assertDocumented("DELETE", details, Api.send("DELETE", details, jane, null, List.of()));
    }

    @Test
    void realAnswersOfTheOrganizationApiMatchTheDocument() {
        String jane = Tokens.of("jane", dev.triage.dev.DemoService.OWNER_SCOPES.toArray(String[]::new));
        for (String path : List.of("/api/0/", "/api/0/auth/", "/api/0/organizations/",
                "/api/0/organizations/the-interstellar-jurisdiction/", "/api/0/organizations/the-interstellar-jurisdiction/projects/",
                "/api/0/organizations/the-interstellar-jurisdiction/teams/", "/api/0/organizations/the-interstellar-jurisdiction/members/",
                "/api/0/projects/the-interstellar-jurisdiction/pump-station/",
                "/api/0/teams/the-interstellar-jurisdiction/powerful-abolitionist/", "/api/0/organizations/no-such-org/")) {
            assertDocumented("GET", path, Api.get(path, jane));
        }
    }

    @Test
    void theDocumentIsASupersetOfSentrysForTheOperationsWeShare() {
        List<String> gaps = new ArrayList<>();
        Set<String> notProduced = new TreeSet<>();
        int shared = 0;
        for (String file : List.of(OpenApiContract.CURRENT, OpenApiContract.LEGACY)) {
            java.nio.file.Path path = java.nio.file.Path.of(System.getProperty("triage.sharedDir", "../shared"), "sentry-openapi", file);
            Assumptions.assumeTrue(Files.isRegularFile(path),
                    "SKIPPED the superset check: " + path.toAbsolutePath() + " is absent (CI has ../shared/sentry-openapi)");
            JsonObject sentry = read(path);
            for (var entry : sentry.getJsonObject("paths").entrySet()) {
                JsonObject ours = null;
                for (var candidate : document().getJsonObject("paths").entrySet()) {
                    if (shape(candidate.getKey()).equals(shape(entry.getKey()))) {
                        ours = candidate.getValue().asJsonObject();
                    }
                }
                for (var method : entry.getValue().asJsonObject().entrySet()) {
                    if (!ResourceRoutes.VERBS.contains(method.getKey().toUpperCase())) {
                        continue;
                    }
                    String what = file + " " + method.getKey().toUpperCase() + " " + entry.getKey();
                    if (ours == null || !ours.containsKey(method.getKey())) {
                        gaps.add(what + ": not documented here");
                        continue;
                    }
                    shared++;
                    compare(what, method.getValue().asJsonObject(), ours.getJsonObject(method.getKey()), gaps, notProduced);
                }
            }
        }
        System.out.println("OpenAPI: " + shared + " operations shared with Sentry's documents; optional properties"
                + " Sentry documents that this service does not produce: " + notProduced);
        assertTrue(shared >= 12, "shared operations: " + shared);
        assertEquals(List.of(), gaps);
    }

    static void compare(String what, JsonObject sentry, JsonObject ours, List<String> gaps, Set<String> notProduced) {
        Set<String> ourParameters = new TreeSet<>();
        ours.getJsonArray("parameters").forEach(p -> ourParameters.add(p.asJsonObject().getString("in") + ":" + p.asJsonObject().getString("name")));
        JsonArray theirParameters = sentry.getJsonArray("parameters");
        if (theirParameters != null) {
            theirParameters.forEach(p -> {
                JsonObject parameter = p.asJsonObject();
                if ("query".equals(parameter.getString("in")) && !ourParameters.contains("query:" + parameter.getString("name"))) {
                    gaps.add(what + ": query parameter " + parameter.getString("name"));
                }
            });
        }
        JsonObject ourResponses = ours.getJsonObject("responses");
        sentry.getJsonObject("responses").forEach((status, response) -> {
            if (!ourResponses.containsKey(status)) {
                gaps.add(what + ": status " + status);
                return;
            }
            JsonObject theirSchema = schemaOf(response.asJsonObject());
            JsonObject ourSchema = schemaOf(ourResponses.getJsonObject(status));
            if (theirSchema != null && status.startsWith("2")) {
                if (ourSchema == null) {
                    gaps.add(what + " " + status + ": no schema");
                } else {
                    compareSchema(what + " " + status, theirSchema, ourSchema, gaps, notProduced);
                }
            }
        });
        if (sentry.containsKey("requestBody")) {
            JsonObject theirs = schemaOf(sentry.getJsonObject("requestBody"));
            JsonObject body = ours.getJsonObject("requestBody");
            if (body == null) {
                gaps.add(what + ": no request body");
            } else if (theirs != null && theirs.containsKey("properties")) {
                Set<String> accepted = schemaOf(body).getJsonObject("properties").keySet();
                theirs.getJsonObject("properties").keySet().stream().filter(k -> !accepted.contains(k))
                        .forEach(k -> gaps.add(what + ": request body key " + k));
            }
        }
    }

    static void compareSchema(String what, JsonObject theirs, JsonObject ours, List<String> gaps, Set<String> notProduced) {
        if ("array".equals(theirs.getString("type", null))) {
            if (!"array".equals(ours.getString("type", null))) {
                gaps.add(what + ": not an array");
                return;
            }
            compareSchema(what + "[]", theirs.getJsonObject("items"), ours.getJsonObject("items"), gaps, notProduced);
            return;
        }
        if (!theirs.containsKey("properties")) {
            return;
        }
        JsonObject ourProperties = ours.getJsonObject("properties");
        Set<String> ourRequired = new TreeSet<>();
        // a schema without "required" answers only what changed (the bulk mutation, as Sentry's server does)
        boolean onlyWhatChanged = !ours.containsKey("required");
        if (ours.containsKey("required")) {
            ours.getJsonArray("required").forEach(r -> ourRequired.add(((jakarta.json.JsonString) r).getString()));
        }
        Set<String> theirRequired = new TreeSet<>();
        if (theirs.containsKey("required")) {
            theirs.getJsonArray("required").forEach(r -> theirRequired.add(((jakarta.json.JsonString) r).getString()));
        }
        for (String property : theirs.getJsonObject("properties").keySet()) {
            boolean documented = ourProperties != null && ourProperties.containsKey(property);
            boolean known = NOT_PRODUCED.contains(property) || what.endsWith("[]") && NOT_PRODUCED_IN_LISTS.contains(property);
            if (!documented && known) {
                notProduced.add(property + (theirRequired.contains(property) ? " (required by Sentry's document)" : ""));
            } else if (!documented) {
                gaps.add(what + ": property " + property);
            } else if (theirRequired.contains(property) && !ourRequired.contains(property) && !onlyWhatChanged) {
                gaps.add(what + ": property " + property + " is required by Sentry");
            }
        }
    }

    static JsonObject schemaOf(JsonObject withContent) {
        JsonObject content = withContent.getJsonObject("content");
        if (content == null || !content.containsKey("application/json")) {
            return null;
        }
        return content.getJsonObject("application/json").getJsonObject("schema");
    }

    static JsonObject read(java.nio.file.Path file) {
        try (Reader reader = Files.newBufferedReader(file); JsonReader json = Json.createReader(reader)) {
            return json.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
