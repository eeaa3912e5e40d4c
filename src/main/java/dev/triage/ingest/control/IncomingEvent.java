package dev.triage.ingest.control;

import java.time.Instant;
import java.util.List;

/**
 * An event as ingestion stores it: the normalised payload and every value the issue and the
 * queries need, computed once when it arrives.
 *
 * @param userKey the first present of user id, username, email, IP as Sentry's {@code user} tag
 *                writes it ({@code id:42}), or null
 * @param tags    tag key/value pairs, each key once
 */
public record IncomingEvent(
        String eventId,
        Instant occurredAt,
        Instant receivedAt,
        String level,
        String platform,
        String logger,
        String release,
        String environment,
        String userKey,
        EventSummary summary,
        String message,
        String hash,
        boolean unhandled,
        List<Tag> tags,
        String payload,
        int size) {

    public record Tag(String key, String value) {}
}
