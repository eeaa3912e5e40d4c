package dev.triage.ingest.control;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sentry's envelope, read as a stream: a JSON header line, then items, each a JSON header line and
 * a payload. With a {@code length} the payload is that many bytes (binary attachments need it);
 * without, it runs to the next newline. The final newline is optional.
 *
 * <p>Only what ingestion uses is kept: the envelope header, the item types and the payload of the
 * one event item (at most {@code maxEventBytes}). Every other payload (attachments of many
 * megabytes, sessions, client reports) is read past without being held, so memory does not grow
 * with the body. The whole envelope is still read and checked before anything is stored.
 */
public final class Envelope {

    /** Looked up once: {@code Json.create*} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** An envelope or item header is a small JSON object; a longer line is not one. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Input in;
    private final JsonObject header;
    private final List<String> itemTypes = new ArrayList<>();

    private Envelope(Input in, JsonObject header) {
        this.in = in;
        this.header = header;
    }

    /** Reads the envelope header only: the items follow with {@link #readItems(int)}. */
    public static Envelope open(InputStream body) {
        Input in = new Input(body);
        JsonValue header = in.atEnd() ? null : json(in.line(MAX_HEADER_BYTES, "envelope header"), "envelope header");
        if (header == null || header.getValueType() != JsonValue.ValueType.OBJECT) {
            throw Refused.badRequest("invalid envelope header: not a JSON object");
        }
        return new Envelope(in, header.asJsonObject());
    }

    public JsonObject header() {
        return header;
    }

    /** The event ID the envelope header names, or null. */
    public String eventId() {
        return header.get("event_id") instanceof JsonString s ? s.getString() : null;
    }

    /** The types of the items read so far, in order. */
    public List<String> itemTypes() {
        return List.copyOf(itemTypes);
    }

    /**
     * Reads the items to the end of the body.
     *
     * @return the event item's payload, or null when the envelope has none
     * @throws Refused 413 for an event item larger than {@code maxEventBytes}, 400 for a malformed
     *                 item or a second event item
     */
    public byte[] readItems(int maxEventBytes) {
        byte[] event = null;
        while (!in.atEnd()) {
            // blank lines between items are tolerated, as Relay does
            if (in.peek() == '\n' || in.peek() == '\r') {
                in.skip(1);
                continue;
            }
            JsonValue itemHeader = json(in.line(MAX_HEADER_BYTES, "item header"), "item header");
            if (itemHeader == null || itemHeader.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Refused.badRequest("invalid item header: not a JSON object");
            }
            JsonObject header = itemHeader.asJsonObject();
            if (!(header.get("type") instanceof JsonString typeName)) {
                throw Refused.badRequest("invalid item header: no type");
            }
            boolean isEvent = typeName.getString().equals("event");
            if (isEvent && event != null) {
                throw Refused.badRequest("duplicate event item: an envelope carries at most one event");
            }
            itemTypes.add(typeName.getString());
            JsonValue length = header.get("length");
            byte[] payload;
            if (length != null && length.getValueType() != JsonValue.ValueType.NULL) {
                if (!(length instanceof JsonNumber n) || !n.isIntegral() || n.bigIntegerValue().signum() < 0) {
                    throw Refused.badRequest("invalid item header: length is not a byte count");
                }
                long bytes = n.bigIntegerValue().bitLength() < 63 ? n.longValue() : Long.MAX_VALUE;
                if (isEvent && bytes > maxEventBytes) {
                    throw tooLarge(maxEventBytes);
                }
                payload = isEvent ? in.exactly((int) bytes) : null;
                if (!isEvent) {
                    in.skipExactly(bytes);
                }
                if (in.peek() == '\r') {
                    in.skip(1);
                }
                if (in.peek() == '\n') {
                    in.skip(1);
                }
            } else if (isEvent) {
                payload = in.line(maxEventBytes, null);
                if (payload == null) {
                    throw tooLarge(maxEventBytes);
                }
                if (payload.length > 0 && payload[payload.length - 1] == '\r') {
                    payload = Arrays.copyOf(payload, payload.length - 1);
                }
            } else {
                in.skipLine();
                payload = null;
            }
            if (isEvent) {
                event = payload;
            }
        }
        return event;
    }

    private static Refused tooLarge(int maxEventBytes) {
        return Refused.tooLarge("The event is larger than " + maxEventBytes + " bytes.");
    }

    private static JsonValue json(byte[] line, String what) {
        if (line.length == 0) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(line))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw Refused.badRequest("invalid " + what + ": not JSON");
        }
    }

    /** The body with a buffer of its own: lines, exact lengths and skips without holding what is skipped. */
    private static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private boolean eof;

        Input(InputStream in) {
            this.in = in;
        }

        private boolean fill() {
            if (position < limit) {
                return true;
            }
            if (eof) {
                return false;
            }
            try {
                int n;
                do {
                    n = in.read(buffer, 0, buffer.length);
                } while (n == 0);
                if (n < 0) {
                    eof = true;
                    return false;
                }
                position = 0;
                limit = n;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean atEnd() {
            return !fill();
        }

        int peek() {
            return fill() ? buffer[position] & 0xff : -1;
        }

        void skip(int n) {
            position += n;
        }

        /**
         * The bytes up to the next newline (consumed, not returned) or the end.
         *
         * @param what for a header line: longer than {@code max} is a 413 naming it; null: answer
         *             null instead, the caller names the limit
         */
        byte[] line(int max, String what) {
            byte[] out = new byte[Math.min(max, 512)];
            int size = 0;
            while (fill()) {
                int start = position;
                int end = start;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                int n = end - start;
                if ((long) size + n > max) {
                    if (what == null) {
                        return null;
                    }
                    throw Refused.tooLarge("The " + what + " is larger than " + max + " bytes.");
                }
                if (size + n > out.length) {
                    out = Arrays.copyOf(out, Math.min(max, Math.max(size + n, 2 * out.length)));
                }
                System.arraycopy(buffer, start, out, size, n);
                size += n;
                position = end;
                if (end < limit) {
                    position++;
                    break;
                }
            }
            return Arrays.copyOf(out, size);
        }

        void skipLine() {
            while (fill()) {
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                position = end;
                if (end < limit) {
                    position++;
                    return;
                }
            }
        }

        byte[] exactly(int n) {
            byte[] out = new byte[n];
            int size = 0;
            while (size < n) {
                if (!fill()) {
                    throw pastTheEnd(n);
                }
                int take = Math.min(n - size, limit - position);
                System.arraycopy(buffer, position, out, size, take);
                position += take;
                size += take;
            }
            return out;
        }

        void skipExactly(long n) {
            long left = n;
            while (left > 0) {
                if (!fill()) {
                    throw pastTheEnd(n);
                }
                int take = (int) Math.min(left, limit - position);
                position += take;
                left -= take;
            }
        }

        private static Refused pastTheEnd(long n) {
            return Refused.badRequest("invalid item: length " + n + " runs past the end of the envelope");
        }
    }
}
