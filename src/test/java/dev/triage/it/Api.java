package dev.triage.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A plain HTTP client for the service under test: real requests over loopback. */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private Api() {}

    public record Answer(int status, java.net.http.HttpHeaders headers, String text) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonValue json() {
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                return reader.readValue();
            }
        }

        public JsonObject object() {
            return json().asJsonObject();
        }

        public JsonArray array() {
            return json().asJsonArray();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /** A JSON body with one key, built (not spelled out), e.g. {@code {"status":"resolved"}}. */
    public static String body(String key, String value) {
        return Json.createObjectBuilder().add(key, value).build().toString();
    }

    /** A field dictionary with one field, e.g. {@code {"assignedTo":["User does not exist"]}}. */
    public static String body(String key, List<String> messages) {
        var list = Json.createArrayBuilder();
        messages.forEach(list::add);
        return Json.createObjectBuilder().add(key, list).build().toString();
    }

    public static String body(String key, boolean value) {
        return Json.createObjectBuilder().add(key, value).build().toString();
    }

    /** A request to {@code path} of the suite's service, or to an absolute URL (another service of a test). */
    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : TestEnvironment.baseUrl() + path)).timeout(Duration.ofSeconds(60));
    }

    public static Answer get(String path, String token) {
        return send(authorized(request(path), token).GET().build());
    }

    public static Answer put(String path, String token, String json) {
        return send("PUT", path, token, json, List.of());
    }

    public static Answer send(String method, String path, String token, String body, List<String> headers) {
        HttpRequest.Builder builder = authorized(request(path), token);
        boolean hasType = false;
        for (int i = 0; i < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
            hasType |= headers.get(i).equalsIgnoreCase("Content-Type");
        }
        if (body != null && !hasType) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(builder.build());
    }

    public static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
