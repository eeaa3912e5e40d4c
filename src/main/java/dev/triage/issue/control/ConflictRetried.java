package dev.triage.issue.control;

/**
 * An update collided with a concurrent one (an optimistic-lock conflict): it was re-applied, or,
 * when {@code gaveUp}, the retries ran out and the client gets 409.
 */
public record ConflictRetried(boolean gaveUp) {}
