package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentry.Sentry;
import io.sentry.protocol.User;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real SDKs report to the service under test: the Java SDK (Maven Central io.sentry:sentry)
 * inside this JVM, the Node SDK (npm @sentry/node) through node, and {@code sentry-cli
 * send-event}; everything is then checked through the issue API, as a user would see it.
 */
abstract class SentrySdkTests {

    // ---- Java SDK ----

    /** Starts the Java SDK for a project, reports, and waits until it has delivered. */
    static void withJavaSdk(Ingest.Project project, String release, Runnable reports) {
        Sentry.init(options -> {
            options.setDsn(project.dsn());
            options.setRelease(release);
            options.setEnvironment("production");
            options.setServerName("java-it");
            options.addInAppInclude("dev.triage.it");
            options.setEnableUncaughtExceptionHandler(false);
            options.setSendClientReports(false);
        });
        try {
            reports.run();
            Sentry.flush(10_000);
        } finally {
            Sentry.close();
        }
    }

    static void badInput(String value) {
        throw new IllegalArgumentException("bad input: " + value);
    }

    static void report(String value, String userId) {
        User user = new User();
        user.setId(userId);
        Sentry.setUser(user);
        Sentry.setTag("feature", "checkout");
        try {
            badInput(value);
        } catch (IllegalArgumentException e) {
            Sentry.captureException(e);
        }
    }

    @Test
    void javaSdkErrorsBecomeOneIssueWithRealFields() {
        Ingest.Project project = Ingest.project("sdk-java");
        withJavaSdk(project, "shop@1.0.0", () -> {
            report("a", "u-1");
            report("b", "u-2");
            report("c", "u-1");
        });

        long id = Ingest.awaitSingleIssue(project, 3);
        JsonObject issue = Ingest.issue(id);
        assertEquals("IllegalArgumentException: bad input: a", issue.getString("title"));
        assertEquals("dev.triage.it.SentrySdkTests in badInput", issue.getString("culprit"));
        assertEquals("error", issue.getString("type"));
        assertEquals("error", issue.getString("level"));
        assertEquals("java", issue.getString("platform"));
        assertEquals("unresolved", issue.getString("status"));
        assertEquals("new", issue.getString("substatus"));
        assertEquals(2, issue.getInt("userCount"));
        assertEquals("IllegalArgumentException", issue.getJsonObject("metadata").getString("type"));
        assertEquals("bad input: a", issue.getJsonObject("metadata").getString("value"));
        assertEquals("badInput", issue.getJsonObject("metadata").getString("function"));
        assertEquals("shop@1.0.0", issue.getJsonObject("firstRelease").getString("version"));
        assertEquals("shop@1.0.0", issue.getJsonObject("lastRelease").getString("version"));
        assertTrue(issue.getString("shortId").startsWith(project.slug().toUpperCase()));
        assertNotNull(issue.getString("firstSeen"));

        JsonObject stats = issue.getJsonObject("stats");
        assertEquals(24, stats.getJsonArray("24h").size());
        assertEquals(30, stats.getJsonArray("30d").size());
        assertEquals(3, sum(stats.getJsonArray("24h")));
        assertEquals(3, sum(stats.getJsonArray("30d")));

        Map<String, JsonObject> tags = issue.getJsonArray("tags").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(t -> t.getString("key"), t -> t));
        assertEquals("shop@1.0.0", tags.get("release").getJsonArray("topValues").getJsonObject(0).getString("value"));
        assertEquals("checkout", tags.get("feature").getJsonArray("topValues").getJsonObject(0).getString("value"));
        JsonObject users = tags.get("user");
        assertEquals(2, users.getJsonArray("topValues").size());
        assertEquals("id:u-1", users.getJsonArray("topValues").getJsonObject(0).getString("value"));
        assertEquals(2, users.getJsonArray("topValues").getJsonObject(0).getInt("count"));
        assertEquals(3, tags.get("environment").getJsonArray("topValues").getJsonObject(0).getInt("count"));
    }

    @Test
    void theEventAsJson() {
        Ingest.Project project = Ingest.project("sdk-json");
        withJavaSdk(project, "shop@2.0.0", () -> report("json", "u-9"));
        long id = Ingest.awaitSingleIssue(project, 1);

        Api.Answer latest = Api.get("/api/0/issues/" + id + "/events/latest/", Tokens.jane());
        assertEquals(200, latest.status(), latest::toString);
        JsonObject event = latest.object();
        assertEquals(Long.toString(id), event.getString("groupID"));
        assertEquals(event.getString("id"), event.getString("eventID"));
        assertEquals("IllegalArgumentException: bad input: json", event.getString("title"));
        assertEquals("java", event.getString("platform"));
        assertEquals("u-9", event.getJsonObject("user").getString("id"));
        assertEquals("shop@2.0.0", event.getJsonObject("release").getString("version"));
        JsonObject exception = event.getJsonArray("entries").getJsonObject(0);
        assertEquals("exception", exception.getString("type"));
        JsonObject thrown = exception.getJsonObject("data").getJsonArray("values").getJsonObject(0);
        assertEquals("IllegalArgumentException", thrown.getString("type"));
        JsonArray frames = thrown.getJsonObject("stacktrace").getJsonArray("frames");
        JsonObject last = frames.getJsonObject(frames.size() - 1);
        assertEquals("badInput", last.getString("function"));
        assertTrue(last.getBoolean("inApp"));
        assertTrue(last.getInt("lineNo") > 0);
        assertTrue(event.getJsonArray("tags").stream().anyMatch(t -> t.asJsonObject().getString("key").equals("release")));

        String eventId = event.getString("eventID");
        assertEquals(200, Api.get("/api/0/organizations/" + Ingest.ORG + "/issues/" + id + "/events/"
                + eventId + "/", Tokens.jane()).status());
        assertEquals(200, Api.get("/api/0/issues/" + id + "/events/oldest/", Tokens.jane()).status());
        Api.Answer list = Api.get("/api/0/issues/" + id + "/events/", Tokens.jane());
        assertEquals(1, list.array().size());
        assertTrue(list.header("Link").orElse("").contains("rel=\"next\""));
        assertEquals(404, Api.get("/api/0/issues/" + id + "/events/latest/", Tokens.leia()).status(), "another tenant");
        assertEquals(404, Api.get("/api/0/issues/" + id + "/events/" + "0".repeat(32) + "/", Tokens.jane()).status());

        Api.Answer values = Api.get("/api/0/issues/" + id + "/tags/user/values/", Tokens.jane());
        assertEquals(200, values.status(), values::toString);
        assertEquals("id:u-9", values.array().getJsonObject(0).getString("value"));
        assertEquals(404, Api.get("/api/0/issues/" + id + "/tags/nope/", Tokens.jane()).status());
    }

    @Test
    void resolvedIssueRegressesOnTheNextEvent() {
        Ingest.Project project = Ingest.project("sdk-regress");
        withJavaSdk(project, "shop@1.0.0", () -> report("a", "u-1"));
        long id = Ingest.awaitSingleIssue(project, 1);
        assertEquals(200, Api.put("/api/0/issues/" + id + "/", Tokens.jane(), "{\"status\": \"resolved\"}").status());

        withJavaSdk(project, "shop@1.0.1", () -> report("b", "u-1"));
        JsonObject issue = Ingest.awaitIssue(id, i -> i.getString("count").equals("2")
                && i.getString("status").equals("unresolved"), "a regression");
        assertEquals("regressed", issue.getString("substatus"));
        JsonObject activity = issue.getJsonArray("activity").getJsonObject(0);
        assertEquals("set_regression", activity.getString("type"));
        assertEquals("shop@1.0.1", activity.getJsonObject("data").getString("version"));
        assertEquals("shop@1.0.1", issue.getJsonObject("lastRelease").getString("version"));
        assertEquals("shop@1.0.0", issue.getJsonObject("firstRelease").getString("version"));
    }

    @Test
    void archivedUntilEscalatingEscalatesOnABurst() {
        Ingest.Project project = Ingest.project("sdk-escalate");
        withJavaSdk(project, null, () -> report("first", "u-1"));
        long id = Ingest.awaitSingleIssue(project, 1);
        Api.Answer archived = Api.put("/api/0/issues/" + id + "/", Tokens.jane(),
                "{\"status\": \"ignored\", \"substatus\": \"archived_until_escalating\"}");
        assertEquals(200, archived.status(), archived::toString);

        withJavaSdk(project, null, () -> {
            for (int i = 0; i < 5; i++) {
                report("burst " + i, "u-1");
            }
        });
        Ingest.awaitIssue(id, i -> i.getString("count").equals("6"), "six events");
        assertEquals("ignored", Ingest.issue(id).getString("status"), "six events in an hour are no escalation yet");

        withJavaSdk(project, null, () -> {
            for (int i = 0; i < 6; i++) {
                report("burst " + i, "u-1");
            }
        });
        JsonObject issue = Ingest.awaitIssue(id, i -> i.getString("status").equals("unresolved"), "escalation");
        assertEquals("escalating", issue.getString("substatus"));
        assertEquals("set_escalating", issue.getJsonArray("activity").getJsonObject(0).getString("type"));
    }

    // ---- Node SDK ----

    static NpmClients.Run node(Ingest.Project project, Map<String, String> env) {
        Path dir = NpmClients.directory();
        Path script = dir.resolve("sentry-node-report.mjs");
        try (InputStream in = SentrySdkTests.class.getResourceAsStream("/npm/sentry-node-report.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("DSN", project.dsn());
        NpmClients.Run run = NpmClients.run(dir, all, 120, "node", script.toString());
        assertEquals(0, run.exit(), run::toString);
        return run;
    }

    @Test
    void nodeSdkErrorsJoinOneIssueAndAnIgnoreCountExpires() {
        Ingest.Project project = Ingest.project("sdk-node");
        node(project, Map.of("VALUES", "a,b", "RELEASE", "web@3.1.0", "USER_ID", "n-1"));
        long id = Ingest.awaitSingleIssue(project, 2);
        JsonObject issue = Ingest.issue(id);
        // the SDK sends its two envelopes concurrently: either may arrive first and name the issue
        assertTrue(issue.getString("title").matches("TypeError: bad input: [ab]"), issue::toString);
        assertEquals("parseInput(sentry-node-report)", issue.getString("culprit"));
        assertEquals("node", issue.getString("platform"));
        assertEquals(1, issue.getInt("userCount"));
        assertEquals("web@3.1.0", issue.getJsonObject("firstRelease").getString("version"));

        Api.Answer ignored = Api.put("/api/0/issues/" + id + "/", Tokens.jane(),
                "{\"status\": \"ignored\", \"statusDetails\": {\"ignoreCount\": 3}}");
        assertEquals(200, ignored.status(), ignored::toString);
        node(project, Map.of("VALUES", "c,d", "RELEASE", "web@3.1.0", "USER_ID", "n-2"));
        issue = Ingest.awaitIssue(id, i -> i.getString("count").equals("4"), "four events");
        assertEquals("ignored", issue.getString("status"), "two events since ignoring: not yet three");
        assertEquals(2, issue.getInt("userCount"));

        node(project, Map.of("VALUES", "e", "RELEASE", "web@3.1.0"));
        issue = Ingest.awaitIssue(id, i -> i.getString("status").equals("unresolved"), "the ignore expiring");
        assertEquals("escalating", issue.getString("substatus"));
        assertEquals("5", issue.getString("count"));
        assertTrue(issue.getJsonObject("statusDetails").isEmpty());
        assertEquals("set_escalating", issue.getJsonArray("activity").getJsonObject(0).getString("type"));
    }

    // ---- sentry-cli ----

    static NpmClients.Run cli(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(NpmClients.sentryCli().toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SENTRY_DISABLE_UPDATE_CHECK", "true");
        all.put("SENTRYCLI_SKIP_DOWNLOAD", "1");
        NpmClients.Run run = NpmClients.run(NpmClients.directory(), all, 120, command.toArray(String[]::new));
        assertEquals(0, run.exit(), run::toString);
        return run;
    }

    @Test
    void sentryCliSendEventAndEventsList() {
        Ingest.Project project = Ingest.project("sdk-cli");
        Map<String, String> env = Map.of("SENTRY_DSN", project.dsn());
        cli(env, "send-event", "-m", "Deploy 42 failed on host db-7", "-r", "ops@1.0.0", "-t", "team:infra",
                "-u", "id:ops-1", "-E", "production");
        cli(env, "send-event", "-m", "Deploy 43 failed on host db-9", "-r", "ops@1.0.0", "-t", "team:infra",
                "-u", "id:ops-2", "-E", "production");

        long id = Ingest.awaitSingleIssue(project, 2);
        JsonObject issue = Ingest.issue(id);
        assertEquals("Deploy 42 failed on host db-7", issue.getString("title"));
        assertEquals("default", issue.getString("type"));
        assertEquals(2, issue.getInt("userCount"));
        assertTrue(issue.getJsonArray("tags").stream().anyMatch(t -> t.asJsonObject().getString("key").equals("team")));

        NpmClients.Run list = cli(Map.of("SENTRY_AUTH_TOKEN", Tokens.jane()), "--url", TestEnvironment.baseUrl(),
                "events", "list", "-o", Ingest.ORG, "-p", project.slug());
        assertTrue(list.out().contains("Deploy 43 failed on host db-9"), list::toString);
        assertTrue(list.out().contains("Deploy 42 failed on host db-7"), list::toString);
    }

    private static long sum(JsonArray series) {
        return series.stream().mapToLong(p -> p.asJsonArray().getJsonNumber(1).longValue()).sum();
    }
}
