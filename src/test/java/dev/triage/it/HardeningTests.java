package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an attacker sends (issue #9): every answer a clear 4xx in Sentry's format, the database
 * unchanged, never a 500.
 */
abstract class HardeningTests {

    static final String ORG = "/api/0/organizations/the-interstellar-jurisdiction/issues/";
    static final String NULLS = "[\"Null characters are not allowed.\"]";

    static void assertJsonError(int status, String detail, Api.Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/json", answer.header("Content-Type").orElse("").split(";")[0], answer::toString);
        assertEquals(detail, answer.object().getString("detail"), answer::toString);
    }

    static void assertParseError(Api.Answer answer) {
        assertEquals(400, answer.status(), answer::toString);
        assertTrue(answer.object().getString("detail").startsWith("JSON parse error - "), answer::toString);
    }

    /** Everything about an issue a request could change: its row, its activities, the callers' rows. */
    static String snapshot(long id) {
        return (String) Fixtures.value("""
                select row_to_json(i)::text
                       || (select count(*) from activity a where a.issue_id = i.id)
                       || (select coalesce(string_agg(row_to_json(s)::text, ',' order by s.user_id), '')
                           from issue_user_state s where s.issue_id = i.id)
                from issue i where i.id = ?""", id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"assignedTo": "ja\\u0000ne"}                                        | {"assignedTo":%s}
            {"status": "resolved", "statusDetails": {"inRelease": "1.0\\u0000"}} | {"statusDetails":{"inRelease":%s}}
            {"statusDetails": {"inCommit": {"commit": "a\\u0000", "repository": "interstellar/pump-station"}}} | {"statusDetails":{"inCommit":{"commit":%s}}}
            {"statusDetails": {"inCommit": {"commit": "a", "repository": "\\u0000"}}} | {"statusDetails":{"inCommit":{"repository":%s}}}
            {"priority": "high", "assignedTo": ["\\u0000"]}                      | {"assignedTo":%s}
            {"st\\u0000atus": "resolved"}                                         | {"non_field_errors":%s}
            """)
    void aNullCharacterInTheBodyIsAFieldErrorAndChangesNothing(String body, String errors) {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "null character");
        String before = snapshot(id);

        Api.Answer single = Api.put(UpdateIssueTests.path(id), Tokens.jane(), body);
        Api.Answer bulk = Api.put(ORG + "?id=" + id, Tokens.jane(), body);

        for (Api.Answer answer : List.of(single, bulk)) {
            assertEquals(400, answer.status(), answer::toString);
            assertEquals(errors.formatted(NULLS), answer.text());
        }
        assertEquals(before, snapshot(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "project", "id", "status", "cursor", "limit"})
    void aNullCharacterInAQueryParameterIsAFieldErrorAndChangesNothing(String parameter) {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "null parameter");
        String before = snapshot(id);
        String query = (parameter.equals("id") ? "" : "id=" + id + "&") + parameter + "=a%00b";

        Api.Answer list = Api.get(ORG + "?" + query, Tokens.jane());
        Api.Answer update = Api.put(ORG + "?" + query, Tokens.jane(), "{\"status\": \"resolved\"}");
        Api.Answer remove = Api.send("DELETE", ORG + "?" + query, Tokens.jane(), null, List.of());

        for (Api.Answer answer : List.of(list, update, remove)) {
            assertEquals(400, answer.status(), answer::toString);
            assertEquals("{\"" + parameter + "\":" + NULLS + "}", answer.text());
        }
        assertEquals(before, snapshot(id));
    }

    static final String NULL_IN_PATH = "The request path may not contain null characters.";

    @ParameterizedTest
    @ValueSource(strings = {"/api/0/issues/1%00/", "/api/0/organizations/the-interstellar-jurisdiction%00/issues/1/",
            "/api/0/organizations/the-interstellar-jurisdiction/issues/PUMP-STATION-1%00/",
            "/api/0/projects/the-interstellar-jurisdiction/pump%00station/issues/"})
    void aNullCharacterInThePathIs400Json(String path) {
        // refused while Grizzly parses the request, before the web container (HttpParserErrors)
        long version = Fixtures.single("select version from issue where id = 1");
        assertJsonError(400, NULL_IN_PATH, Api.get(path, Tokens.jane()));
        assertJsonError(400, NULL_IN_PATH, Api.put(path, Tokens.jane(), "{\"status\": \"resolved\"}"));
        assertEquals(version, Fixtures.single("select version from issue where id = 1"));
    }

    /** A request written by hand (raw bytes in the path, no Host, odd versions), then a pipelined GET. */
    private static RawHttp.Exchange rawThenGet(String requestLine, String headers) {
        String get = "GET /api/0/issues/1/ HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + Tokens.jane() + "\r\n\r\n";
        return RawHttp.send(RawHttp.bytes(requestLine + "\r\n" + headers + "Authorization: Bearer " + Tokens.jane()
                + "\r\n\r\n" + get), 5_000);
    }

    /** A client's error logs no stack trace, and nothing from the HTTP server (it had a SEVERE line for framing). */
    static void assertNotLogged(ServerLog log) {
        assertEquals(List.of(), log.stackTraces());
        assertEquals(List.of(), log.records().stream().filter(r -> r.contains("grizzly") || r.contains("HttpParserErrors")
                || r.contains("Transfer-Encoding") || r.contains("Invalid URI")).toList());
    }

    /** The series of requests the HTTP server refused while parsing them, by method and status. */
    static String unparsed(String method, int status) {
        return "http_server_requests_seconds_count{method=\"" + method + "\",route=\"unparsed\",status=\"" + status + "\"}";
    }

    /** {@code exchange} refused while parsing, and counted once in {@code /metrics} since {@code before} (a scrape). */
    static void assertCountedAsUnparsed(String method, int status, String before) {
        assertEquals(1, MetricsTests.value(MetricsTests.scrape(), unparsed(method, status))
                - MetricsTests.value(before, unparsed(method, status)), 0.0001, () -> unparsed(method, status));
    }

    /** One answer in Sentry's format, then the connection closed: the pipelined request was not read. */
    static void assertRefusedAndClosed(int status, String detail, RawHttp.Exchange exchange) {
        assertEquals(1, exchange.answers().size(), exchange::toString);
        RawHttp.Answer answer = exchange.first();
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.header("Content-Type", "application/json;charset=UTF-8"), answer::toString);
        assertEquals("{\"detail\":\"" + detail + "\"}", answer.body(), answer::toString);
        assertTrue(answer.header("Connection", "close"), answer::toString);
        assertTrue(exchange.closed(), "the connection stays open");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET /api/0/issues/1%00/ HTTP/1.1                        | 400 | The request path may not contain null characters.
            GET http://test/api/0/issues/1%00/ HTTP/1.1             | 400 | The request path may not contain null characters.
            GET /api/0/issues/%5C1/ HTTP/1.1                        | 400 | The request path may not contain backslashes.
            GET /api/0/issues/%zz/ HTTP/1.1                         | 400 | The request path has a malformed percent-encoding.
            GET /api/0/issues/1%/ HTTP/1.1                          | 400 | The request path has a malformed percent-encoding.
            GET /api/0/issues/%C0%AF/ HTTP/1.1                      | 400 | The request path is not valid UTF-8.
            GET /api/0/issues/%FF/ HTTP/1.1                         | 400 | The request path is not valid UTF-8.
            GET /api/../../issues/1/ HTTP/1.1                       | 400 | The request path leads above the root.
            GET /%2e%2e/api/0/issues/1/ HTTP/1.1                    | 400 | The request path leads above the root.
            GET api/0/issues/1/ HTTP/1.1                            | 400 | The request path must start with a slash.
            GET /api/0/issues/1/ HTTP/7.1                           | 505 | Only HTTP/1.0 and HTTP/1.1 are supported.
            """)
    void aRequestTheHttpServerCannotMapIsRefusedInJsonAndTheConnectionClosed(String requestLine, int status, String detail) {
        ServerLog log = ServerLog.mark();
        String metrics = MetricsTests.scrape();

        assertRefusedAndClosed(status, detail, rawThenGet(requestLine, "Host: test\r\n"));

        assertNotLogged(log);
        assertCountedAsUnparsed("GET", status, metrics);
    }

    @Test
    void aRequestWithoutHostIsRefusedInJson() {
        String metrics = MetricsTests.scrape();
        assertRefusedAndClosed(400, "An HTTP/1.1 request must have a Host header.", rawThenGet("GET /api/0/issues/1/ HTTP/1.1", ""));
        assertCountedAsUnparsed("GET", 400, metrics);
    }

    @Test
    void aMalformedHeaderIsRefusedInJsonAndCounted() {
        String metrics = MetricsTests.scrape();
        assertRefusedAndClosed(400, "The request is not valid HTTP.", rawThenGet("GET /api/0/issues/1/ HTTP/1.1",
                "Host: test\r\nNo colon here\r\n"));
        assertCountedAsUnparsed("GET", 400, metrics);
    }

    @Test
    void aMalformedRequestLineIsCountedUnderItsMethodOrOther() {
        String metrics = MetricsTests.scrape();
        assertRefusedAndClosed(505, "Only HTTP/1.0 and HTTP/1.1 are supported.",
                rawThenGet("BREW /api/0/issues/1/ HTTP/1.1 extra", "Host: test\r\n"));
        assertCountedAsUnparsed("OTHER", 505, metrics);
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 1000, 5000})
    void deepNestingIsAParseErrorAndChangesNothing(int depth) {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "deep");
        String before = snapshot(id);
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"status\": \"resolved\", \"statusDetails\": " + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth + 1);

        for (String body : List.of(arrays, objects)) {
            assertParseError(Api.put(UpdateIssueTests.path(id), Tokens.jane(), body));
            assertParseError(Api.put(ORG + "?id=" + id, Tokens.jane(), body));
        }
        assertEquals(before, snapshot(id));
    }

    @Test
    void nestingWithinTheLimitIsStillRead() {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "nested unknown key");
        String body = "{\"status\": \"resolved\", \"x\": " + "[".repeat(30) + "]".repeat(30) + "}";
        Api.Answer answer = Api.put(UpdateIssueTests.path(id), Tokens.jane(), body);
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("resolved", Fixtures.value("select status from issue where id = ?", id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ignoreDuration", "ignoreCount", "assignedTo", "unknownKey"})
    void aHugeNumberIsAParseErrorAndChangesNothing(String key) {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "huge number");
        String before = snapshot(id);
        String body = "{\"status\": \"ignored\", \"" + key + "\": 1" + "0".repeat(1100) + "}";

        assertParseError(Api.put(UpdateIssueTests.path(id), Tokens.jane(), body));
        assertParseError(Api.put(ORG + "?id=" + id, Tokens.jane(), body));
        assertEquals(before, snapshot(id));
    }

    @Test
    void aServerFaultLogsItsStackTraceWithTheReferenceTheClientSaw() {
        // a real fault: the database refuses the activity row of this one issue (a trigger raises)
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "server fault");
        Fixtures.execute("""
                create function injected_fault() returns trigger language plpgsql as $$
                begin if new.issue_id = %d then raise exception 'injected fault'; end if; return new; end $$"""
                .formatted(id));
        Fixtures.execute("create trigger injected_fault before insert on activity for each row execute function injected_fault()");
        try {
            String before = snapshot(id);
            ServerLog log = ServerLog.mark();

            Api.Answer answer = Api.put(UpdateIssueTests.path(id), Tokens.jane(), "{\"status\": \"resolved\"}");

            assertEquals(500, answer.status(), answer::toString);
            String detail = answer.object().getString("detail");
            assertTrue(detail.matches("Internal Error \\(reference [0-9a-f-]{36}\\)"), detail);
            String reference = detail.substring(detail.indexOf("reference ") + 10, detail.length() - 1);
            List<String> logged = log.records().stream().filter(r -> r.contains(reference)).toList();
            assertEquals(1, logged.size(), () -> "one record with the reference: " + log.text());
            assertTrue(log.stackTraces().contains(logged.get(0)), () -> "with its stack trace: " + logged.get(0));
            assertTrue(logged.get(0).contains("injected fault"), logged.get(0));
            assertEquals(before, snapshot(id), "nothing half written");
        } finally {
            Fixtures.execute("drop trigger injected_fault on activity");
            Fixtures.execute("drop function injected_fault()");
        }
    }

    @Test
    void aWeakIfMatchNeverMatches() {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "weak etag");
        String etag = Api.get(UpdateIssueTests.path(id), Tokens.jane()).header("ETag").orElseThrow();
        String before = snapshot(id);

        Api.Answer answer = Api.send("PUT", UpdateIssueTests.path(id), Tokens.jane(), "{\"status\": \"resolved\"}",
                List.of("If-Match", "W/" + etag));

        assertEquals(412, answer.status(), answer::toString);
        assertEquals(etag, answer.header("ETag").orElse(null));
        assertEquals(before, snapshot(id));
        assertEquals(200, Api.send("PUT", UpdateIssueTests.path(id), Tokens.jane(), "{\"status\": \"resolved\"}",
                List.of("If-Match", etag)).status(), "the strong tag matches");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/errors/status", "/errors/status/", "/errors/status?x=1"})
    void theErrorPageCalledDirectlyIsNotFound(String path) {
        assertJsonError(404, AuthenticationTests.NOT_FOUND_DETAIL, Api.get(path, null));
        assertJsonError(404, AuthenticationTests.NOT_FOUND_DETAIL, Api.get(path, Tokens.jane()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/0/issues/1:2/", "/api/0/organizations/the-interstellar-jurisdiction:x/issues/",
            "/api/0/projects/the-interstellar-jurisdiction/pump-station/issues/:/", "/api/0/issues/1%3A2/"})
    void aColonInThePathIsNotFound(String path) {
        // Payara's authorization layer cannot handle such a path (500, empty body) unless RequestGuardValve answers first
        long version = Fixtures.single("select version from issue where id = 1");

        assertJsonError(404, AuthenticationTests.NOT_FOUND_DETAIL, Api.get(path, null));
        assertJsonError(404, AuthenticationTests.NOT_FOUND_DETAIL, Api.get(path, Tokens.jane()));
        assertJsonError(404, AuthenticationTests.NOT_FOUND_DETAIL, Api.put(path, Tokens.jane(), "{\"status\": \"resolved\"}"));
        assertEquals(version, Fixtures.single("select version from issue where id = 1"));
    }

    /** A PUT whose body is chunked, with {@code before} and {@code after} its Transfer-Encoding, then {@code next}. */
    private static RawHttp.Exchange chunkedPutThen(long id, String before, String after, String next) {
        String body = "{\"status\": \"resolved\"}";
        String put = "PUT " + UpdateIssueTests.path(id) + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + Tokens.jane()
                + "\r\nContent-Type: application/json\r\n" + before + "Transfer-Encoding: chunked\r\n" + after + "\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        return RawHttp.send(RawHttp.bytes(put + next), 5_000);
    }

    private static RawHttp.Exchange chunkedPutThenGet(long id, String before, String after) {
        return chunkedPutThen(id, before, after, "GET " + UpdateIssueTests.path(id) + " HTTP/1.1\r\nHost: test\r\n"
                + "Authorization: Bearer " + Tokens.jane() + "\r\n\r\n");
    }

    @ParameterizedTest
    @CsvSource({"before, 4", "after, 4", "before, 200", "after, 0"})
    void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed(String where, int length) {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "smuggling");
        String contentLength = "Content-Length: " + length + "\r\n";
        String snapshot = snapshot(id);
        ServerLog log = ServerLog.mark();
        String metrics = MetricsTests.scrape();
        // what a proxy framing by Content-Length would pass on as the next request: it must not be served
        String bookmark = "{\"isBookmarked\": true}";
        String smuggled = "PUT " + UpdateIssueTests.path(id) + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + Tokens.jane()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bookmark.length() + "\r\n\r\n" + bookmark;

        // RFC 9112 §6.3: a proxy could frame this body by Content-Length, the server by chunks
        RawHttp.Exchange exchange = chunkedPutThen(id, where.equals("before") ? contentLength : "",
                where.equals("after") ? contentLength : "", smuggled);

        assertRefusedAndClosed(400, "A request may not have both Content-Length and Transfer-Encoding.", exchange);
        assertEquals(snapshot, snapshot(id), "neither the refused request nor the one behind it changed the issue");
        assertNotLogged(log);
        assertCountedAsUnparsed("PUT", 400, metrics);
    }

    @Test
    void headersOverTheHttpServersLimitAre431Json() {
        // over Grizzly's header-buffer-length-bytes (64 KB), where the service's own HeaderLimit filter never runs
        String metrics = MetricsTests.scrape();
        RawHttp.Exchange exchange = rawThenGet("GET /api/0/issues/1/ HTTP/1.1", "Host: test\r\nX-Padding: "
                + "x".repeat(70_000) + "\r\n");
        assertRefusedAndClosed(431, "The request line and headers are larger than 65536 bytes.", exchange);
        assertCountedAsUnparsed("GET", 431, metrics);
    }

    @Test
    void aRequestLineOverTheHttpServersLimitIs431Json() {
        // the line is cut off before its HTTP version: still answered as HTTP/1.1, in JSON
        String ids = IntStream.range(0, 7000).mapToObj(i -> "id=" + (1_000_000 + i)).collect(Collectors.joining("&"));
        String metrics = MetricsTests.scrape();
        RawHttp.Exchange exchange = rawThenGet("GET " + ORG + "?" + ids + " HTTP/1.1", "Host: test\r\n");
        assertTrue(exchange.first().head().startsWith("HTTP/1.1 431 "), exchange::toString);
        assertRefusedAndClosed(431, "The request line and headers are larger than 65536 bytes.", exchange);
        assertCountedAsUnparsed("GET", 431, metrics);
    }

    @Test
    void aChunkedBodyAloneIsReadAndThePipelinedRequestServed() {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "chunked");

        RawHttp.Exchange exchange = chunkedPutThenGet(id, "", "");

        assertEquals(2, exchange.answers().size(), exchange::toString);
        assertEquals(200, exchange.answers().get(0).status(), exchange::toString);
        assertEquals(200, exchange.answers().get(1).status(), exchange::toString);
        assertTrue(exchange.answers().get(1).body().contains("\"status\":\"resolved\""), exchange::toString);
    }

    @Test
    void aStalledBodyIs408AfterTheReadTimeout() {
        long id = Fixtures.newIssue(UpdateIssueTests.PUMP_STATION, "stalled");
        String before = snapshot(id);
        String head = "PUT " + UpdateIssueTests.path(id) + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer "
                + Tokens.jane() + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"status\": ";
        ServerLog log = ServerLog.mark();

        RawHttp.Exchange exchange = RawHttp.firstAnswer(RawHttp.bytes(head), 60_000);

        RawHttp.Answer answer = exchange.first();
        assertEquals(408, answer.status(), answer::toString);
        assertEquals("{\"detail\":\"The request body was not received in time.\"}", answer.body());
        assertTrue(answer.header("Connection", "close"), answer::toString);
        // the configured read timeout (10 s), not the server's default 30 s or a hang
        assertTrue(exchange.millis() < 25_000, () -> "answered after " + exchange.millis() + " ms");
        assertEquals(before, snapshot(id));
        assertEquals(List.of(), log.stackTraces(), "a client's error logs no stack trace");
        assertEquals(1, log.count("Request body not received"), log::text);
    }

    @Test
    void oversizedHeadersAre431() {
        Api.Answer answer = Api.send(Api.request("/api/0/issues/1/").header("Authorization", "Bearer " + Tokens.jane())
                .header("X-Padding", "x".repeat(40_000)).GET().build());

        assertJsonError(431, "The request line and headers are larger than 32768 bytes.", answer);
        RetrieveIssueTests.assertStandardHeaders(answer, RetrieveIssueTests.DETAILS_METHODS);
    }

    @Test
    void aLargeTokenIs431NotAnInvalidToken() {
        Api.Answer answer = Api.get("/api/0/issues/1/", "x".repeat(40_000));
        assertJsonError(431, "The request line and headers are larger than 32768 bytes.", answer);
    }

    @Test
    void aThousandIdsInOneRequestWork() {
        String project = Fixtures.newProject(1, "thousand");
        List<Long> ids = Fixtures.newIssues(project, 3, "thousand");
        // Sentry's limit: 1,000 ids, here with ids as long as this database's will be for years
        String query = IntStream.range(0, 1000)
                .mapToObj(i -> "id=" + (i < ids.size() ? ids.get(i) : 9_000_000_000L + i))
                .collect(Collectors.joining("&"));

        Api.Answer list = Api.get(ORG + "?" + query + "&query=" + URLEncoder.encode("", StandardCharsets.UTF_8),
                Tokens.jane());
        Api.Answer update = Api.put(ORG + "?" + query, Tokens.jane(), "{\"isBookmarked\": true}");

        assertEquals(200, list.status(), list::toString);
        assertEquals(3, list.array().size());
        assertEquals(200, update.status(), update::toString);
        assertEquals(3L, Fixtures.single("select count(*) from issue_user_state where bookmarked_at is not null and issue_id = any(?)",
                (Object) ids.toArray(Long[]::new)));
    }
}
