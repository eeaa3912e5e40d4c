package dev.triage.it;

import static dev.triage.it.Waiting.sleep;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for the tests: Keycloak's distribution from Maven Central
 * (unpacked by the build), started in development mode with its file storage and the realm of
 * {@code src/test/resources/keycloak/triage-realm.json}. Its public URLs (issuer, JWKS) go through
 * a {@link CuttableTunnel}, so tests can take it off the network while it keeps running.
 */
public final class IdentityProvider implements AutoCloseable {

    public static final String REALM = "triage";
    public static final String AUDIENCE = "issue-triage";
    /** Users of the realm file; their ids are the tokens' {@code sub}. */
    public static final String ALICE_ID = "0b6a5b0e-7a0c-4f7e-9d61-3c1f2a5e8d01";
    public static final String BOB_ID = "7c2d9f4a-1b3e-4c5d-8e6f-9a0b1c2d3e02";
    private static final String ADMIN_PASSWORD = "admin-password-of-the-tests";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int directPort;
    private final CuttableTunnel tunnel;
    private final Path log;

    private IdentityProvider(Process process, int directPort, CuttableTunnel tunnel, Path log) {
        this.process = process;
        this.directPort = directPort;
        this.tunnel = tunnel;
        this.log = log;
    }

    /** Starts Keycloak from {@code home} (a fresh data directory each time) and answers at once. */
    public static IdentityProvider start(Path home, int directPort, int publicPort, Path work) {
        try {
            Path data = home.resolve("data");
            if (Files.exists(data)) {
                try (Stream<Path> files = Files.walk(data)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(data.resolve("import"));
            try (var realm = IdentityProvider.class.getResourceAsStream("/keycloak/triage-realm.json")) {
                Files.copy(realm, data.resolve("import/triage-realm.json"));
            }
            Files.createDirectories(work);
            Path log = work.resolve("keycloak.log");
            String script = home.resolve("bin/kc.sh").toString();
            home.resolve("bin/kc.sh").toFile().setExecutable(true);
            ProcessBuilder builder = new ProcessBuilder("sh", script, "start-dev",
                    "--http-port=" + directPort,
                    "--hostname=http://127.0.0.1:" + publicPort,
                    "--import-realm")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
            CuttableTunnel tunnel = new CuttableTunnel(publicPort, directPort).open();
            return new IdentityProvider(builder.start(), directPort, tunnel, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak from " + home, e);
        }
    }

    /** Waits until the realm answers (Keycloak needs 20 to 60 s here). */
    public IdentityProvider awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(direct("/realms/" + REALM
                        + "/.well-known/openid-configuration"))).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak did not come up within " + timeout + "; see " + log);
    }

    /** The issuer of the realm's tokens (its public URL, through the tunnel). */
    public String issuer() {
        return "http://127.0.0.1:" + tunnel.port() + "/realms/" + REALM;
    }

    public String discoveryUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public CuttableTunnel tunnel() {
        return tunnel;
    }

    /** Keycloak's own port, not through the tunnel. */
    public int directPort() {
        return directPort;
    }

    /** An access token from the realm by the password grant of {@code client}. */
    public String token(String client, String username, String password) {
        JsonObject answer = post(direct("/realms/" + REALM + "/protocol/openid-connect/token"), null, Map.of(
                "grant_type", "password", "client_id", client, "username", username, "password", password));
        return answer.getString("access_token");
    }

    /** The realm's current key set, read directly (not through the tunnel). */
    public JsonObject keys() {
        return getJson(direct("/realms/" + REALM + "/protocol/openid-connect/certs"), null);
    }

    /**
     * Adds a key provider to the realm through the admin API ({@code rsa-generated},
     * {@code ecdsa-generated}, or {@code rsa} with a {@code privateKey}); answers its component id.
     */
    public String addKeyProvider(String name, String providerId, Map<String, String> config) {
        JsonObject realm = getJson(direct("/admin/realms/" + REALM), adminToken());
        var configJson = Json.createObjectBuilder();
        config.forEach((k, v) -> configJson.add(k, Json.createArrayBuilder().add(v)));
        String body = Json.createObjectBuilder()
                .add("name", name).add("providerId", providerId)
                .add("providerType", "org.keycloak.keys.KeyProvider")
                .add("parentId", realm.getString("id"))
                .add("config", configJson).build().toString();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(direct("/admin/realms/" + REALM + "/components")))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the key provider: " + answer.statusCode() + " " + answer.body());
        }
        String location = answer.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public void removeKeyProvider(String componentId) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(direct("/admin/realms/" + REALM
                + "/components/" + componentId))).header("Authorization", "Bearer " + adminToken()).DELETE().build());
        if (answer.statusCode() != 204) {
            throw new IllegalStateException("Keycloak did not remove the key provider: " + answer.statusCode());
        }
    }

    /** The {@code kid} the realm publishes for the RSA key whose modulus is {@code modulus} (base64url). */
    public String keyIdOf(String modulus) {
        return keys().getJsonArray("keys").stream().map(k -> k.asJsonObject())
                .filter(k -> modulus.equals(k.getString("n", null)) && "sig".equals(k.getString("use", "sig")))
                .map(k -> k.getString("kid")).findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak does not publish the key"));
    }

    private String adminToken() {
        return post(direct("/realms/master/protocol/openid-connect/token"), null, Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", ADMIN_PASSWORD)).getString("access_token");
    }

    private String direct(String path) {
        return "http://127.0.0.1:" + directPort + path;
    }

    private static JsonObject post(String url, String bearer, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return json(send(request.build()), url);
    }

    private static JsonObject getJson(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return json(send(request.build()), url);
    }

    private static JsonObject json(HttpResponse<String> answer, String url) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + " " + answer.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    @Override
    public void close() {
        tunnel.close();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
