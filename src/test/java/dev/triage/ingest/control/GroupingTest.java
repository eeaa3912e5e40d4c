package dev.triage.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sentry's grouping (§5) on payloads captured from the real SDKs. */
class GroupingTest {

    @Test
    void javaSameErrorWithAnotherMessageValueIsOneGroup() {
        assertEquals(Captures.event("java/exception-bad-input-a.envelope.gz").hash(),
                Captures.event("java/exception-bad-input-b.envelope.gz").hash());
    }

    @Test
    void nodeSameErrorWithAnotherMessageValueAndAnotherCallingLineIsOneGroup() {
        assertEquals(Captures.event("node/exception-bad-input-a.envelope").hash(),
                Captures.event("node/exception-bad-input-b.envelope").hash());
    }

    @Test
    void anotherExceptionIsAnotherGroup() {
        assertNotEquals(Captures.event("java/exception-bad-input-a.envelope.gz").hash(),
                Captures.event("java/exception-chained.envelope.gz").hash());
        assertNotEquals(Captures.event("java/exception-bad-input-a.envelope.gz").hash(),
                Captures.event("java/message.envelope.gz").hash());
    }

    @Test
    void javaEmptyFingerprintMeansNone() {
        String withEmpty = hash("""
                {"exception": {"values": [{"type": "E", "value": "x", "stacktrace": {"frames": [
                  {"module": "shop.A", "function": "run", "lineno": 3, "in_app": true}]}}]}, "fingerprint": []}""");
        String without = hash("""
                {"exception": {"values": [{"type": "E", "value": "y", "stacktrace": {"frames": [
                  {"module": "shop.A", "function": "run", "lineno": 99, "in_app": true}]}}]}}""");
        assertEquals(withEmpty, without, "[] and line numbers do not change the group");
    }

    @Test
    void onlyInAppFramesCountWhenThereAreAny() {
        String a = hash("""
                {"exception": {"values": [{"type": "E", "stacktrace": {"frames": [
                  {"module": "java.lang.Thread", "function": "run", "in_app": false},
                  {"module": "shop.A", "function": "run", "in_app": true}]}}]}}""");
        String b = hash("""
                {"exception": {"values": [{"type": "E", "stacktrace": {"frames": [
                  {"module": "org.framework.Pool", "function": "execute", "in_app": false},
                  {"module": "shop.A", "function": "run", "in_app": true}]}}]}}""");
        assertEquals(a, b);
    }

    @Test
    void generatedLambdaNamesDoNotSplitGroups() {
        String a = hash("""
                {"exception": {"values": [{"type": "E", "stacktrace": {"frames": [
                  {"module": "shop.A$$Lambda/0x000071c0a1012345", "function": "lambda$main$0", "in_app": true}]}}]}}""");
        String b = hash("""
                {"exception": {"values": [{"type": "E", "stacktrace": {"frames": [
                  {"module": "shop.A$$Lambda/0x000071c0a10abcde", "function": "lambda$main$3", "in_app": true}]}}]}}""");
        assertEquals(a, b);
    }

    @Test
    void withoutStackTraceTheValueCountsWithVariablePartsReplaced() {
        String a = hash("{\"exception\": {\"values\": [{\"type\": \"Timeout\", \"value\": \"after 30 s on 10.0.0.1 for 0x7f3a\"}]}}");
        String b = hash("{\"exception\": {\"values\": [{\"type\": \"Timeout\", \"value\": \"after 45 s on 10.0.0.2 for 0x1b2c\"}]}}");
        String c = hash("{\"exception\": {\"values\": [{\"type\": \"Timeout\", \"value\": \"refused\"}]}}");
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void messagesGroupWithNumbersIdsUuidsAndTimestampsReplaced() {
        assertEquals(Grouping.normalizeMessage("Payment <int> failed for order <hex>"),
                Grouping.normalizeMessage("Payment 4711 failed for order 1a2b3c4d5e6f"));
        assertEquals(hash("{\"message\": \"job 3f2a1b6c-1111-4222-8333-944445555666 failed at 2026-11-28T07:00:01Z\"}"),
                hash("{\"message\": \"job 9e8d7c6b-aaaa-4bbb-8ccc-dddd11112222 failed at 2025-01-02T03:04:05Z\"}"));
        assertNotEquals(hash("{\"message\": \"disk full\"}"), hash("{\"message\": \"disk gone\"}"));
    }

    @Test
    void explicitFingerprintAloneDecides() {
        String a = hash("{\"message\": \"one\", \"fingerprint\": [\"deploy-failure\"]}");
        String b = hash("{\"exception\": {\"values\": [{\"type\": \"Other\"}]}, \"fingerprint\": [\"deploy-failure\"]}");
        assertEquals(a, b);
    }

    @Test
    void defaultPlaceholderExtendsTheDefaultHash() {
        String plain = hash("{\"message\": \"Custom grouping\"}");
        String extended = Captures.event("sentry-cli/message-fingerprint-default.envelope").hash();
        assertNotEquals(plain, extended);
        assertEquals(extended, hash("{\"message\": \"Custom grouping\", \"fingerprint\": [\"deploy-failure\", \"{{default}}\"]}"));
        assertNotEquals(extended, hash("{\"message\": \"Other text\", \"fingerprint\": [\"deploy-failure\", \"{{ default }}\"]}"));
    }

    private static String hash(String json) {
        JsonObject event = Json.createReader(new StringReader(json)).readObject();
        return EventReader.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null,
                Instant.parse("2026-11-28T07:00:00Z")).hash();
    }
}
