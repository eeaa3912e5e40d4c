package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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

/** Sentry's generated TypeScript client ({@code @sentry/api}) through the organization and project reads. */
abstract class SentryApiOrganizationTests {

    static Map<String, JsonObject> runScript(String script, Map<String, String> env) throws IOException {
        Path dir = NpmClients.directory();
        Path file = dir.resolve(script);
        try (InputStream in = SentryApiOrganizationTests.class.getResourceAsStream("/npm/" + script)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("BASE", TestEnvironment.baseUrl());
        NpmClients.Run run = NpmClients.run(dir, all, 120, "node", file.toString());
        assertEquals(0, run.exit(), run::toString);
        Map<String, JsonObject> steps = new HashMap<>();
        run.out().lines().filter(l -> l.startsWith("{")).forEach(line -> {
            JsonObject step = Json.createReader(new StringReader(line)).readObject();
            steps.put(step.getString("step"), step);
        });
        return steps;
    }

    static List<String> slugs(JsonObject step) {
        return step.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("slug")).toList();
    }

    @Test
    void theGeneratedClientReadsOrganizationsAndProjects() throws IOException {
        Map<String, JsonObject> steps = runScript("sentry-api-organizations.mjs", Map.of("TOKEN", Tokens.jane(),
                "ORG", "the-interstellar-jurisdiction", "PROJECT", "pump-station", "FOREIGN", "the-rebel-alliance"));

        for (String step : List.of("organizations", "organization", "projects", "project", "members", "teams")) {
            assertEquals(200, steps.get(step).getInt("status"), () -> step + ": " + steps.get(step));
        }
        assertEquals(true, slugs(steps.get("organizations")).contains("the-interstellar-jurisdiction"));
        assertEquals(false, slugs(steps.get("organizations")).contains("the-rebel-alliance"));
        assertEquals("owner", steps.get("organization").getJsonObject("data").getString("orgRole"));
        assertEquals(true, slugs(steps.get("projects")).containsAll(List.of("pump-station", "prime-mover")));
        JsonObject project = steps.get("project").getJsonObject("data");
        assertEquals("2", project.getString("id"));
        assertEquals("the-interstellar-jurisdiction", project.getJsonObject("organization").getString("slug"));
        assertEquals(true, steps.get("members").getJsonArray("data").stream()
                .anyMatch(m -> m.asJsonObject().getString("email").equals("john@example.com")));
        assertEquals(true, slugs(steps.get("teams")).contains("powerful-abolitionist"));
        assertEquals(404, steps.get("foreign").getInt("status"));
        assertEquals("The requested resource does not exist",
                steps.get("foreign").getJsonObject("error").getString("detail"));
        assertEquals(JsonValue.ValueType.NULL, steps.get("foreign").get("data").getValueType());
    }

    @Test
    void theGeneratedClientPagesThroughListsLongerThanAPage() throws IOException {
        long org = Fixtures.newOrganization("api-pages");
        ListPagingTests.addProjects(org, 103);
        ListPagingTests.addTeams(org, 101);
        ListPagingTests.addMembers(org, 100);
        String owner = ListPagingTests.ownerOfOrganizations(101);
        Map<String, JsonObject> steps = runScript("sentry-api-paging.mjs", Map.of("TOKEN", Tokens.jane(),
                "OWNER_TOKEN", Tokens.of(owner, "org:read"), "ORG", Fixtures.organizationSlug(org)));

        assertPages(steps.get("projects"), List.of(100, 3),
                ListPagingTests.column("select slug from project where organization_id = ? order by slug", org));
        assertPages(steps.get("teams"), List.of(100, 1),
                ListPagingTests.column("select slug from team where organization_id = ? order by slug", org));
        assertPages(steps.get("members"), List.of(100, 2),
                ListPagingTests.column("select id from organization_member where organization_id = ? order by id", org));
        assertPages(steps.get("organizations"), List.of(100, 1), ListPagingTests.column("""
                select o.slug from organization o join organization_member m on m.organization_id = o.id
                join app_user u on u.id = m.user_id where u.jwt_subject = ? order by o.date_created desc, o.id desc""",
                owner));
    }

    private static void assertPages(JsonObject step, List<Integer> pages, List<String> items) {
        assertEquals(200, step.getInt("status"), step::toString);
        assertEquals(pages, step.getJsonArray("pages").stream().map(v -> ((jakarta.json.JsonNumber) v).intValue())
                .toList(), step::toString);
        assertEquals(items, step.getJsonArray("items").stream().map(v -> ((jakarta.json.JsonString) v).getString())
                .toList());
    }
}
