package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.dev.DemoDatabase;
import dev.triage.dev.DemoService;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's way from an empty PostgreSQL to a working team, without SQL: a service of its own
 * (the run command's start line) on a database that has nothing in it, configured only with
 * {@code BOOTSTRAP_ORGANIZATION} and {@code BOOTSTRAP_OWNER_SUBJECT}. The owner creates a team, a
 * project and adds a member through Sentry's generated client; an SDK event through the new
 * project's first client key makes an issue, and the member resolves it. Not one SQL statement is
 * sent by the test, only reads to check. A second start with other settings changes nothing. Two
 * extra boots, so one test.
 */
class ProvisioningIT {

    private Process service;
    private DemoDatabase database;
    private String base;

    @AfterEach
    void stop() throws InterruptedException {
        stopService();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void fromAnEmptyDatabaseToAWorkingTeamAndNothingChangesOnTheNextStart() throws Exception {
        Path work = Path.of(System.getProperty("triage.workDir", "target/it")).resolve("provisioning");
        database = DemoDatabase.start(work.resolve("db"));
        start(work, Map.of("BOOTSTRAP_ORGANIZATION", "acme", "BOOTSTRAP_OWNER_SUBJECT", "alice-subject"));

        // the bootstrap: one organization, its owner a user of that subject
        assertEquals(List.of(List.of("acme", "owner", "alice-subject")), sql("select o.slug, m.role, u.jwt_subject"
                + " from organization o join organization_member m on m.organization_id = o.id"
                + " join app_user u on u.id = m.user_id"));

        People.Person alice = new People.Person(TestEnvironment.keys(), "alice-subject", "alice", "alice@acme.example",
                "Alice Admin");
        JsonObject org = ok(get("/api/0/organizations/acme/", alice.token()));
        assertEquals("owner", org.getString("orgRole"));
        assertEquals(List.of(List.of("alice", "alice@acme.example", "Alice Admin")),
                sql("select username, email, name from app_user where jwt_subject = 'alice-subject'"),
                "her first token fills in the bootstrap user");
        Api.Answer creation = send("POST", "/api/0/organizations/", alice.token(), "{\"name\": \"Second\"}");
        assertEquals(401, creation.status(), "organization creation is off unless configured: " + creation);
        assertEquals("{\"detail\":\"Organizations are not allowed to be created by this user.\"}", creation.text(),
                "Sentry's answer when its organizations:create feature is off");
        assertEquals(List.of(List.of(1L)), sql("select count(*) from organization"), "nothing created");

        // bob signs in: a user, but no member (the membership claim is not configured here)
        People.Person bob = new People.Person(TestEnvironment.keys(), "bob-subject", "bob", "bob@acme.example", "Bob Builder");
        ok(get("/api/0/", bob.tokenWith("triage_orgs", List.of("acme:owner"), People.OWNER.toArray(String[]::new))));
        assertEquals(List.of(List.of(0L)), sql("select count(*) from organization_member m join app_user u"
                + " on u.id = m.user_id where u.jwt_subject = 'bob-subject'"));
        assertEquals(404, get("/api/0/organizations/acme/", bob.token()).status());

        // team, project and member through Sentry's generated client
        Map<String, JsonObject> steps = SentryApiOrganizationTests.runScript("sentry-api-provisioning.mjs", Map.of(
                "BASE", base, "TOKEN", alice.token(), "ORG", "acme", "TEAM", "backend", "PROJECT", "payments",
                "EMAIL", bob.email()));
        for (String step : List.of("team", "project", "member")) {
            assertEquals(201, steps.get(step).getInt("status"), () -> step + ": " + steps.get(step));
        }
        assertEquals("payments", steps.get("project").getJsonObject("data").getString("slug"));
        assertEquals("member", steps.get("member").getJsonObject("data").getString("orgRole"));
        assertEquals(List.of(List.of("backend")), sql("select t.slug from team t join team_member tm on tm.team_id = t.id"
                + " join app_user u on u.id = tm.user_id where u.jwt_subject = 'bob-subject'"));

        // the new project's first client key takes an SDK's event: the issue bob resolves
        JsonObject key = get("/api/0/projects/acme/payments/keys/", alice.token()).array().getJsonObject(0);
        long project = Long.parseLong(steps.get("project").getJsonObject("data").getString("id"));
        String eventId = java.util.UUID.randomUUID().toString().replace("-", "");
        String envelope = "{\"event_id\":\"" + eventId + "\"}\n{\"type\":\"event\"}\n{\"event_id\":\"" + eventId
                + "\",\"platform\":\"python\",\"level\":\"error\",\"exception\":{\"values\":[{\"type\":"
                + "\"CardDeclined\",\"value\":\"Payment declined\"}]}}\n";
        Api.Answer accepted = Api.send(HttpRequest.newBuilder(URI.create(base + "/api/" + project + "/envelope/"))
                .timeout(Duration.ofSeconds(60)).header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_key="
                        + key.getString("public")).POST(HttpRequest.BodyPublishers.ofString(envelope)).build());
        assertEquals(200, accepted.status(), accepted::toString);
        long issue = awaitIssue("/api/0/projects/acme/payments/issues/?query=", bob.token("event:read"));
        JsonObject resolved = ok(send("PUT", "/api/0/issues/" + issue + "/", bob.token("event:read", "event:write"),
                "{\"status\": \"resolved\"}"));
        assertEquals("resolved", resolved.getString("status"));
        assertEquals("PAYMENTS-1", resolved.getString("shortId"));
        assertEquals(List.of(List.of("resolved")), sql("select status from issue where id = " + issue));
        People.Person mallory = new People.Person(TestEnvironment.keys(), "mallory-subject", "mallory",
                "mallory@evil.example", "Mallory");
        assertEquals(404, get("/api/0/issues/" + issue + "/", mallory.token()).status());

        // a later start with other bootstrap settings and no users from tokens: nothing changes
        stopService();
        start(work, Map.of("BOOTSTRAP_ORGANIZATION", "other", "BOOTSTRAP_OWNER_SUBJECT", "trudy-subject",
                "USERS_FROM_TOKENS", "false"));
        assertEquals(List.of(List.of("acme", "owner", "alice-subject"), List.of("acme", "member", "bob-subject")),
                sql("select o.slug, m.role, u.jwt_subject from organization o join organization_member m"
                        + " on m.organization_id = o.id join app_user u on u.id = m.user_id order by m.id"));
        People.Person carol = new People.Person(TestEnvironment.keys(), "carol-subject", "carol", "carol@acme.example", "Carol");
        assertEquals(JsonValue.NULL, ok(get("/api/0/", carol.token())).get("user"), "no user from a token now");
        assertEquals(List.of(List.of(0L)), sql("select count(*) from app_user where jwt_subject in ('carol-subject',"
                + " 'trudy-subject')"));
        assertEquals("acme", get("/api/0/organizations/", bob.token()).array().getJsonObject(0).getString("slug"));
    }

    /** The first issue of a list, once ingestion has made it (the counters follow within moments). */
    private long awaitIssue(String list, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Api.Answer answer = get(list, token);
            if (answer.status() == 200 && !answer.array().isEmpty()) {
                return Long.parseLong(answer.array().getJsonObject(0).getString("id"));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no issue in " + list + " within 30 s");
    }

    // --- the service of this test ---

    private void start(Path work, Map<String, String> settings) throws Exception {
        Path war = Path.of(System.getProperty("triage.war"));
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        Path log = work.resolve("service-" + port + ".log");
        Files.createDirectories(work);
        ProcessBuilder builder = new ProcessBuilder(DemoService.startLine(war.getParent(), Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DB_URL", database.url());
        env.put("DB_USER", database.user());
        env.put("DB_PASSWORD", database.password());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", System.getProperty("it.jwt.location"));
        env.put("MP_JWT_VERIFY_ISSUER", TestEnvironment.keys().issuer());
        env.put("BASE_URL", base);
        env.putAll(settings);
        service = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && service.isAlive()) {
            try {
                if (Api.send(HttpRequest.newBuilder(URI.create(base + "/api/0/")).timeout(Duration.ofSeconds(5))
                        .GET().build()).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // still booting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The service did not come up; its log:\n" + Files.readString(log));
    }

    private void stopService() throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            service = null;
        }
    }

    private Api.Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    private Api.Answer send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return Api.send(request.build());
    }

    private static JsonObject ok(Api.Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.text().startsWith("{"), answer::toString);
        return answer.object();
    }

    private List<List<Object>> sql(String query) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(query); ResultSet r = s.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
