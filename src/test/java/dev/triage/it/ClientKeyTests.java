package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A project's client keys (§1) in Sentry's shape, and who may do what with them. */
abstract class ClientKeyTests {

    static final String KEYS = "/api/0/projects/the-interstellar-jurisdiction/pump-station/keys/";

    @Test
    void demoProjectsHaveAKeyInSentrysShape() {
        Api.Answer list = Api.get(KEYS, Tokens.jane());
        assertEquals(200, list.status(), list::toString);
        JsonObject key = list.array().getJsonObject(0);
        assertEquals("a2d0c0ffee5e4d1e9a1b2c3d4e5f6a02", key.getString("id"));
        assertEquals("a2d0c0ffee5e4d1e9a1b2c3d4e5f6a02", key.getString("public"));
        assertEquals("Default", key.getString("name"));
        assertEquals("Default", key.getString("label"));
        assertEquals(2, key.getInt("projectId"));
        assertTrue(key.getBoolean("isActive"));
        assertTrue(key.isNull("rateLimit"));
        assertTrue(key.getString("secret").matches("[0-9a-f]{32}"));
        String host = TestEnvironment.baseUrl().substring("http://".length());
        JsonObject dsn = key.getJsonObject("dsn");
        assertEquals("http://a2d0c0ffee5e4d1e9a1b2c3d4e5f6a02@" + host + "/2", dsn.getString("public"));
        assertEquals("http://a2d0c0ffee5e4d1e9a1b2c3d4e5f6a02:" + key.getString("secret") + "@" + host + "/2",
                dsn.getString("secret"));
        assertEquals("http://" + host + "/api/2/security/?sentry_key=a2d0c0ffee5e4d1e9a1b2c3d4e5f6a02", dsn.getString("security"));
        for (String field : List.of("csp", "minidump", "unreal", "cdn")) {
            assertTrue(dsn.containsKey(field), field);
        }
        assertTrue(key.containsKey("dateCreated"));
    }

    @Test
    void createRenameDeactivateAndDelete() {
        String slug = Ingest.newProject("keys");
        String keys = "/api/0/projects/" + Ingest.ORG + "/" + slug + "/keys/";
        Api.Answer created = Api.send("POST", keys, Tokens.jane(), "{\"name\": \"Backend\"}", List.of());
        assertEquals(201, created.status(), created::toString);
        String id = created.object().getString("id");
        assertEquals("Backend", created.object().getString("name"));

        Api.Answer renamed = Api.put(keys + id + "/", Tokens.jane(),
                "{\"name\": \"Payments\", \"isActive\": false, \"rateLimit\": {\"window\": 60, \"count\": 1000}}");
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("Payments", renamed.object().getString("name"));
        assertFalse(renamed.object().getBoolean("isActive"));
        assertEquals(1000, renamed.object().getJsonObject("rateLimit").getInt("count"));
        assertEquals(false, Fixtures.value("select is_active from client_key where public_key = ?", id));

        assertEquals(204, Api.send("DELETE", keys + id + "/", Tokens.jane(), null, List.of()).status());
        assertEquals(404, Api.get(keys + id + "/", Tokens.jane()).status());
        assertEquals(0L, Fixtures.single("select count(*) from client_key where public_key = ?", id));
    }

    @Test
    void aProjectCreatedThroughTheApiHasItsFirstKey() {
        Ingest.organization();
        String token = Tokens.of("jane", "org:read", "project:read", "project:write", "event:read");
        Api.Answer created = Api.send("POST", "/api/0/teams/" + Ingest.ORG + "/lab/projects/", token,
                "{\"name\": \"Keyed " + System.nanoTime() + "\"}", List.of());
        assertEquals(201, created.status(), created::toString);
        Api.Answer keys = Api.get("/api/0/projects/" + Ingest.ORG + "/" + created.object().getString("slug") + "/keys/", token);
        assertEquals(200, keys.status(), keys::toString);
        assertEquals(1, keys.array().size());
        assertEquals("Default", keys.array().getJsonObject(0).getString("name"));
        assertTrue(keys.array().getJsonObject(0).getBoolean("isActive"));
    }

    @Test
    void anotherProjectsKeyIdIsNotFound() {
        Api.Answer answer = Api.get(KEYS + "a3d0c0ffee5e4d1e9a1b2c3d4e5f6a03/", Tokens.jane());
        assertEquals(404, answer.status());
    }

    @Test
    void invalidBodiesChangeNothing() {
        String slug = Ingest.newProject("keys-bad");
        String keys = "/api/0/projects/" + Ingest.ORG + "/" + slug + "/keys/";
        String id = Api.send("POST", keys, Tokens.jane(), null, List.of()).object().getString("id");
        Api.Answer bad = Api.put(keys + id + "/", Tokens.jane(), "{\"isActive\": \"maybe\", \"name\": \"x\"}");
        assertEquals(400, bad.status(), bad::toString);
        assertTrue(bad.object().containsKey("isActive"));
        assertEquals(400, Api.put(keys + id + "/", Tokens.jane(), "{\"name\": \"" + "n".repeat(65) + "\"}").status());
        assertEquals(400, Api.put(keys + id + "/", Tokens.jane(), "[]").status());
        assertEquals("Default", Fixtures.value("select label from client_key where public_key = ?", id));
    }

    @Test
    void scopesAndTenancy() {
        assertEquals(401, Api.get(KEYS, null).status());
        assertEquals(401, Api.get(KEYS, "not-a-token").status());
        assertEquals(200, Api.get(KEYS, Tokens.of("john", "project:read")).status(), "project:read lists");
        assertEquals(200, Api.get(KEYS, Tokens.john()).status(), "event:read holders list too");
        Api.Answer forbidden = Api.send("POST", KEYS, Tokens.john(), "{}", List.of());
        assertEquals(403, forbidden.status(), "event:write is not enough to create");
        assertEquals(201, Api.send("POST", KEYS, Tokens.of("john", "project:write"), "{}", List.of()).status());
        assertEquals(404, Api.get(KEYS, Tokens.leia()).status(), "another organization's project is not found");
        assertEquals(403, Api.get(KEYS, Tokens.of("jane", "org:read")).status());
    }

    @Test
    void everyNewKeyIsDifferent() {
        String slug = Ingest.newProject("keys-two");
        String keys = "/api/0/projects/" + Ingest.ORG + "/" + slug + "/keys/";
        String a = Api.send("POST", keys, Tokens.jane(), "{}", List.of()).object().getString("public");
        String b = Api.send("POST", keys, Tokens.jane(), "{}", List.of()).object().getString("public");
        assertNotEquals(a, b);
        assertEquals(2, Api.get(keys, Tokens.jane()).array().size());
    }
}
