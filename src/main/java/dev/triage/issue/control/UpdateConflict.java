package dev.triage.issue.control;

/** Concurrent writers kept changing the issue until the retries ran out. */
public class UpdateConflict extends RuntimeException {

    public UpdateConflict(int attempts, Throwable last) {
        super("The issue is being changed by others; tried " + attempts + " times. Try again.", last, false, false);
    }
}
