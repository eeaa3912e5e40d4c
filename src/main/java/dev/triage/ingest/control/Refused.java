package dev.triage.ingest.control;

/**
 * Why an SDK's request is refused, as Sentry's ingestion answers it: a status (400, 403, 413, ...)
 * and a reason that goes into both {@code X-Sentry-Error} and the {@code {"detail": ...}} body.
 * Nothing of a refused request is stored.
 */
public class Refused extends RuntimeException {

    private final int status;

    public Refused(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }

    static Refused badRequest(String reason) {
        return new Refused(400, reason);
    }

    static Refused tooLarge(String reason) {
        return new Refused(413, reason);
    }

    static Refused forbidden(String reason) {
        return new Refused(403, reason);
    }
}
