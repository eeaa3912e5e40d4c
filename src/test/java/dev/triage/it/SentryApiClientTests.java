package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sentry's generated TypeScript client ({@code @sentry/api}) through retrieve, update, list, both
 * bulk mutations and remove, each step checked in its answer and in the database.
 */
abstract class SentryApiClientTests {

    @Test
    void theGeneratedClientWorksUnchanged() throws IOException {
        Path dir = NpmClients.directory();
        Path script = dir.resolve("sentry-api-client.mjs");
        try (InputStream in = SentryApiClientTests.class.getResourceAsStream("/npm/sentry-api-client.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String project = Fixtures.newProject(1, "ts-client");
        List<Long> ids = Fixtures.newIssues(project, 3, "ts");
        NpmClients.Run run = NpmClients.run(dir, Map.of(
                "BASE", TestEnvironment.baseUrl(), "TOKEN", Tokens.jane(), "ORG", "the-interstellar-jurisdiction",
                "PROJECT", project, "ONE", ids.get(0).toString(), "A", ids.get(1).toString(),
                "B", ids.get(2).toString()), 120, "node", script.toString());
        assertEquals(0, run.exit(), run::toString);

        Map<String, JsonObject> steps = new HashMap<>();
        run.out().lines().filter(l -> l.startsWith("{")).forEach(line -> {
            JsonObject step = Json.createReader(new StringReader(line)).readObject();
            steps.put(step.getString("step"), step);
        });
        assertEquals(200, steps.get("retrieve").getInt("status"), run::toString);
        assertEquals(ids.get(0).toString(), steps.get("retrieve").getJsonObject("data").getString("id"));
        assertEquals(200, steps.get("update").getInt("status"), run::toString);
        assertEquals("resolved", steps.get("update").getJsonObject("data").getString("status"));
        assertEquals(200, steps.get("list").getInt("status"), run::toString);
        assertEquals(3, steps.get("list").getJsonArray("data").size());
        assertEquals(200, steps.get("bulkProject").getInt("status"), run::toString);
        assertEquals("ignored", steps.get("bulkProject").getJsonObject("data").getString("status"));
        assertEquals(200, steps.get("bulkOrganization").getInt("status"), run::toString);
        assertTrue(steps.get("bulkOrganization").getJsonObject("data").getBoolean("isBookmarked"));
        assertEquals(202, steps.get("remove").getInt("status"), run::toString);

        assertEquals(true, Fixtures.value("select pending_deletion from issue where id = ?", ids.get(0)));
        assertEquals("resolved", Fixtures.value("select status from issue where id = ?", ids.get(0)));
        assertEquals(2L, Fixtures.single("select count(*) from issue where status = 'ignored' and id in (?, ?)",
                ids.get(1), ids.get(2)));
        assertEquals(2L, Fixtures.single("select count(*) from issue_user_state where bookmarked_at is not null"
                + " and user_id = 1 and issue_id in (?, ?)", ids.get(1), ids.get(2)));
    }
}
