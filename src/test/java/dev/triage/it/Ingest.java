package dev.triage.it;

import static dev.triage.it.Waiting.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * Test helpers for event ingestion: fresh projects with a client key made through the keys API,
 * raw envelopes as SDKs write them, and waiting for the counters (added up in the background
 * within a fraction of a second) to show an expected state.
 */
final class Ingest {

    /**
     * The organization the ingestion tests make their projects in (jane owns it), so that the
     * demo organizations' project lists stay as other tests expect them.
     */
    static final String ORG = "ingestion-lab";

    private Ingest() {}

    static synchronized long organization() {
        Fixtures.execute("insert into organization (slug, name) values (?, 'Ingestion Lab') on conflict (slug) do nothing", ORG);
        long id = Fixtures.single("select id from organization where slug = ?", ORG);
        Fixtures.execute("insert into organization_member (organization_id, user_id, role) values (?, 1, 'owner')"
                + " on conflict do nothing", id);
        Fixtures.execute("insert into team (organization_id, slug, name) values (?, 'lab', 'Lab') on conflict do nothing", id);
        Fixtures.execute("insert into team_member (team_id, user_id) select id, 1 from team"
                + " where organization_id = ? and slug = 'lab' on conflict do nothing", id);
        return id;
    }

    /** A new project of the ingestion organization, without keys. */
    static String newProject(String prefix) {
        return Fixtures.newProject(organization(), prefix);
    }

    /** A project of organization 1 with one key, created through the API. */
    record Project(String slug, long id, String publicKey, String dsn) {

        String envelopeUrl() {
            return TestEnvironment.baseUrl() + "/api/" + id + "/envelope/";
        }

        String storeUrl() {
            return TestEnvironment.baseUrl() + "/api/" + id + "/store/";
        }

        /** X-Sentry-Auth as the Java SDK writes it. */
        String auth() {
            return "Sentry sentry_version=7,sentry_client=triage-it/1.0,sentry_key=" + publicKey;
        }
    }

    static Project project(String prefix) {
        String slug = newProject(prefix);
        Api.Answer created = Api.send("POST", "/api/0/projects/" + ORG + "/" + slug + "/keys/", Tokens.jane(),
                "{\"name\": \"it\"}", List.of());
        assertEquals(201, created.status(), created::toString);
        JsonObject key = created.object();
        return new Project(slug, Fixtures.projectId(slug), key.getString("public"),
                key.getJsonObject("dsn").getString("public"));
    }

    static String newEventId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** An envelope of one event item, as the Node SDK writes it (no length). */
    static String envelope(String eventId, String eventJson) {
        return "{\"event_id\":\"" + eventId + "\",\"sent_at\":\"2026-01-01T00:00:00Z\"}\n{\"type\":\"event\"}\n"
                + eventJson + "\n";
    }

    /** An exception event thrown at {@code shop.Checkout.pay} (in-app) with the given value. */
    static String exceptionEvent(String eventId, String type, String value, String release, String user) {
        return "{\"event_id\":\"" + eventId + "\",\"platform\":\"java\",\"level\":\"error\""
                + (release == null ? "" : ",\"release\":\"" + release + "\"")
                + (user == null ? "" : ",\"user\":{\"id\":\"" + user + "\"}")
                + ",\"tags\":{\"feature\":\"checkout\"}"
                + ",\"exception\":{\"values\":[{\"type\":\"" + type + "\",\"value\":\"" + value + "\",\"stacktrace\":"
                + "{\"frames\":[{\"module\":\"shop.Checkout\",\"filename\":\"Checkout.java\",\"function\":\"pay\","
                + "\"lineno\":42,\"in_app\":true}]}}]}}";
    }

    static Api.Answer post(String url, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(java.time.Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Api.send(request.build());
    }

    static Api.Answer postEnvelope(Project project, String envelope) {
        return post(project.envelopeUrl(), envelope.getBytes(StandardCharsets.UTF_8), "X-Sentry-Auth", project.auth());
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static long storedEvents(long projectId) {
        return Fixtures.single("select count(*) from event where project_id = ?", projectId);
    }

    static long issues(long projectId) {
        return Fixtures.single("select count(*) from issue where project_id = ?", projectId);
    }

    /** The project's issues as the list API shows them (all statuses), last seen first. */
    static List<JsonObject> listIssues(Project project) {
        Api.Answer list = Api.get("/api/0/projects/" + ORG + "/" + project.slug() + "/issues/?query=", Tokens.jane());
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(v -> v.asJsonObject()).toList();
    }

    static JsonObject issue(long id) {
        Api.Answer answer = Api.get("/api/0/issues/" + id + "/", Tokens.jane());
        assertEquals(200, answer.status(), answer::toString);
        return answer.object();
    }

    /** Waits (up to 20 s) until the issue's details satisfy the condition, and answers them. */
    static JsonObject awaitIssue(long id, Predicate<JsonObject> condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = issue(id);
            if (condition.test(last)) {
                return last;
            }
            sleep(100);
        }
        return fail("issue " + id + " never showed " + what + "; last seen: " + last);
    }

    /** Waits until the project has exactly one issue with the given count, and answers its id. */
    static long awaitSingleIssue(Project project, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<JsonObject> issues = List.of();
        while (System.nanoTime() < deadline) {
            issues = listIssues(project);
            if (issues.size() == 1 && issues.get(0).getString("count").equals(Integer.toString(count))) {
                return Long.parseLong(issues.get(0).getString("id"));
            }
            sleep(100);
        }
        return fail("expected one issue with count " + count + ", found " + issues);
    }

    static void awaitCounted(long projectId) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Fixtures.single("select count(*) from event_uncounted e"
                    + " where e.project_id = ?", projectId) == 0) {
                return;
            }
            sleep(50);
        }
        fail("the events of project " + projectId + " were not counted within 20 s");
    }

}
