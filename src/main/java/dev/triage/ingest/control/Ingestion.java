package dev.triage.ingest.control;

import dev.triage.clientkey.control.KeyRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the SDK endpoints do (§2 and §3 of SENTRY-INGEST.md): authenticate the project key, decode
 * and parse the body within Sentry's limits, read the event, and store it durably before the
 * answer. Items other than events are accepted and dropped. Every refusal happens before anything
 * is written.
 */
@ApplicationScoped
public class Ingestion {

    /** What the request brought, apart from its body. */
    public record Request(long projectId, String sentryAuth, String authorization, String query,
                          String contentEncoding, String clientIp) {}

    /** The event ID to answer with (null: none, the envelope held no event). */
    public record Accepted(String eventId) {}

    @Inject
    KeyRegistry keys;

    @Inject
    EventStore store;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ingest.max.compressed.bytes", defaultValue = "20971520")
    long maxCompressed;

    @Inject
    @ConfigProperty(name = "ingest.max.decompressed.bytes", defaultValue = "104857600")
    long maxDecompressed;

    @Inject
    @ConfigProperty(name = "ingest.max.event.bytes", defaultValue = "1048576")
    int maxEventBytes;

    /** {@code POST /api/{project}/envelope/}. */
    public Accepted envelope(Request request, InputStream body) {
        String early = SentryAuth.publicKey(request.sentryAuth(), request.authorization(), request.query(), null);
        if (early != null) {
            authenticate(request.projectId(), early);
        }
        Envelope envelope = Envelope.parse(decode(request, body));
        String dsn = envelope.header().get("dsn") instanceof jakarta.json.JsonString s ? s.getString() : null;
        String key = SentryAuth.publicKey(request.sentryAuth(), request.authorization(), request.query(), dsn);
        if (early == null) {
            authenticate(request.projectId(), key);
        }
        String headerId = envelope.eventId() == null ? null : EventReader.eventId(envelope.eventId());
        Envelope.Item eventItem = null;
        for (Envelope.Item item : envelope.items()) {
            if (item.type().equals("event")) {
                if (eventItem != null) {
                    throw Refused.badRequest("duplicate event item: an envelope carries at most one event");
                }
                eventItem = item;
            }
        }
        if (eventItem == null) {
            return new Accepted(headerId);
        }
        if (eventItem.length() > maxEventBytes) {
            throw Refused.tooLarge("The event is larger than " + maxEventBytes + " bytes.");
        }
        IncomingEvent event = EventReader.read(eventItem.payload(), eventItem.length(), headerId, request.clientIp(),
                Instant.now(clock));
        store.store(request.projectId(), event);
        return new Accepted(event.eventId());
    }

    /** {@code POST /api/{project}/store/}: the legacy endpoint, one bare event JSON. */
    public Accepted storeEvent(Request request, InputStream body) {
        String key = SentryAuth.publicKey(request.sentryAuth(), request.authorization(), request.query(), null);
        authenticate(request.projectId(), key);
        byte[] payload = decode(request, body);
        if (payload.length > maxEventBytes) {
            throw Refused.tooLarge("The event is larger than " + maxEventBytes + " bytes.");
        }
        Instant now = Instant.now(clock);
        IncomingEvent event = EventReader.read(new java.io.ByteArrayInputStream(payload), payload.length, null,
                request.clientIp(), now);
        store.store(request.projectId(), event);
        return new Accepted(event.eventId());
    }

    private void authenticate(long projectId, String publicKey) {
        if (publicKey == null) {
            throw Refused.forbidden("missing authorization information");
        }
        KeyRegistry.Grant grant = keys.grantOf(publicKey);
        if (grant == null) {
            throw Refused.forbidden("invalid api key");
        }
        if (!grant.active()) {
            throw Refused.forbidden("project key disabled");
        }
        if (grant.projectId() != projectId) {
            throw Refused.forbidden("project id mismatch: the key belongs to another project");
        }
    }

    private byte[] decode(Request request, InputStream body) {
        try {
            return new BodyDecoder(maxCompressed, maxDecompressed).decode(body, request.contentEncoding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
