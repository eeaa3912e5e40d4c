package dev.triage.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading real SDK events: the fields (§6), tags, users, and what is refused or clamped. */
class EventReaderTest {

    static final Instant RECEIVED = Instant.parse("2026-11-28T07:26:30Z");

    @Test
    void javaException() {
        IncomingEvent e = Captures.event("java/exception-bad-input-a.envelope.gz");
        assertEquals("3b3c8ee56b164797a2cec546a71207c0", e.eventId());
        assertEquals("IllegalArgumentException: bad input: a", e.summary().title());
        assertEquals("shop.Capture in parse", e.summary().culprit());
        assertEquals("{\"type\":\"IllegalArgumentException\",\"value\":\"bad input: a\",\"filename\":\"Capture.java\","
                + "\"function\":\"parse\"}", e.summary().metadata().toString());
        assertEquals("error", e.summary().type());
        assertEquals("error", e.level(), "no level sent: error");
        assertEquals("java", e.platform());
        assertEquals("shop@2.3.1", e.release());
        assertEquals("id:u-17", e.userKey());
        assertEquals(Instant.parse("2026-11-28T07:26:11.781Z"), e.occurredAt());
        Map<String, String> tags = tags(e);
        assertEquals("checkout", tags.get("feature"));
        assertEquals("production", tags.get("environment"));
        assertEquals("java-host-1", tags.get("server_name"));
        assertEquals("id:u-17", tags.get("user"));
    }

    @Test
    void nodeException() {
        IncomingEvent e = Captures.event("node/exception-bad-input-a.envelope");
        assertEquals("TypeError: bad input: a", e.summary().title());
        assertEquals("parseInput(capture)", e.summary().culprit());
        assertEquals("node", e.platform());
        assertEquals(Instant.parse("2026-11-28T07:25:54.804Z"), e.occurredAt(), "epoch seconds with a fraction");
        assertEquals("node v20.20.2", tags(e).get("runtime"));
        assertEquals("Debian", tags(e).get("os.name"));
    }

    @Test
    void nodeMessageHasASyntheticExceptionWithoutType() {
        IncomingEvent e = Captures.event("node/message.envelope");
        assertEquals("Payment 4711 failed for order 1a2b3c4d5e6f", e.summary().title());
        assertFalse(e.summary().metadata().containsKey("type"), "synthetic: no type");
        assertEquals("warning", e.level());
    }

    @Test
    void messageEvents() {
        IncomingEvent java = Captures.event("java/message.envelope.gz");
        assertEquals("Payment 4711 failed for order 1a2b3c4d5e6f", java.summary().title());
        assertEquals("default", java.summary().type());
        assertEquals("{\"title\":\"Payment 4711 failed for order 1a2b3c4d5e6f\"}", java.summary().metadata().toString());
        IncomingEvent cli = Captures.event("sentry-cli/message.envelope");
        assertEquals("34cc695e66ce4d29ac198e832cd04437", cli.eventId(), "a dashed UUID is written without dashes");
        assertEquals("Deploy 42 failed on host db-7", cli.summary().title());
        assertEquals("id:u-17", cli.userKey());
        assertTrue(cli.payload().contains("\"ip_address\":\"203.0.113.7\""), "{{auto}} is the sender's address");
    }

    @Test
    void theEnvelopeHeadersEventIdWins() {
        IncomingEvent e = read("{\"event_id\": \"11111111111111111111111111111111\", \"message\": \"x\"}",
                "22222222222222222222222222222222");
        assertEquals("22222222222222222222222222222222", e.eventId());
    }

    @Test
    void refusedPayloads() {
        assertEquals(400, refused("{\"event_id\": \"not-hex\", \"message\": \"x\"}").status());
        assertEquals(400, refused("[1, 2]").status());
        assertEquals(400, refused("{\"message\": ").status());
        assertEquals(400, refused("{\"message\": \"x\", \"fingerprint\": ["
                + "\"p\",".repeat(9_999) + "\"p\"]}").status());
    }

    @Test
    void timestampsTooFarAheadOrBehindAreTheTimeReceived() {
        IncomingEvent future = read("{\"message\": \"x\", \"timestamp\": \"2099-01-01T00:00:00Z\"}", null);
        IncomingEvent past = read("{\"message\": \"x\", \"timestamp\": 946684800}", null);
        IncomingEvent fine = read("{\"message\": \"x\", \"timestamp\": 1795850730.5}", null);
        assertEquals(RECEIVED, future.occurredAt());
        assertTrue(future.payload().contains("future_timestamp"));
        assertEquals(RECEIVED, past.occurredAt());
        assertEquals(Instant.parse("2026-11-28T07:25:30.500Z"), fine.occurredAt());
    }

    @Test
    void levelsAndNothing() {
        assertEquals("warning", read("{\"level\": \"warn\"}", null).level());
        assertEquals("error", read("{\"level\": \"loud\"}", null).level());
        IncomingEvent empty = read("{}", null);
        assertEquals("<unknown>", empty.summary().title());
        assertNull(empty.userKey());
        assertEquals(32, empty.eventId().length(), "an event ID is made when none is sent");
    }

    @Test
    void theStoredPayloadIsTheSentEventWithTheNormalisedMembers() {
        IncomingEvent e = read("""
                {"event_id": "9EC79C33-EC99-42AB-8353-589FCB2E04DC", "level": "warn", "timestamp": "2999-01-01T00:00:00Z",
                 "user": {"ip_address": "{{auto}}"}, "extra": {"k": [1, 2.5, "\u00e9"]}}
                """, null);
        // the normalised members come last; jsonb, like this parser, keeps the last of duplicate keys
        jakarta.json.JsonObject stored = jakarta.json.Json.createReader(new java.io.StringReader(e.payload())).readObject();
        assertEquals("9ec79c33ec9942ab8353589fcb2e04dc", stored.getString("event_id"));
        assertEquals("warning", stored.getString("level"));
        assertEquals(RECEIVED.getEpochSecond(), stored.getJsonNumber("timestamp").longValue(), "clamped");
        assertEquals("203.0.113.7", stored.getJsonObject("user").getString("ip_address"));
        assertEquals("future_timestamp", stored.getJsonArray("errors").getJsonObject(0).getString("type"));
        assertEquals("é", stored.getJsonObject("extra").getJsonArray("k").getString(2));
        assertEquals("{\"received\":" + RECEIVED.getEpochSecond() + "}",
                jakarta.json.Json.createObjectBuilder().add("received", stored.get("received")).build().toString());
        IncomingEvent empty = read("  { }\n", null);
        assertEquals(empty.eventId(), jakarta.json.Json.createReader(new java.io.StringReader(empty.payload())).readObject()
                .getString("event_id"), "an empty event gets its members without a stray comma: " + empty.payload());
    }

    @Test
    void anEventWithASurrogateEscapeIsWrittenAfresh() {
        // jsonb refuses an unpaired surrogate escape: the stored text is serialised from the parsed event
        IncomingEvent e = read("{\"message\": \"half \\ud800 of a pair\", \"level\": \"info\"}", null);
        assertEquals(1, e.payload().split("\"level\"", -1).length - 1, e.payload());
        assertFalse(e.payload().contains("\\ud800"), e.payload());
    }

    @Test
    void anythingAfterTheEventObjectIsRefused() {
        assertEquals(400, refused("{\"message\": \"a\"} {\"message\": \"b\"}").status());
        assertEquals(400, refused("{\"message\": \"a\"}}").status());
        assertEquals(400, refused("[{\"message\": \"a\"}]").status());
        assertEquals(400, refused("").status());
    }

    private static Map<String, String> tags(IncomingEvent e) {
        return e.tags().stream().collect(Collectors.toMap(IncomingEvent.Tag::key, IncomingEvent.Tag::value));
    }

    private static IncomingEvent read(String json, String headerId) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return EventReader.read(bytes, headerId, "203.0.113.7", RECEIVED);
    }

    private static Refused refused(String json) {
        return assertThrows(Refused.class, () -> read(json, null));
    }
}
