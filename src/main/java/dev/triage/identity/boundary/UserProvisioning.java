package dev.triage.identity.boundary;

import dev.triage.identity.control.UserDirectory;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * After authentication, before the resource: the user of a verified token exists and is up to
 * date ({@link UserDirectory}), so that every endpoint finds them by the token's subject.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 100)
public class UserProvisioning implements ContainerRequestFilter {

    @Inject
    CurrentCaller current;

    @Inject
    UserDirectory users;

    @Override
    public void filter(ContainerRequestContext request) {
        current.token().ifPresent(jwt -> users.signIn(current.caller(), jwt::getClaim));
    }
}
