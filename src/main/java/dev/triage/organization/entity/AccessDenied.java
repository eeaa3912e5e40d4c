package dev.triage.organization.entity;

/**
 * The caller is a member of the organization, but neither their role nor their token allows this
 * (Sentry's 403 "You do not have permission to perform this action.").
 */
public class AccessDenied extends RuntimeException {

    public AccessDenied(String why) {
        super(why, null, false, false);
    }
}
