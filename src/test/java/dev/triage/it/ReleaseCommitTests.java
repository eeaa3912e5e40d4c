package dev.triage.it;

import static dev.triage.it.Ingest.envelope;
import static dev.triage.it.Ingest.exceptionEvent;
import static dev.triage.it.Ingest.newEventId;
import static dev.triage.it.Ingest.postEnvelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Releases and the commits they contain, as sentry-cli records them ({@code releases new},
 * {@code releases set-commits}), and "resolved in commit" (§7) acting on them: like "resolved in
 * the next release" after the first release that contains the commit; while none is known to,
 * events do not regress.
 */
abstract class ReleaseCommitTests {

    /** What a CI job's token holds for sentry-cli's release commands (jane's usual token has no project:releases). */
    static String releaser() {
        return Tokens.of("jane", "project:releases", "project:read", "org:read");
    }

    static String releases() {
        return "/api/0/organizations/" + Ingest.ORG + "/releases/";
    }

    static NpmClients.Run cli(String... args) {
        List<String> command = new ArrayList<>(List.of(NpmClients.sentryCli().toString(), "--url",
                TestEnvironment.baseUrl(), "releases"));
        command.addAll(List.of(args));
        command.addAll(List.of("-o", Ingest.ORG));
        NpmClients.Run run = NpmClients.run(NpmClients.directory(), Map.of(
                "SENTRY_AUTH_TOKEN", releaser(),
                "SENTRY_DISABLE_UPDATE_CHECK", "true",
                "SENTRYCLI_SKIP_DOWNLOAD", "1"), 120, command.toArray(String[]::new));
        assertEquals(0, run.exit(), run::toString);
        return run;
    }

    static String sha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
    }

    /** A repository of the ingestion organization, as a provider integration would have registered it. */
    static String repository(Ingest.Project project) {
        String name = "acme/" + project.slug();
        Fixtures.execute("insert into repository (organization_id, name) values (?, ?)", Ingest.organization(), name);
        return name;
    }

    static void send(Ingest.Project project, String release) {
        String id = newEventId();
        assertEquals(200, postEnvelope(project, envelope(id, exceptionEvent(id, "E", "x", release, null))).status());
    }

    static JsonObject awaitCount(long id, int count) {
        return Ingest.awaitIssue(id, i -> i.getString("count").equals(Integer.toString(count)), "count " + count);
    }

    @Test
    void resolvedInACommitRegressesOnlyAfterTheFirstReleaseContainingIt() {
        Ingest.Project project = Ingest.project("commit-rule");
        String repository = repository(project);
        String fix = sha();
        // a commit known to the organization (pushed, recorded by the integration) but in no release yet
        Fixtures.execute("insert into repository_commit (repository_id, commit_key) select id, ? from repository"
                + " where name = ?", fix, repository);
        cli("new", "app@1.0.0", "-p", project.slug());
        cli("set-commits", "app@1.0.0", "--commit", repository + "@" + sha());
        send(project, "app@1.0.0");
        long id = Ingest.awaitSingleIssue(project, 1);

        Api.Answer resolved = Api.put("/api/0/issues/" + id + "/", Tokens.jane(), """
                {"status": "resolved", "statusDetails": {"inCommit": {"commit": "%s", "repository": "%s"}}}"""
                .formatted(fix, repository));
        assertEquals(200, resolved.status(), resolved::toString);
        send(project, "app@1.2.0");
        assertEquals("resolved", awaitCount(id, 2).getString("status"), "no release contains the commit yet");

        cli("new", "app@1.1.0", "-p", project.slug());
        NpmClients.Run set = cli("set-commits", "app@1.1.0", "--commit", repository + "@" + fix);
        assertTrue(set.out().contains(repository), set::toString);
        JsonObject release = Api.get(releases() + "app@1.1.0/", releaser()).object();
        assertEquals(1, release.getInt("commitCount"));
        assertEquals(fix, release.getJsonObject("lastCommit").getString("id"));

        send(project, "app@1.1.0");
        send(project, "app@1.0.0");
        send(project, null);
        assertEquals("resolved", awaitCount(id, 5).getString("status"),
                "the first release with the fix, an older one and none do not regress");
        send(project, "app@1.2.0");
        JsonObject issue = Ingest.awaitIssue(id, i -> i.getString("status").equals("unresolved"), "a regression");
        assertEquals("regressed", issue.getString("substatus"));
        JsonObject activity = issue.getJsonArray("activity").getJsonObject(0);
        assertEquals("set_regression", activity.getString("type"));
        assertEquals("app@1.2.0", activity.getJsonObject("data").getString("version"));
    }

    /** {@code set-commits --local/--auto} uploads the commit list itself: repositories are created as named. */
    @Test
    void aCommitListReplacesTheReleasesCommitsAndCreatesRepositories() {
        Ingest.Project project = Ingest.project("commit-list");
        String repository = "acme/" + project.slug() + "-web";
        Api.Answer created = Api.send("POST", releases(), Tokens.of("jane", "project:releases"),
                "{\"version\": \"web@1.0.0\", \"projects\": [\"" + project.slug() + "\"]}", List.of());
        assertEquals(201, created.status(), created::toString);
        assertEquals(208, Api.send("POST", releases(), releaser(),
                "{\"version\": \"web@1.0.0\", \"projects\": [\"" + project.slug() + "\"]}", List.of()).status(),
                "the same version again: Sentry's 208");
        assertEquals(0, Api.get(releases() + "web@1.0.0/previous-with-commits/", releaser()).object().size());

        String older = sha();
        String newer = sha();
        Api.Answer put = Api.put(releases() + "web@1.0.0/", releaser(), """
                {"commits": [
                  {"id": "%s", "repository": "%s", "message": "first", "timestamp": "2026-01-01T10:00:00+01:00",
                   "author_name": "Jane", "author_email": "jane@example.com", "patch_set": [{"path": "a.js", "type": "M"}]},
                  {"id": "%s", "repository": "%s", "message": "second", "timestamp": "2026-01-02T10:00:00Z"}]}"""
                .formatted(older, repository, newer, repository));
        assertEquals(200, put.status(), put::toString);
        assertEquals(2, put.object().getInt("commitCount"));
        assertEquals(newer, put.object().getJsonObject("lastCommit").getString("id"), "the newest commit");
        assertTrue(Api.get("/api/0/organizations/" + Ingest.ORG + "/repos/", releaser()).array().stream()
                .anyMatch(r -> r.asJsonObject().getString("name").equals(repository)));

        Api.send("POST", releases(), releaser(),
                "{\"version\": \"web@1.1.0\", \"projects\": [\"" + project.slug() + "\"]}", List.of());
        JsonObject previous = Api.get(releases() + "web@1.1.0/previous-with-commits/", releaser()).object();
        assertEquals("web@1.0.0", previous.getString("version"));
        assertEquals(newer, previous.getJsonObject("lastCommit").getString("id"));
    }

    /**
     * {@code set-commits --local} in a git checkout: sentry-cli reads the commits itself (since the
     * previous release's last commit) and uploads them; the repository it names is created.
     */
    @Test
    void setCommitsLocalUploadsTheCheckoutsCommits() throws Exception {
        Ingest.Project project = Ingest.project("commit-local");
        java.nio.file.Path checkout = java.nio.file.Files.createTempDirectory(
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), "checkout");
        git(checkout, "init", "-q");
        git(checkout, "remote", "add", "origin", "https://github.com/acme/" + project.slug() + ".git");
        git(checkout, "-c", "user.name=Jane", "-c", "user.email=jane@example.com", "commit", "-q", "--allow-empty",
                "-m", "Start");
        git(checkout, "-c", "user.name=Jane", "-c", "user.email=jane@example.com", "commit", "-q", "--allow-empty",
                "-m", "Fix the checkout");
        String head = git(checkout, "rev-parse", "HEAD").strip();

        cli("new", "local@1.0.0", "-p", project.slug());
        List<String> command = List.of(NpmClients.sentryCli().toString(), "--url", TestEnvironment.baseUrl(),
                "releases", "set-commits", "local@1.0.0", "--local", "-o", Ingest.ORG);
        NpmClients.Run run = NpmClients.run(checkout, Map.of("SENTRY_AUTH_TOKEN", releaser(),
                "SENTRY_DISABLE_UPDATE_CHECK", "true"), 120, command.toArray(String[]::new));
        assertEquals(0, run.exit(), run::toString);
        JsonObject release = Api.get(releases() + "local@1.0.0/", releaser()).object();
        assertEquals(2, release.getInt("commitCount"), release::toString);
        assertEquals(head, release.getJsonObject("lastCommit").getString("id"));
        // the repository is named as sentry-cli names it (3.8.0 sends the remote's name), and now exists
        String named = release.getJsonObject("lastCommit").getJsonObject("repository").getString("name");
        assertTrue(Api.get("/api/0/organizations/" + Ingest.ORG + "/repos/", releaser()).array().stream()
                .anyMatch(r -> r.asJsonObject().getString("name").equals(named)), named);
    }

    static String git(java.nio.file.Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        NpmClients.Run run = NpmClients.run(dir, Map.of("GIT_CONFIG_NOSYSTEM", "1", "HOME", dir.toString()), 60,
                command.toArray(String[]::new));
        assertEquals(0, run.exit(), run::toString);
        return run.out();
    }

    @Test
    void badInputIsA400AndWritesNothing() {
        Ingest.Project project = Ingest.project("release-bad");
        String body = "{\"version\": \"%s\", \"projects\": [\"" + project.slug() + "\"]}";
        Api.Answer latest = Api.send("POST", releases(), releaser(), body.formatted("latest"), List.of());
        assertEquals(400, latest.status(), latest::toString);
        assertTrue(latest.object().containsKey("version"));
        Api.Answer slash = Api.send("POST", releases(), releaser(), body.formatted("a/b"), List.of());
        assertEquals(400, slash.status());
        Api.Answer project404 = Api.send("POST", releases(), releaser(),
                "{\"version\": \"x@1\", \"projects\": [\"no-such-project\"]}", List.of());
        assertEquals(400, project404.status(), project404::toString);
        assertEquals("Invalid project ids or slugs", project404.object().getJsonArray("projects").getString(0));
        Api.Answer unknownRepository = Api.send("POST", releases(), releaser(), """
                {"version": "bad@1.0.0", "projects": ["%s"], "refs": [{"repository": "nobody/nothing", "commit": "abc"}]}"""
                .formatted(project.slug()), List.of());
        assertEquals(400, unknownRepository.status(), unknownRepository::toString);
        assertEquals("Invalid repository names: nobody/nothing",
                unknownRepository.object().getJsonArray("refs").getString(0));
        Api.Answer noCommitId = Api.send("POST", releases(), releaser(), """
                {"version": "bad@1.0.1", "projects": ["%s"], "commits": [{"message": "no id"}]}"""
                .formatted(project.slug()), List.of());
        assertEquals(400, noCommitId.status(), noCommitId::toString);
        assertEquals(0L, Fixtures.single("select count(*) from release where version like 'bad@%' or version in ('latest', 'x@1')"),
                "nothing of a refused request is written");
        assertEquals(404, Api.put(releases() + "nope@1/", releaser(), "{\"refs\": []}").status());
    }

    @Test
    void scopesAndTenancy() {
        Ingest.Project project = Ingest.project("release-scope");
        String body = "{\"version\": \"scoped@1.0.0\", \"projects\": [\"" + project.slug() + "\"]}";
        Api.Answer readOnly = Api.send("POST", releases(), Tokens.of("jane", "event:read", "project:read"), body, List.of());
        assertEquals(403, readOnly.status(), readOnly::toString);
        assertEquals(401, Api.send("POST", releases(), null, body, List.of()).status());
        assertEquals(403, Api.put(releases() + "scoped@1.0.0/", Tokens.jane(), "{}").status(),
                "the issue scopes do not reach releases");
        assertEquals(201, Api.send("POST", releases(), Tokens.of("jane", "project:releases"), body, List.of()).status());
        assertEquals(200, Api.get(releases() + "scoped@1.0.0/", Tokens.of("jane", "project:read")).status());

        // another organization's member, even with the scope: the organization, its releases and
        // repositories do not exist
        String leia = Tokens.of("leia", "project:releases", "project:read", "org:read");
        Api.Answer foreign = Api.get(releases() + "scoped@1.0.0/", leia);
        assertEquals(404, foreign.status());
        assertEquals(Api.get("/api/0/organizations/no-such-org/releases/scoped@1.0.0/", leia).text(),
                foreign.text());
        assertEquals(404, Api.put(releases() + "scoped@1.0.0/", leia, "{\"refs\": []}").status());
        assertEquals(404, Api.send("POST", releases(), leia, body, List.of()).status());
        assertEquals(404, Api.get("/api/0/organizations/" + Ingest.ORG + "/repos/", leia).status());
    }
}
