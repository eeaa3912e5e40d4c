package dev.triage.it;

import static dev.triage.it.Ingest.envelope;
import static dev.triage.it.Ingest.exceptionEvent;
import static dev.triage.it.Ingest.newEventId;
import static dev.triage.it.Ingest.post;
import static dev.triage.it.Ingest.postEnvelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The SDK endpoints over raw HTTP (§2, §3): every way of authenticating, every encoding, chunked
 * bodies, CORS, the legacy store endpoint, idempotency, and every bad input answered with a clear
 * 4xx with nothing stored.
 */
abstract class IngestTests {

    @Test
    void envelopeIsStoredAndAnsweredWithItsId() {
        Ingest.Project project = Ingest.project("ing-basic");
        String id = newEventId();
        Api.Answer answer = postEnvelope(project, envelope(id, exceptionEvent(id, "ValueError", "bad input: a", null, "u1")));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(id, answer.object().getString("id"));
        assertEquals(1, Ingest.storedEvents(project.id()));
        assertEquals(id, Fixtures.value("select event_id from event where project_id = ?", project.id()));
        assertEquals("ValueError", Fixtures.value(
                "select payload -> 'exception' -> 'values' -> 0 ->> 'type' from event where project_id = ?", project.id()));
    }

    @Test
    void sameErrorWithAnotherMessageJoinsTheIssueAndARetryDoesNotCountTwice() {
        Ingest.Project project = Ingest.project("ing-group");
        String a = newEventId();
        String b = newEventId();
        postEnvelope(project, envelope(a, exceptionEvent(a, "ValueError", "bad input: a", null, "u1")));
        postEnvelope(project, envelope(b, exceptionEvent(b, "ValueError", "bad input: b", null, "u2")));
        Api.Answer retry = postEnvelope(project, envelope(b, exceptionEvent(b, "ValueError", "bad input: b", null, "u2")));

        assertEquals(200, retry.status(), "a retry is accepted");
        long issue = Ingest.awaitSingleIssue(project, 2);
        assertEquals(2, Ingest.storedEvents(project.id()));
        assertEquals(2, Ingest.issue(issue).getInt("userCount"));
    }

    @Test
    void newErrorsSentAtOnceBecomeOneIssueEach() throws Exception {
        // several senders at once: the writers make the new issues of a batch together, and two
        // writers meeting the same new error make one issue of it (the other's is removed)
        Ingest.Project project = Ingest.project("ing-burst");
        int errors = 20;
        int rounds = 3;
        java.util.List<java.util.concurrent.Callable<Api.Answer>> sends = new java.util.ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int error = 0; error < errors; error++) {
                String id = newEventId();
                String body = envelope(id, exceptionEvent(id, "BurstError" + error, "x", null, "u" + round));
                sends.add(() -> postEnvelope(project, body));
            }
        }
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            for (var sent : senders.invokeAll(sends)) {
                Api.Answer answer = sent.get();
                assertEquals(200, answer.status(), answer::toString);
            }
        } finally {
            senders.shutdown();
        }
        Ingest.awaitCounted(project.id());

        assertEquals(errors, Ingest.issues(project.id()), "one issue per error");
        assertEquals(errors * rounds, Ingest.storedEvents(project.id()));
        assertEquals(0, Fixtures.single("select count(*) from issue where project_id = ? and times_seen <> " + rounds,
                project.id()), "every issue counts its error's events");
        assertEquals(errors, Fixtures.single("select count(*) from issue_hash h join issue i on i.id = h.issue_id"
                + " where h.project_id = ?", project.id()), "each error's hash leads to its issue");
        assertEquals(errors, Fixtures.single("select count(distinct short_id_number) from issue where project_id = ?",
                project.id()));
    }

    @Test
    void theSameCodePathInTwoProjectsIsTwoIssues() {
        Ingest.Project one = Ingest.project("ing-one");
        Ingest.Project two = Ingest.project("ing-two");
        String a = newEventId();
        String b = newEventId();
        postEnvelope(one, envelope(a, exceptionEvent(a, "ValueError", "x", null, null)));
        postEnvelope(two, envelope(b, exceptionEvent(b, "ValueError", "x", null, null)));

        long first = Ingest.awaitSingleIssue(one, 1);
        long second = Ingest.awaitSingleIssue(two, 1);
        assertNotEquals(first, second);
    }

    @Test
    void everyWayOfAuthenticating() {
        Ingest.Project project = Ingest.project("ing-auth");
        String query = newEventId();
        String dsn = newEventId();
        String authorization = newEventId();
        assertEquals(200, post(project.envelopeUrl() + "?sentry_version=7&sentry_key=" + project.publicKey(),
                envelope(query, "{\"message\":\"query\"}").getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(200, post(project.envelopeUrl(), ("{\"event_id\":\"" + dsn + "\",\"dsn\":\"" + project.dsn()
                + "\"}\n{\"type\":\"event\"}\n{\"message\":\"dsn\"}\n").getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(200, post(project.envelopeUrl(), envelope(authorization, "{\"message\":\"authorization\"}")
                .getBytes(StandardCharsets.UTF_8), "Authorization", "Sentry sentry_key=" + project.publicKey()).status());
        assertEquals(3, Ingest.storedEvents(project.id()));
    }

    @Test
    void gzipDeflateBrotliAndChunked() throws IOException {
        Ingest.Project project = Ingest.project("ing-enc");
        String gz = newEventId();
        String zlib = newEventId();
        String chunked = newEventId();
        byte[] gzipBody = Ingest.gzip(envelope(gz, "{\"message\":\"gzip\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, post(project.envelopeUrl(), gzipBody, "X-Sentry-Auth", project.auth(),
                "Content-Encoding", "gzip", "Content-Type", "application/x-sentry-envelope").status());
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater())) {
            out.write(envelope(zlib, "{\"message\":\"deflate\"}").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(200, post(project.envelopeUrl(), deflated.toByteArray(), "X-Sentry-Auth", project.auth(),
                "Content-Encoding", "deflate").status());
        byte[] br;
        try (var in = getClass().getResourceAsStream("/encodings/node-envelope.br")) {
            br = in.readAllBytes();
        }
        assertEquals(200, post(project.envelopeUrl(), br, "X-Sentry-Auth", project.auth(), "Content-Encoding", "br").status());
        // an InputStream body has no length: Java's client sends it chunked, as the Node SDK does
        byte[] plain = envelope(chunked, "{\"message\":\"chunked\"}").getBytes(StandardCharsets.UTF_8);
        Api.Answer answer = Api.send(HttpRequest.newBuilder(URI.create(project.envelopeUrl()))
                .header("X-Sentry-Auth", project.auth())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(plain))).build());
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(4, Ingest.storedEvents(project.id()));
    }

    @Test
    void legacyStoreEndpoint() {
        Ingest.Project project = Ingest.project("ing-store");
        String id = newEventId();
        Api.Answer answer = post(project.storeUrl(), exceptionEvent(id, "KeyError", "'user'", null, null)
                .getBytes(StandardCharsets.UTF_8), "X-Sentry-Auth", project.auth(), "Content-Type", "application/json");
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(id, answer.object().getString("id"));
        assertEquals(1, Ingest.storedEvents(project.id()));
    }

    @Test
    void otherItemsAreAcceptedAndDropped() {
        Ingest.Project project = Ingest.project("ing-items");
        String session = "{\"sent_at\":\"2026-01-01T00:00:00Z\"}\n{\"type\":\"session\"}\n{\"sid\":\"abc\",\"status\":\"ok\"}\n"
                + "{\"type\":\"client_report\"}\n{\"discarded_events\":[]}\n"
                + "{\"type\":\"attachment\",\"length\":4,\"filename\":\"a.bin\"}\n\u0001\u0002\n\u0003\n";
        Api.Answer answer = postEnvelope(project, session);
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(0, Ingest.storedEvents(project.id()));
        assertEquals(0, Ingest.issues(project.id()));
    }

    @Test
    void anEventBesideALargeAttachmentIsStored() throws IOException {
        // 64 MiB of attachment (gzipped to about 64 KiB) before the event: read past as a stream, not held
        Ingest.Project project = Ingest.project("ing-attachment");
        String id = newEventId();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(("{\"event_id\":\"" + id + "\"}\n{\"type\":\"attachment\",\"length\":" + (64 << 20)
                    + ",\"filename\":\"heap.bin\"}\n").getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gzip.write(zeros);
            }
            gzip.write(("\n{\"type\":\"event\"}\n" + exceptionEvent(id, "ValueError", "beside a dump", null, "u1") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Api.Answer answer = post(project.envelopeUrl(), compressed.toByteArray(), "X-Sentry-Auth", project.auth(),
                "Content-Encoding", "gzip");
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(id, answer.object().getString("id"));
        assertEquals(1, Ingest.storedEvents(project.id()));
    }

    @Test
    void corsPreflight() {
        Api.Answer answer = Api.send(HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + "/api/2/envelope/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, sentry-trace").build());
        assertEquals(200, answer.status());
        assertEquals("https://shop.example.com", answer.header("Access-Control-Allow-Origin").orElse(""));
        assertTrue(answer.header("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertTrue(answer.header("Access-Control-Allow-Headers").orElse("").contains("sentry-trace"));
    }

    @Test
    void badInputIsAClear4xxAndNothingIsStored() throws IOException {
        Ingest.Project project = Ingest.project("ing-bad");
        Ingest.Project other = Ingest.project("ing-other");
        String event = "{\"message\":\"x\"}";
        byte[] ok = envelope(newEventId(), event).getBytes(StandardCharsets.UTF_8);

        refused(403, post(project.envelopeUrl(), ok), "no key");
        refused(403, post(project.envelopeUrl(), ok, "X-Sentry-Auth", "Sentry sentry_key=00000000000000000000000000000000"),
                "unknown key");
        refused(403, post(project.envelopeUrl(), ok, "X-Sentry-Auth", other.auth()), "key of another project");
        refused(400, post(project.envelopeUrl() + "?sentry_key=" + other.publicKey(), ok, "X-Sentry-Auth", project.auth()),
                "two different keys");
        refused(400, postEnvelope(project, "not json\n{\"type\":\"event\"}\n{}\n"), "malformed envelope header");
        refused(400, postEnvelope(project, "{}\n{\"type\":\"event\",\"length\":9999}\n{}\n"), "item length past the end");
        refused(400, postEnvelope(project, "{}\n{\"type\":\"event\"}\n{\"message\": \n"), "invalid JSON payload");
        refused(400, postEnvelope(project, "{}\n{\"type\":\"event\"}\n{\"message\":\"a\"} {\"message\":\"b\"}\n"),
                "JSON after the event's object");
        refused(400, postEnvelope(project, envelope("zzzz", event)), "non-hex event_id");
        refused(400, postEnvelope(project, "{}\n{\"type\":\"event\"}\n{\"event_id\":\"xyz\"}\n"), "non-hex event_id in the payload");
        refused(415, post(project.envelopeUrl(), ok, "X-Sentry-Auth", project.auth(), "Content-Encoding", "zstd"),
                "unknown compression");
        refused(400, post(project.envelopeUrl(), ok, "X-Sentry-Auth", project.auth(), "Content-Encoding", "gzip"),
                "not gzip at all");
        refused(413, post(project.envelopeUrl(), gzipBomb(), "X-Sentry-Auth", project.auth(), "Content-Encoding", "gzip"),
                "gzip bomb");
        String big = "{\"message\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        refused(413, postEnvelope(project, envelope(newEventId(), big)), "2 MB event");
        refused(400, postEnvelope(project, envelope(newEventId(), "{\"message\":\"x\",\"fingerprint\":["
                + "\"p\",".repeat(9_999) + "\"p\"]}")), "fingerprint of 10,000 parts");
        refused(400, postEnvelope(project, "{}\n{\"type\":\"event\"}\n{}\n{\"type\":\"event\"}\n{}\n"), "two events");
        // valid JSON that jsonb cannot hold: the database refuses it, and retrying would not help
        refused(400, postEnvelope(project, envelope(newEventId(), "{\"message\":\"x\",\"extra\":{\"n\":1e1000000}}")),
                "a number too large for the database");
        refused(400, postEnvelope(project, envelope(newEventId(), "{\"message\":\"x\",\"extra\":{\"n\":1e-1000000}}")),
                "a number too small for the database");

        // the key is deactivated through the API: refused from then on
        Api.Answer off = Api.put("/api/0/projects/" + Ingest.ORG + "/" + project.slug() + "/keys/" + project.publicKey() + "/",
                Tokens.jane(), "{\"isActive\": false}");
        assertEquals(200, off.status(), off::toString);
        refused(403, postEnvelope(project, envelope(newEventId(), event)), "inactive key");

        assertEquals(0, Ingest.storedEvents(project.id()));
        assertEquals(0, Ingest.issues(project.id()));
    }

    /**
     * A deactivation holds from its answer on, also while the key's events keep arriving: a
     * request that loads the key between the change and its commit must not keep the old grant
     * in the cache (it would stay there for the cache's 10 s).
     */
    @Test
    void aKeyDeactivatedWhileItsEventsArriveIsRefusedFromTheAnswerOn() throws Exception {
        Ingest.Project project = Ingest.project("ing-key-race");
        String keyPath = "/api/0/projects/" + Ingest.ORG + "/" + project.slug() + "/keys/" + project.publicKey() + "/";
        String event = "{\"message\":\"racing\"}";
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                senders.submit(() -> {
                    while (sending.get()) {
                        postEnvelope(project, envelope(newEventId(), event));
                    }
                    return null;
                });
            }
            for (int round = 0; round < 10; round++) {
                assertEquals(200, Api.put(keyPath, Tokens.jane(), "{\"isActive\": false}").status());
                refused(403, postEnvelope(project, envelope(newEventId(), event)), "deactivated in round " + round);
                assertEquals(200, Api.put(keyPath, Tokens.jane(), "{\"isActive\": true}").status());
                assertEquals(200, postEnvelope(project, envelope(newEventId(), event)).status(), "active again");
            }
        } finally {
            sending.set(false);
            senders.shutdown();
            assertTrue(senders.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    /**
     * The counter must never move past an event whose transaction is still open: an event stored
     * by an older transaction that commits after newer events were stored is counted too, once.
     */
    @Test
    void anEventCommittedAfterNewerOnesIsStillCounted() throws Exception {
        Ingest.Project project = Ingest.project("ing-late-commit");
        String first = newEventId();
        assertEquals(200, postEnvelope(project, envelope(first, exceptionEvent(first, "LateError", "x", null, "u1"))).status());
        long issue = Ingest.awaitSingleIssue(project, 1);
        try (Connection held = TestEnvironment.database().connect()) {
            held.setAutoCommit(false);
            try (PreparedStatement insert = held.prepareStatement("""
                    insert into event (project_id, issue_id, event_id, hash, occurred_at, received_at, level, title,
                                       tags, size, payload)
                    select project_id, issue_id, ?, hash, now(), now(), level, title, tags, size, payload
                    from event where project_id = ?""")) {
                insert.setString(1, newEventId());
                insert.setLong(2, project.id());
                assertEquals(1, insert.executeUpdate());
            }
            String newer = newEventId();
            assertEquals(200, postEnvelope(project, envelope(newer, exceptionEvent(newer, "LateError", "y", null, "u2"))).status());
            Thread.sleep(1000); // several runs of the counter while the older transaction is open
            assertEquals("1", Ingest.issue(issue).getString("count"), "nothing counted past the open transaction");
            held.commit();
        }
        Ingest.awaitCounted(project.id());
        assertEquals("3", Ingest.issue(issue).getString("count"), "both later events counted");
        assertEquals(3, Ingest.storedEvents(project.id()));
    }

    @Test
    void timestampsFarAheadOrBehindAreClampedToTheTimeReceived() {
        Ingest.Project project = Ingest.project("ing-clock");
        String future = newEventId();
        String past = newEventId();
        assertEquals(200, postEnvelope(project, envelope(future, "{\"message\":\"f\",\"timestamp\":\"2999-01-01T00:00:00Z\"}")).status());
        assertEquals(200, postEnvelope(project, envelope(past, "{\"message\":\"p\",\"timestamp\":0}")).status());
        assertEquals(0L, Fixtures.single("select count(*) from event where project_id = ?"
                + " and abs(extract(epoch from occurred_at - received_at)) > 1", project.id()));
    }

    @Test
    void unknownPathsAndMethods() {
        assertEquals(404, post(TestEnvironment.baseUrl() + "/api/2/minidump/", new byte[0]).status());
        assertEquals(405, Api.send(HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + "/api/2/envelope/"))
                .GET().build()).status());
    }

    private static void refused(int status, Api.Answer answer, String what) {
        assertEquals(status, answer.status(), what + ": " + answer);
        assertTrue(answer.header("X-Sentry-Error").isPresent(), what + ": X-Sentry-Error");
        assertTrue(answer.object().containsKey("detail"), what + ": " + answer);
    }

    /** An envelope with an attachment of 200 MB of zeros, about 200 KB compressed: past the decompressed limit. */
    private static byte[] gzipBomb() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(("{}\n{\"type\":\"attachment\",\"length\":" + (200 << 20) + "}\n").getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                gzip.write(zeros);
            }
        }
        return compressed.toByteArray();
    }
}
