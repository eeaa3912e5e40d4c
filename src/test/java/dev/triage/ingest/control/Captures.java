package dev.triage.ingest.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

/**
 * Real SDK traffic, captured by pointing the Java SDK 8.63.0, @sentry/node 11.12.0 and sentry-cli
 * 3.8.0 at a local listener (src/test/resources/sdk-captures; the headers they sent are beside).
 */
final class Captures {

    private Captures() {}

    /** The body as sent (the Java SDK's is gzipped). */
    static byte[] raw(String path) {
        try (InputStream in = Captures.class.getResourceAsStream("/sdk-captures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope, decompressed. */
    static byte[] envelope(String path) {
        byte[] raw = raw(path);
        if (!path.endsWith(".gz")) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The capture's event, read the way ingestion reads it, received just after it was sent. */
    static IncomingEvent event(String path) {
        Envelope envelope = Envelope.open(new java.io.ByteArrayInputStream(envelope(path)));
        byte[] event = envelope.readItems(1024 * 1024);
        return EventReader.read(event, envelope.eventId(), "203.0.113.7", Instant.parse("2026-11-28T07:26:30Z"));
    }
}
