package dev.triage.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks answers against Sentry's own OpenAPI 3.0 descriptions, read from {@code ../shared/sentry-openapi}
 * (never copied into this repository). Where that folder is absent the check is skipped, loudly.
 * Supports what those documents use: type, nullable, required, properties, items, enum, oneOf,
 * anyOf, allOf and the date-time format.
 */
public final class OpenApiContract {

    public static final String CURRENT = "openapi-issues.json";
    public static final String LEGACY = "openapi-issues-legacy-2024-11.json";

    private OpenApiContract() {}

    /** Asserts that {@code body} is a valid {@code status} answer of {@code method path} in {@code document}. */
    public static void assertValid(String document, String method, String path, int status, JsonValue body) {
        Path file = Path.of(System.getProperty("triage.sharedDir", "../shared"), "sentry-openapi", document);
        Assumptions.assumeTrue(Files.isRegularFile(file),
                "SKIPPED OpenAPI validation: " + file.toAbsolutePath() + " is absent (CI has ../shared/sentry-openapi)");
        JsonObject schema = schema(read(file), method, path, status);
        List<String> problems = new ArrayList<>();
        check(schema, body, "$", problems);
        Assertions.assertEquals(List.of(), problems,
                "answer does not match " + document + " " + method.toUpperCase() + " " + path + " " + status);
    }

    static JsonObject schema(JsonObject spec, String method, String path, int status) {
        JsonObject operation = spec.getJsonObject("paths").getJsonObject(path).getJsonObject(method.toLowerCase());
        return operation.getJsonObject("responses").getJsonObject(Integer.toString(status))
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
    }

    static void check(JsonObject schema, JsonValue value, String at, List<String> problems) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (!schema.getBoolean("nullable", false) && (schema.containsKey("type") || schema.containsKey("enum"))) {
                problems.add(at + ": null where not nullable");
            }
            return;
        }
        if (schema.containsKey("allOf")) {
            schema.getJsonArray("allOf").forEach(s -> check(s.asJsonObject(), value, at, problems));
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (schema.containsKey(combinator)) {
                long matching = schema.getJsonArray(combinator).stream().filter(s -> {
                    List<String> sub = new ArrayList<>();
                    check(s.asJsonObject(), value, at, sub);
                    return sub.isEmpty();
                }).count();
                if (matching == 0 || ("oneOf".equals(combinator) && matching > 1 && !sameTypes(schema))) {
                    problems.add(at + ": matches " + matching + " of " + combinator);
                }
            }
        }
        if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
            problems.add(at + ": " + value + " not in " + schema.getJsonArray("enum"));
        }
        String type = schema.getString("type", null);
        if (type == null) {
            return;
        }
        boolean ok = switch (type) {
            case "object" -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case "array" -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case "string" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case "integer" -> value.getValueType() == JsonValue.ValueType.NUMBER
                    && ((jakarta.json.JsonNumber) value).isIntegral();
            case "number" -> value.getValueType() == JsonValue.ValueType.NUMBER;
            default -> true;
        };
        if (!ok) {
            problems.add(at + ": expected " + type + ", got " + value.getValueType());
            return;
        }
        if ("string".equals(type) && "date-time".equals(schema.getString("format", ""))) {
            try {
                OffsetDateTime.parse(((jakarta.json.JsonString) value).getString());
            } catch (RuntimeException e) {
                problems.add(at + ": not a date-time: " + value);
            }
        }
        if ("object".equals(type)) {
            JsonObject object = value.asJsonObject();
            if (schema.containsKey("required")) {
                schema.getJsonArray("required").getValuesAs(jakarta.json.JsonString.class).forEach(name -> {
                    if (!object.containsKey(name.getString())) {
                        problems.add(at + ": missing required " + name.getString());
                    }
                });
            }
            if (schema.containsKey("properties")) {
                schema.getJsonObject("properties").forEach((name, sub) -> {
                    if (object.containsKey(name)) {
                        check(sub.asJsonObject(), object.get(name), at + "." + name, problems);
                    }
                });
            }
        }
        if ("array".equals(type) && schema.containsKey("items")) {
            var array = value.asJsonArray();
            for (int i = 0; i < array.size(); i++) {
                check(schema.getJsonObject("items"), array.get(i), at + "[" + i + "]", problems);
            }
        }
    }

    /** Sentry documents oneOf alternatives that overlap (two object shapes): any match is fine then. */
    private static boolean sameTypes(JsonObject schema) {
        return schema.getJsonArray("oneOf").stream().map(s -> s.asJsonObject().getString("type", "")).distinct().count() == 1;
    }

    private static JsonObject read(Path file) {
        try (Reader reader = Files.newBufferedReader(file); JsonReader json = Json.createReader(reader)) {
            return json.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
