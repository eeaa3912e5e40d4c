package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * OPTIONS on any route of the API: 200 without a body or credentials (a browser's CORS preflight
 * carries none), before JAX-RS matches a resource or checks a token. {@link ApiHeaders} adds
 * {@code Allow} and the CORS headers from {@link ApiRoutes}, so no resource declares OPTIONS
 * itself. A path that is no route goes on to JAX-RS and is a 404 like any other method's.
 */
@Provider
@PreMatching
public class ApiOptions implements ContainerRequestFilter {

    @Inject
    ApiRoutes routes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())
                && routes.route(request.getUriInfo().getPath()).isPresent()) {
            request.abortWith(Response.ok().build());
        }
    }
}
