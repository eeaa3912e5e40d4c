package dev.triage.organization.entity;

/**
 * An organization, project, team or member that does not exist for this caller: never there,
 * removed, or of an organization the caller is not a member of. All look the same (404), so
 * another tenant's names cannot be probed.
 */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what, null, false, false);
    }
}
