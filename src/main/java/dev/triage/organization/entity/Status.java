package dev.triage.organization.entity;

/** Sentry's status of an organization, project or team: removal only marks it. */
public final class Status {

    public static final String ACTIVE = "active";
    public static final String PENDING_DELETION = "pending_deletion";

    private Status() {}
}
