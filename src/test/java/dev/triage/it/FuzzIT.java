package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fuzz suite (issue #9): generated request bodies for the details PUT/PATCH and the bulk PUT,
 * generated query strings and path segments, against a service process of its own. For every
 * request: never a 5xx, never a body that is not JSON, and after every 4xx the issue it aimed at
 * is exactly as before (row, activities, the callers' rows).
 *
 * <p>Seeded: every run generates the same requests, so a failure replays. Each property makes
 * {@code jqwik.tries.default} requests (pom: {@code fuzz.tries}, 600, so 2,400 a run); more with
 * {@code mvn verify -Dfuzz.tries=10000}.
 */
class FuzzIT {

    static final String SEED = "9092026";

    static final List<String> KEYS = List.of("status", "substatus", "statusDetails", "assignedTo", "hasSeen",
            "isBookmarked", "isSubscribed", "isPublic", "priority", "discard", "merge", "ignoreDuration",
            "ignoreCount", "ignoreWindow", "ignoreUserCount", "ignoreUserWindow", "ignoreUntilEscalating",
            "snoozeDuration", "inRelease", "inNextRelease", "inCommit", "commit", "repository", "id", "");

    static final List<String> VALUES = List.of("resolved", "resolvedInNextRelease", "unresolved", "ignored", "muted",
            "archived_until_escalating", "archived_forever", "ongoing", "escalating", "new", "regressed", "low",
            "medium", "high", "john", "jane", "leia", "user:2", "user:3", "team:1", "team:2", "2", "1.0.0", "1.1.0",
            "latest", "interstellar/pump-station", "0", "1", "true", "false", "me", "", " ");

    static final List<String> PARAMETERS = List.of("query", "status", "project", "limit", "cursor", "sort",
            "statsPeriod", "shortIdLookup", "environment", "expand", "collapse", "x");

    private static String project;
    private static ServerLog log;

    @BeforeContainer
    static void service() {
        log = ServerLog.mark(ServiceProcess.shared().log());
        project = Fixtures.newProject(1, "fuzz");
    }

    /** Client errors never log a stack trace (issue #9): thousands of them just did. */
    @AfterContainer
    static void noStackTraceForClientErrors() {
        assertEquals(List.of(), log.stackTraces(), "stack traces logged while fuzzing");
    }

    // --- the properties ---

    @Property(seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void updatingOneIssue(@ForAll("bodies") byte[] body, @ForAll("writeMethods") String method) {
        long issue = freshIssue();
        String path = "/api/0/issues/" + issue + "/";
        check(issue, () -> send(method, path, body), method + " " + path + " " + text(body));
    }

    @Property(seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void updatingInBulk(@ForAll("bodies") byte[] body) {
        long issue = freshIssue();
        String path = "/api/0/organizations/the-interstellar-jurisdiction/issues/?id=" + issue;
        check(issue, () -> send("PUT", path, body), "PUT " + path + " " + text(body));
    }

    @Property(seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void queryStrings(@ForAll("queries") String query, @ForAll("collectionMethods") String method) {
        long issue = freshIssue();
        // the fresh issue's id limits the selection: a generated query must not touch other issues
        String path = (query.hashCode() % 2 == 0 ? "/api/0/organizations/the-interstellar-jurisdiction/issues/"
                : "/api/0/projects/the-interstellar-jurisdiction/" + project + "/issues/") + "?" + query + "&id=" + issue;
        byte[] body = method.equals("PUT") ? "{\"status\": \"resolved\"}".getBytes(StandardCharsets.UTF_8) : null;
        check(issue, () -> send(method, path, body), method + " " + path);
    }

    @Property(seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void pathSegments(@ForAll("segments") String segment, @ForAll("writeMethods") String method, @ForAll("shapes") int shape) {
        long issue = freshIssue();
        String path = switch (shape) {
            case 0 -> "/api/0/issues/" + segment + "/";
            case 1 -> "/api/0/organizations/" + segment + "/issues/" + issue + "/";
            case 2 -> "/api/0/organizations/the-interstellar-jurisdiction/issues/" + segment + "/";
            case 3 -> "/api/0/projects/the-interstellar-jurisdiction/" + segment + "/issues/?id=" + issue;
            default -> "/api/0/" + segment + "/" + issue + "/";
        };
        byte[] body = "{\"status\": \"resolved\"}".getBytes(StandardCharsets.UTF_8);
        check(issue, () -> send(method, path, body), method + " " + path);
    }

    // --- what every request must satisfy ---

    static void check(long issue, java.util.function.Supplier<Api.Answer> request, String description) {
        String before = HardeningTests.snapshot(issue);
        Api.Answer answer = request.get();
        assertTrue(answer.status() < 500, () -> "5xx for " + description + ": " + answer);
        boolean bodiless = description.startsWith("HEAD ") || answer.status() == 204 || answer.status() == 202;
        if (!answer.text().isEmpty() || !bodiless) {
            assertEquals("application/json", answer.header("Content-Type").orElse("").split(";")[0],
                    () -> "not JSON for " + description + ": " + answer);
            try (var reader = Json.createReader(new StringReader(answer.text()))) {
                reader.readValue();
            } catch (JsonException e) {
                throw new AssertionError("not JSON for " + description + ": " + answer, e);
            }
        }
        if (answer.status() >= 400) {
            assertEquals(before, HardeningTests.snapshot(issue), () -> "changed by a refused " + description);
        }
    }

    static Api.Answer send(String method, String path, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ServiceProcess.shared().base() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN.get());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return Api.send(request.build());
    }

    private static final ThreadLocal<String> TOKEN = ThreadLocal.withInitial(Tokens::jane);

    static long freshIssue() {
        return Fixtures.newIssues(project, 1, "fuzzed").get(0);
    }

    static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "... (" + body.length + " bytes)" : text;
    }

    // --- generators ---

    @Provide
    Arbitrary<String> writeMethods() {
        return Arbitraries.of("PUT", "PATCH");
    }

    @Provide
    Arbitrary<String> collectionMethods() {
        return Arbitraries.of("GET", "PUT", "DELETE", "HEAD");
    }

    @Provide
    Arbitrary<Integer> shapes() {
        return Arbitraries.integers().between(0, 4);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> object = object(value());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, object.map(FuzzIT::utf8)),
                net.jqwik.api.Tuple.of(2, value().map(FuzzIT::utf8)),
                net.jqwik.api.Tuple.of(1, nested().map(FuzzIT::utf8)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40).map(FuzzIT::utf8)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)),
                net.jqwik.api.Tuple.of(1, object.map(o -> withInvalidUtf8(utf8(o)))));
    }

    /** Any JSON value as text, up to four levels deep, biased to the API's own words. */
    static Arbitrary<String> value() {
        return Arbitraries.recursive(FuzzIT::scalar, v -> Arbitraries.oneOf(array(v), object(v)), 0, 4);
    }

    static Arbitrary<String> scalar() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of("null", "true", "false")),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("1e999", "-0", "0.5", "1E-400", "1e308", "-1", "10081",
                        "2147483648", "9223372036854775808", "1.0", "NaN", "Infinity", "01")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(140)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(VALUES).map(FuzzIT::quote)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(30).map(FuzzIT::quote)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5).map(FuzzIT::quote)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(100, 70_000)
                        .map(n -> quote("x".repeat(n)))));
    }

    static Arbitrary<String> array(Arbitrary<String> element) {
        return element.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    }

    /** An object whose keys are mostly the API's; a key may repeat. */
    static Arbitrary<String> object(Arbitrary<String> value) {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(KEYS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)));
        return Combinators.combine(key, value).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
    }

    static Arbitrary<String> nested() {
        return Combinators.combine(Arbitraries.integers().between(1, 200), Arbitraries.of("[", "{\"a\":"))
                .as((depth, open) -> open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> parameter = Combinators.combine(
                Arbitraries.of(PARAMETERS),
                Arbitraries.oneOf(Arbitraries.of(VALUES), Arbitraries.of("is:unresolved", "is:resolved",
                                "is:ignored", "assigned:me", "is:bookmarked", "level:error", "is:", "assigned:",
                                "0:100:0", "1:0:1", "-1", "101", "0", "x:y:z"),
                        Arbitraries.strings().all().ofMaxLength(20)),
                Arbitraries.of(true, true, true, false))
                .as((name, value, encode) -> name + "=" + (encode ? URLEncoder.encode(value, StandardCharsets.UTF_8)
                        : rawButLegal(value)));
        return parameter.list().ofMaxSize(5).map(l -> String.join("&", l));
    }

    @Provide
    Arbitrary<String> segments() {
        // Generated strings are percent-encoded (U+0000 and '/' too); those starting with '%' are sent
        // as they are: invalid UTF-8, encoded U+0000 and backslashes, which the HTTP server refuses
        // while parsing (HttpParserErrors; broken escapes such as "%zz", which java.net.URI cannot
        // send, are HardeningTests' raw requests). Not generated: the dot segments "." and
        // "..", which a client resolves before sending (RFC 3986 §5.2.4) and which would aim the PUT
        // at another issue than the fresh one.
        return Arbitraries.oneOf(
                        Arbitraries.of("1", "0", "-1", "99999999999999999999", "PUMP-STATION-1", "pump-station",
                                "the-interstellar-jurisdiction", "the-rebel-alliance", "ECHO-BASE-1", "%20", "..", ".",
                                "%00", "%001", "%FF", "%C0%AF", "%ED%A0%80", "%5C", "%2F", "%2f%2e%2e"),
                        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30))
                .filter(s -> !s.isEmpty() && !s.equals(".") && !s.equals(".."))
                .map(s -> s.startsWith("%") ? s : URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    // --- text helpers ---

    /** A JSON string literal; control characters and lone surrogates as \\u escapes. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Query characters that are legal unencoded; everything else percent-encoded. */
    static String rawButLegal(String value) {
        return value.chars().mapToObj(c -> Character.isLetterOrDigit(c) && c < 128 || "-._~!$'()*,;:@/?".indexOf(c) >= 0
                ? String.valueOf((char) c) : URLEncoder.encode(String.valueOf((char) c), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The same bytes with an invalid UTF-8 sequence put in the middle. */
    static byte[] withInvalidUtf8(byte[] bytes) {
        byte[] out = new byte[bytes.length + 2];
        int half = bytes.length / 2;
        System.arraycopy(bytes, 0, out, 0, half);
        out[half] = (byte) 0xC3;
        out[half + 1] = (byte) 0x28;
        System.arraycopy(bytes, half, out, half + 2, bytes.length - half);
        return out;
    }
}
