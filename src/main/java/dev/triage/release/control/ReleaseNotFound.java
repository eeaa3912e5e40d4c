package dev.triage.release.control;

/** No such release in the organization, or none of its projects is the caller's to see (404). */
public class ReleaseNotFound extends RuntimeException {

    public ReleaseNotFound() {
        super(null, null, false, false);
    }
}
