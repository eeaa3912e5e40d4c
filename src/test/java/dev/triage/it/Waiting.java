package dev.triage.it;

/** Pauses of the integration tests' polling loops and load clients. */
final class Waiting {

    private Waiting() {}

    /** Sleeps; an interrupt ends the test at once rather than letting a loop poll on until its deadline. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
