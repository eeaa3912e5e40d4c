package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real sentry-cli (npm {@code @sentry/cli}) against the running service, for every command
 * of the bulk issue: each runs in a fresh project of the-interstellar-jurisdiction, and its
 * effect is checked through the API afterwards.
 */
abstract class SentryCliTests {

    static final String ORG = "the-interstellar-jurisdiction";

    static NpmClients.Run cli(String project, String... args) {
        List<String> command = new ArrayList<>(List.of(NpmClients.sentryCli().toString(),
                "--url", TestEnvironment.baseUrl(), "issues"));
        command.addAll(List.of(args));
        command.addAll(List.of("-o", ORG, "-p", project));
        return NpmClients.run(NpmClients.directory(), Map.of(
                "SENTRY_AUTH_TOKEN", Tokens.jane(),
                "SENTRY_DISABLE_UPDATE_CHECK", "true",
                "SENTRYCLI_SKIP_DOWNLOAD", "1"), 120, command.toArray(String[]::new));
    }

    static String status(long id) {
        return Api.get("/api/0/issues/" + id + "/", Tokens.jane()).object().getString("status");
    }

    static String shortId(long id) {
        return Api.get("/api/0/issues/" + id + "/", Tokens.jane()).object().getString("shortId");
    }

    static void assertOk(NpmClients.Run run) {
        assertEquals(0, run.exit(), run::toString);
    }

    @Test
    void listFollowsEveryPage() {
        String project = Fixtures.newProject(1, "cli-list");
        List<Long> ids = Fixtures.newIssues(project, 120, "cli");
        NpmClients.Run run = cli(project, "list");

        assertOk(run);
        assertTrue(run.out().contains(shortId(ids.get(0))), run::toString);
        assertTrue(run.out().contains(shortId(ids.get(119))), "the second page was followed:\n" + run);
    }

    @Test
    void listWithAQuery() {
        String project = Fixtures.newProject(1, "cli-query");
        long projectId = Fixtures.projectId(project);
        List<Long> ids = List.of(Fixtures.newIssue(projectId, "cli 1"),
                Fixtures.issue(projectId).titled("cli 2").resolved().create());
        NpmClients.Run run = cli(project, "list", "--query", "is:unresolved");

        assertOk(run);
        assertTrue(run.out().contains(shortId(ids.get(0))), run::toString);
        assertFalse(run.out().contains(shortId(ids.get(1))), run::toString);
    }

    @Test
    void resolveOneAndTwo() {
        String project = Fixtures.newProject(1, "cli-resolve");
        List<Long> ids = Fixtures.newIssues(project, 3, "cli");

        assertOk(cli(project, "resolve", "-i", ids.get(0).toString()));
        assertEquals(List.of("resolved", "unresolved", "unresolved"), ids.stream().map(SentryCliTests::status).toList());
        assertOk(cli(project, "resolve", "-i", ids.get(1).toString(), "-i", ids.get(2).toString()));
        assertEquals(List.of("resolved", "resolved", "resolved"), ids.stream().map(SentryCliTests::status).toList());
    }

    @Test
    void resolveAll() {
        String project = Fixtures.newProject(1, "cli-all");
        List<Long> ids = Fixtures.newIssues(project, 3, "cli");
        long elsewhere = Fixtures.newIssue(2, "another project");

        assertOk(cli(project, "resolve", "-a"));
        assertEquals(List.of("resolved", "resolved", "resolved"), ids.stream().map(SentryCliTests::status).toList());
        assertEquals("unresolved", status(elsewhere));
    }

    @Test
    void resolveInTheNextRelease() {
        String project = Fixtures.newProject(1, "cli-next");
        long id = Fixtures.newIssues(project, 1, "cli").get(0);
        long release = Fixtures.single("insert into release (organization_id, version) values (1, ?) returning id",
                project + "@2.0.0");
        Fixtures.execute("insert into release_project (release_id, project_id) values (?, ?)", release,
                Fixtures.projectId(project));

        assertOk(cli(project, "resolve", "-n", "-i", Long.toString(id)));
        var issue = Api.get("/api/0/issues/" + id + "/", Tokens.jane()).object();
        assertEquals("resolved", issue.getString("status"));
        assertTrue(issue.getJsonObject("statusDetails").getBoolean("inNextRelease"));
    }

    @Test
    void mute() {
        String project = Fixtures.newProject(1, "cli-mute");
        long id = Fixtures.newIssues(project, 1, "cli").get(0);

        assertOk(cli(project, "mute", "-i", Long.toString(id)));
        var issue = Api.get("/api/0/issues/" + id + "/", Tokens.jane()).object();
        assertEquals("ignored", issue.getString("status"));
        assertEquals("archived_forever", issue.getString("substatus"));
    }

    @Test
    void unresolveTheResolvedOnes() {
        String project = Fixtures.newProject(1, "cli-unresolve");
        List<Long> ids = Fixtures.newIssues(project, 3, "cli");
        Api.put("/api/0/issues/" + ids.get(0) + "/", Tokens.jane(), """
                {"status": "resolved"}""");
        Api.put("/api/0/issues/" + ids.get(1) + "/", Tokens.jane(), """
                {"status": "ignored"}""");

        assertOk(cli(project, "unresolve", "-s", "resolved"));
        assertEquals(List.of("unresolved", "ignored", "unresolved"), ids.stream().map(SentryCliTests::status).toList());
        assertEquals("regressed", Api.get("/api/0/issues/" + ids.get(0) + "/", Tokens.jane()).object().getString("substatus"));
    }

    @Test
    void aRejectedTokenIsAClearError() {
        String project = Fixtures.newProject(1, "cli-denied");
        NpmClients.Run run = NpmClients.run(NpmClients.directory(), Map.of("SENTRY_AUTH_TOKEN", "not-a-token",
                        "SENTRY_DISABLE_UPDATE_CHECK", "true"), 120,
                NpmClients.sentryCli().toString(), "--url", TestEnvironment.baseUrl(), "issues", "list", "-o", ORG,
                "-p", project);
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains("Invalid token"), run::toString);
    }
}
