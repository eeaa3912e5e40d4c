package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The service's OpenAPI 3.0 document, served at {@code /openapi}: {@code openapi/openapi.json}
 * (info, the bearer scheme, shared components) merged with one fragment per feature, every other
 * {@code openapi/*.json} on the class path (e.g. {@code issues.json}), each holding the
 * {@code paths} and {@code components} of its feature. Written by hand, next to the code it
 * describes, because the generated one cannot name clean path templates or response schemas;
 * {@code OpenApiTests} keeps it true (every route documented, real answers valid, a superset of
 * Sentry's). Two fragments defining the same operation or component differently fail the start.
 */
@ApplicationScoped
public class OpenApiDocument {

    static final String FOLDER = "/WEB-INF/classes/openapi/";
    static final String BASE = "openapi.json";

    @Inject
    ServletContext servlet;

    private volatile String json;

    /** The merged document as JSON text. */
    public String json() {
        if (json == null) {
            json = merge().toString();
        }
        return json;
    }

    JsonObject merge() {
        Set<String> files = new TreeSet<>();
        Set<String> listed = servlet.getResourcePaths(FOLDER);
        if (listed != null) {
            listed.stream().filter(p -> p.endsWith(".json") && !p.endsWith("/" + BASE)).forEach(files::add);
        }
        JsonObject base = read(FOLDER + BASE);
        Map<String, Map<String, JsonValue>> paths = new TreeMap<>();
        Map<String, Map<String, JsonValue>> components = new TreeMap<>();
        add(base, BASE, paths, components);
        for (String file : files) {
            add(read(file), file.substring(file.lastIndexOf('/') + 1), paths, components);
        }
        JsonObjectBuilder document = Json.createObjectBuilder(base).remove("paths").remove("components");
        document.add("paths", nested(paths));
        document.add("components", nested(components));
        return document.build();
    }

    private static void add(JsonObject fragment, String file, Map<String, Map<String, JsonValue>> paths,
                            Map<String, Map<String, JsonValue>> components) {
        fragment.getOrDefault("paths", JsonValue.EMPTY_JSON_OBJECT).asJsonObject().forEach((path, item) ->
                item.asJsonObject().forEach((method, operation) ->
                        once(paths.computeIfAbsent(path, p -> new TreeMap<>()), method, operation, file, method + " " + path)));
        fragment.getOrDefault("components", JsonValue.EMPTY_JSON_OBJECT).asJsonObject().forEach((section, entries) ->
                entries.asJsonObject().forEach((name, value) ->
                        once(components.computeIfAbsent(section, p -> new TreeMap<>()), name, value, file,
                                "components/" + section + "/" + name)));
    }

    private static void once(Map<String, JsonValue> into, String key, JsonValue value, String file, String what) {
        JsonValue before = into.putIfAbsent(key, value);
        if (before != null && !before.equals(value)) {
            throw new IllegalStateException("OpenAPI: " + what + " is defined differently again in " + file);
        }
    }

    private static JsonObject nested(Map<String, Map<String, JsonValue>> entries) {
        JsonObjectBuilder outer = Json.createObjectBuilder();
        entries.forEach((key, inner) -> {
            JsonObjectBuilder builder = Json.createObjectBuilder();
            inner.forEach(builder::add);
            outer.add(key, builder);
        });
        return outer.build();
    }

    private JsonObject read(String path) {
        try (InputStream in = servlet.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No OpenAPI fragment at " + path);
            }
            try (JsonReader reader = Json.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
