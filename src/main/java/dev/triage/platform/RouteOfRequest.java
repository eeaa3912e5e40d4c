package dev.triage.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Names the matched route of an API request (its clean template) for {@link RequestObserver},
 * which sees every request but not JAX-RS' matching: a servlet request attribute.
 */
@Provider
public class RouteOfRequest implements ContainerRequestFilter {

    /** Servlets outside JAX-RS name their route here too (the ingestion endpoints). */
    public static final String ATTRIBUTE = "dev.triage.route";

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() != null) {
            var parameters = request.getUriInfo().getPathParameters();
            servletRequest.setAttribute(ATTRIBUTE, RouteTemplates.of(resource.getResourceClass(),
                    resource.getResourceMethod(), parameters::getFirst));
        }
    }
}
