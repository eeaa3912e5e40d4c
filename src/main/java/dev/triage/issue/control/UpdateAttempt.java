package dev.triage.issue.control;

import java.util.List;

/**
 * One attempt of an update as {@link UpdateRetries} runs them: whether it locks the issues' rows
 * before reading them (a retry), which issues the attempt before it found, and which it finds
 * itself. A retry of a one-issue update locks the issue the failed attempt found by its id instead
 * of finding it again first: the same caller's attempt in this same request has just found it
 * visible, and the update reads it again after the lock anyway. Measured with {@code mvn -Pbench},
 * 16 clients on one issue: about half of the PUTs lose a race and retry, and finding the issue
 * again was a whole lookup query (the issue with everything its view shows) each time.
 */
public final class UpdateAttempt {

    private final boolean locked;
    private final List<Long> foundBefore;
    private List<Long> found = List.of();

    private UpdateAttempt(boolean locked, List<Long> foundBefore) {
        this.locked = locked;
        this.foundBefore = foundBefore;
    }

    /** The first attempt: optimistic, no lock. */
    static UpdateAttempt first() {
        return new UpdateAttempt(false, List.of());
    }

    /** The attempt after this one: locked, knowing what this one found. */
    UpdateAttempt next() {
        return new UpdateAttempt(true, found);
    }

    /** Whether this attempt locks the rows of its issues before reading them. */
    boolean locked() {
        return locked;
    }

    /** The ids of the issues the attempt before this one found, in id order (empty on the first attempt). */
    List<Long> foundBefore() {
        return foundBefore;
    }

    /** Records the issues this attempt found, for the attempt after it. */
    void found(List<Long> issueIds) {
        this.found = issueIds.stream().sorted().toList();
    }
}
