package dev.triage.platform;

/**
 * A start that cannot work (no database, an unreadable key) ends the process with exit code 3,
 * so an orchestrator sees the failure instead of a server that answers 404 or 401 to everything.
 */
final class StartupFailure {

    static final int EXIT_CODE = 3;

    private StartupFailure() {}

    /** Exits shortly, after the failed deployment has been reported, not from inside it. */
    static void exitSoon() {
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(EXIT_CODE);
        }, "exit-on-startup-failure");
        exit.start();
    }
}
