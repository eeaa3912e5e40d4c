package dev.triage.ingest.control;

/** A counter batch committed: {@code events} stored events were added to their issues. */
public record EventsCounted(int events) {}
