package dev.triage.issue.control;

/** {@code If-Match} named a version of the issue that is no longer the current one. */
public class StaleIssueVersion extends RuntimeException {

    private final Long current;

    public StaleIssueVersion(Long current) {
        super("The issue was changed since the version named in If-Match", null, false, false);
        this.current = current;
    }

    /** The current version, when known. */
    public Long current() {
        return current;
    }
}
