package dev.triage.ingest.control;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentry's envelope: a JSON header line, then items, each a JSON header line and a payload. With
 * a {@code length} the payload is that many bytes (binary attachments need it); without, it runs
 * to the next newline. The final newline is optional.
 */
public record Envelope(JsonObject header, List<Item> items) {

    /** Looked up once: {@code Json.create*} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** One item: its header (with {@code type}) and its payload bytes. */
    public record Item(String type, JsonObject header, byte[] body, int offset, int length) {

        public ByteArrayInputStream payload() {
            return new ByteArrayInputStream(body, offset, length);
        }
    }

    public static Envelope parse(byte[] body) {
        int[] position = {0};
        JsonValue headerValue = line(body, position, "envelope header");
        if (headerValue == null || headerValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw Refused.badRequest("invalid envelope header: not a JSON object");
        }
        List<Item> items = new ArrayList<>();
        while (position[0] < body.length) {
            int start = position[0];
            // blank lines between items are tolerated, as Relay does
            if (body[start] == '\n' || body[start] == '\r') {
                position[0]++;
                continue;
            }
            JsonValue itemHeader = line(body, position, "item header");
            if (itemHeader == null || itemHeader.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Refused.badRequest("invalid item header: not a JSON object");
            }
            JsonObject header = itemHeader.asJsonObject();
            JsonValue type = header.get("type");
            if (!(type instanceof jakarta.json.JsonString typeName)) {
                throw Refused.badRequest("invalid item header: no type");
            }
            int payloadStart = position[0];
            int payloadLength;
            JsonValue length = header.get("length");
            if (length != null && length.getValueType() != JsonValue.ValueType.NULL) {
                if (!(length instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0) {
                    throw Refused.badRequest("invalid item header: length is not a byte count");
                }
                if (n.longValue() > body.length - payloadStart) {
                    throw Refused.badRequest("invalid item: length " + n.longValue() + " runs past the end of the envelope");
                }
                payloadLength = (int) n.longValue();
                position[0] = payloadStart + payloadLength;
                if (position[0] < body.length && body[position[0]] == '\r') {
                    position[0]++;
                }
                if (position[0] < body.length && body[position[0]] == '\n') {
                    position[0]++;
                }
            } else {
                int end = indexOf(body, payloadStart);
                payloadLength = end - payloadStart;
                if (payloadLength > 0 && body[payloadStart + payloadLength - 1] == '\r') {
                    payloadLength--;
                }
                position[0] = Math.min(end + 1, body.length);
            }
            items.add(new Item(typeName.getString(), header, body, payloadStart, payloadLength));
        }
        return new Envelope(headerValue.asJsonObject(), items);
    }

    /** The event ID the envelope header names, or null. */
    public String eventId() {
        JsonValue id = header.get("event_id");
        return id instanceof jakarta.json.JsonString s ? s.getString() : null;
    }

    private static JsonValue line(byte[] body, int[] position, String what) {
        int start = position[0];
        int end = indexOf(body, start);
        position[0] = Math.min(end + 1, body.length);
        if (end == start) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body, start, end - start))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw Refused.badRequest("invalid " + what + ": not JSON");
        }
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == '\n') {
                return i;
            }
        }
        return body.length;
    }
}
