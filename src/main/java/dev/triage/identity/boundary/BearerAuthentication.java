package dev.triage.identity.boundary;

import dev.triage.identity.control.Scope;
import dev.triage.platform.ApiFailure;
import dev.triage.platform.JwtTrust;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Enforces {@link RequiresScope}: no credentials is 401 "not provided", credentials that
 * MicroProfile JWT did not accept (bad signature, expired, wrong issuer, unsigned, not a bearer
 * token, or no trusted key configured at all) are 401 "Invalid token", and a missing scope is 403.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class BearerAuthentication implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    CurrentCaller current;

    @Inject
    JwtTrust trust;

    @Override
    public void filter(ContainerRequestContext request) {
        RequiresScope required = resource.getResourceMethod() == null
                ? null
                : resource.getResourceMethod().getAnnotation(RequiresScope.class);
        if (required == null) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw ApiFailure.notAuthenticated();
        }
        if (!trust.configured() || !current.authenticated()) {
            throw ApiFailure.invalidToken();
        }
        Scope scope = required.value();
        if (!current.caller().has(scope)) {
            throw ApiFailure.insufficientScope(scope.value());
        }
    }
}
