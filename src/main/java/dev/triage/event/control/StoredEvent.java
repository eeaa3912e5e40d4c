package dev.triage.event.control;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** An event as it was stored, with the columns the views need and the payload. */
public record StoredEvent(long projectId, long issueId, String eventId, String hash, Instant occurredAt,
                          Instant receivedAt, String title, String culprit, String message, String platform,
                          String release, List<List<String>> tags, int size, JsonObject payload) {}
