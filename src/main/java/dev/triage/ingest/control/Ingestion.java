package dev.triage.ingest.control;

import dev.triage.clientkey.control.KeyQuotas;
import dev.triage.clientkey.control.KeyRegistry;
import dev.triage.clientkey.control.KeysUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the SDK endpoints do (§2 and §3 of SENTRY-INGEST.md): authenticate the project key, decode
 * and parse the body as a stream within Sentry's limits (holding at most the one event item, not
 * the body), read the event, and store it durably before the answer. Items other than events are accepted and dropped. Every refusal happens before anything
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
    KeyQuotas quotas;

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

    /**
     * Event JSON being parsed at once, at most: a parsed event takes up to about 40 times its size
     * in heap (a megabyte of small breadcrumb objects makes a tree of some 40 MiB), so this bounds
     * what parsing needs whatever the number of senders; jvm.options' heap ceiling counts on it.
     */
    @Inject
    @ConfigProperty(name = "ingest.max.parsing.bytes", defaultValue = "2097152")
    int maxParsingBytes;

    private Semaphore parsingKib;

    @PostConstruct
    void init() {
        parsingKib = new Semaphore(Math.max(1, maxParsingBytes / 1024), true);
    }

    /**
     * {@code POST /api/{project}/envelope/}. The body is decoded and read as a stream: the key is
     * checked once the envelope header is read, then the items are read to the end, keeping only
     * the event's payload; it is stored only when the whole envelope was read without a refusal.
     */
    public Accepted envelope(Request request, InputStream body) {
        String early = SentryAuth.publicKey(request.sentryAuth(), request.authorization(), request.query(), null);
        KeyRegistry.Grant grant = early == null ? null : authenticate(request.projectId(), early);
        try (InputStream decoded = decoder().open(body, request.contentEncoding())) {
            Envelope envelope = Envelope.open(decoded);
            String dsn = envelope.header().get("dsn") instanceof jakarta.json.JsonString s ? s.getString() : null;
            String key = SentryAuth.publicKey(request.sentryAuth(), request.authorization(), request.query(), dsn);
            if (early == null) {
                grant = authenticate(request.projectId(), key);
            }
            String headerId = envelope.eventId() == null ? null : EventReader.eventId(envelope.eventId());
            byte[] eventItem = envelope.readItems(maxEventBytes);
            if (eventItem == null) {
                return new Accepted(headerId);
            }
            IncomingEvent event = read(eventItem, headerId, request.clientIp());
            withinRateLimit(grant);
            store.store(request.projectId(), event);
            return new Accepted(event.eventId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /api/{project}/store/}: the legacy endpoint, one bare event JSON. */
    public Accepted storeEvent(Request request, InputStream body) {
        String key = SentryAuth.publicKey(request.sentryAuth(), request.authorization(), request.query(), null);
        KeyRegistry.Grant grant = authenticate(request.projectId(), key);
        byte[] payload;
        try (InputStream decoded = decoder().open(body, request.contentEncoding())) {
            payload = decoded.readNBytes(maxEventBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (payload.length > maxEventBytes) {
            throw Refused.tooLarge("The event is larger than " + maxEventBytes + " bytes.");
        }
        IncomingEvent event = read(payload, null, request.clientIp());
        withinRateLimit(grant);
        store.store(request.projectId(), event);
        return new Accepted(event.eventId());
    }

    private KeyRegistry.Grant authenticate(long projectId, String publicKey) {
        if (publicKey == null) {
            throw Refused.forbidden("missing authorization information");
        }
        KeyRegistry.Grant grant = grantOf(publicKey);
        if (grant == null) {
            throw Refused.forbidden("invalid api key");
        }
        if (!grant.active()) {
            throw Refused.forbidden("project key disabled");
        }
        if (grant.projectId() != projectId) {
            throw Refused.forbidden("project id mismatch: the key belongs to another project");
        }
        return grant;
    }

    private KeyRegistry.Grant grantOf(String publicKey) {
        try {
            return keys.grantOf(publicKey);
        } catch (KeysUnavailable e) {
            throw unavailable(e);
        }
    }

    /**
     * Counts the event against its key's rate limit (only a valid event that would be stored
     * counts); past the limit it is refused with 429 and stored nowhere.
     */
    private void withinRateLimit(KeyRegistry.Grant grant) {
        KeyQuotas.Exhausted exhausted;
        try {
            exhausted = quotas.take(grant);
        } catch (KeysUnavailable e) {
            throw unavailable(e);
        }
        if (exhausted != null) {
            throw new RateLimited(exhausted);
        }
    }

    private static Refused unavailable(KeysUnavailable e) {
        java.util.logging.Logger.getLogger(Ingestion.class.getName()).warning(() -> e.getMessage() + "; answered 503");
        return new Refused(503, "the service cannot check the key now; retry later");
    }

    /** Reads the event within the parsing budget; waits for room, and answers 503 when there is none in time. */
    private IncomingEvent read(byte[] payload, String headerId, String clientIp) {
        int kib = Math.min(Math.max(1, payload.length / 1024), Math.max(1, maxParsingBytes / 1024));
        try {
            if (!parsingKib.tryAcquire(kib, EventStore.WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Refused(503, "the service is overloaded; retry later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "the service is stopping; retry later");
        }
        try {
            return EventReader.read(payload, headerId, clientIp, Instant.now(clock));
        } finally {
            parsingKib.release(kib);
        }
    }

    private BodyDecoder decoder() {
        return new BodyDecoder(maxCompressed, maxDecompressed);
    }
}
