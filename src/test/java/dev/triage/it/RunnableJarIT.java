package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.dev.DemoDatabase;
import dev.triage.dev.DevKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The runnable artifact as an operator runs it: {@code java -jar target/issue-triage.jar --port P}
 * with the environment variables of the Dockerfile, against its own PostgreSQL (which this test
 * stops and starts) and a verification key given as a plain path, with an access log. Also how it
 * fails: a key file that is not there stops the start with a clear message (here in the JSON log
 * format) and exit code 3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnableJarIT {

    static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    static final String OPS_TOKEN = "metrics-scraper-secret";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Path work;
    static DemoDatabase database;
    static DevKeys keys;
    static Process service;
    static Path log;
    static String baseUrl;
    static int logLinesAtReady;
    static double secondsToReady;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of(System.getProperty("triage.workDir", "target/it")).resolve("jar").toAbsolutePath();
        Files.createDirectories(work);
        database = DemoDatabase.start(work.resolve("db")).withDemoData();
        keys = DevKeys.generate("https://idp.jar-test.invalid");
        Path key = keys.writePublicKey(work.resolve("keys/public-key.pem"));
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        log = work.resolve("service.log");
        long started = System.nanoTime();
        service = startJar(port, log, Map.of(
                "DB_URL", database.url(), "DB_USER", database.user(), "DB_PASSWORD", database.password(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", key.toString(),   // a plain path, no file:
                "MP_JWT_VERIFY_ISSUER", keys.issuer(),
                "ACCESS_LOG", "true",
                "OPS_ENDPOINTS_TOKEN", OPS_TOKEN));
        awaitStatus("/health/ready", s -> s == 200, START_TIMEOUT);
        secondsToReady = (System.nanoTime() - started) / 1e9;
        logLinesAtReady = nonBlankLines(log).size();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
        }
        if (database != null) {
            database.close();
        }
    }

    /** The start line of the Dockerfile and the README: {@code java -jar issue-triage.jar --port $PORT}. */
    static Process startJar(int port, Path log, Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("triage.jar", "target/issue-triage.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + work, "-jar", jar.toString(),
                "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    @Order(1)
    void aNormalStartLogsLittleAndSaysWhatMatters() throws IOException {
        List<String> lines = nonBlankLines(log).subList(0, logLinesAtReady);
        String text = String.join("\n", lines);
        System.out.printf("FIGURE log: a normal start printed %d lines until ready (%.1f s after java -jar)%n",
                lines.size(), secondsToReady);
        assertTrue(lines.size() <= 40, "the start printed " + lines.size() + " lines:\n" + text);
        assertTrue(text.contains("Listening on http://"), text);
        assertTrue(text.contains("Trusting bearer tokens of issuer " + keys.issuer()), text);
        assertTrue(text.contains("at schema version "), text);
        assertTrue(text.contains("ready in"), text);
        assertFalse(text.toLowerCase().contains("deprecat"), text);
        assertFalse(text.contains("SEVERE") || text.contains("Exception"), text);
    }

    @Test
    @Order(2)
    void aKeyGivenAsAPlainPathVerifiesTokens() throws Exception {
        String token = keys.token("jane", Tokens.ALL, Duration.ofMinutes(5));
        assertEquals(200, get("/api/0/issues/1/", token).statusCode());
        assertEquals(200, get("/api/0/issues/1/", token).statusCode());
        Thread.sleep(200);
        assertTrue(nonBlankLines(log).stream().anyMatch(l -> l.contains("dev.triage.access")
                && l.contains("\"GET /api/0/issues/1/\" 200")), "ACCESS_LOG=true writes a line per request");
        // also for a request the HTTP server refuses while parsing it, before the web container
        RawHttp.Exchange refused = RawHttp.send(baseUrl, RawHttp.bytes("GET /api/0/issues/1%00/ HTTP/1.1\r\nHost: test\r\n\r\n"),
                5_000);
        assertEquals(400, refused.first().status(), refused::toString);
        Thread.sleep(200);
        assertTrue(nonBlankLines(log).stream().anyMatch(l -> l.contains("dev.triage.access")
                && l.contains("\"GET /api/0/issues/1%00/\" 400")), "and for a request refused while parsing");
        assertEquals(401, get("/api/0/issues/1/", DevKeys.generate(keys.issuer()).token("jane", Tokens.ALL,
                Duration.ofMinutes(5))).statusCode());
    }

    @Test
    @Order(3)
    void oneSettingClosesMetricsAndOpenApi() {
        for (String path : List.of("/metrics", "/openapi")) {
            assertEquals(401, get(path, null).statusCode(), path);
            assertEquals(401, get(path, "not-the-secret").statusCode(), path);
            HttpResponse<String> open = get(path, OPS_TOKEN);
            assertEquals(200, open.statusCode(), path);
            assertFalse(open.body().isEmpty());
        }
        assertEquals(200, get("/health/ready", null).statusCode(), "probes need no credentials");
    }

    @Test
    @Order(4)
    void readinessGoesDownWithTheDatabaseAndUpWhenItIsBack() {
        HttpResponse<String> ready = get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"schemaVersion\""), ready.body());
        assertEquals(200, get("/health/live", null).statusCode());

        // zonky extracts its binaries once per JVM (under the suite's work folder): look there
        DatabaseControl control = DatabaseControl.of(database, work.getParent());
        control.stop();
        long down;
        try {
            down = awaitStatus("/health/ready", s -> s == 503, Duration.ofSeconds(30));
            System.out.printf("FIGURE health: /health/ready DOWN %.1f s after the database stopped%n", down / 1000.0);
            assertEquals(200, get("/health/live", null).statusCode(), "liveness does not depend on the database");
        } finally {
            control.start();
        }
        long up = awaitStatus("/health/ready", s -> s == 200, Duration.ofSeconds(30));
        System.out.printf("FIGURE health: /health/ready UP again %.1f s after the database was back%n", up / 1000.0);
        assertTrue(down <= 5000, "DOWN only after " + down + " ms");
        assertTrue(up <= 10000, "UP only after " + up + " ms");
        assertEquals(200, get("/api/0/issues/1/", keys.token("jane", Tokens.ALL, Duration.ofMinutes(5))).statusCode());
    }

    @Test
    @Order(5)
    void aKeyFileThatIsNotThereStopsTheStartWithAClearMessage() throws Exception {
        Path failedLog = work.resolve("service-without-key.log");
        Path missing = work.resolve("keys/no-such-key.pem");
        Process failing = startJar(freePort(), failedLog, Map.of(
                "DB_URL", database.url(), "DB_USER", database.user(), "DB_PASSWORD", database.password(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", missing.toString(),
                "MP_JWT_VERIFY_ISSUER", keys.issuer(),
                "LOG_FORMAT", "json"));
        try {
            assertTrue(failing.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the start did not end");
            assertEquals(3, failing.exitValue());
            String text = Files.readString(failedLog);
            String line = nonBlankLines(failedLog).stream()
                    .filter(l -> l.contains("Cannot read the JWT verification key at " + missing)).findFirst()
                    .orElseThrow(() -> new AssertionError("no clear message in:\n" + text));
            // LOG_FORMAT=json: the line is one JSON object a log shipper can read
            var record = jakarta.json.Json.createReader(new java.io.StringReader(line)).readObject();
            assertTrue(record.toString().contains("SEVERE"), line);
        } finally {
            failing.destroyForcibly();
        }
    }

    static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the status of {@code path} satisfies {@code wanted}; answers the milliseconds it took. */
    static long awaitStatus(String path, IntPredicate wanted, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (service != null && !service.isAlive()) {
                throw new AssertionError("the service exited with " + service.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = answer.statusCode() + " " + answer.body();
                if (wanted.test(answer.statusCode())) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(path + " still answers " + last + " after " + timeout + "; see " + log);
    }

    static List<String> nonBlankLines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
