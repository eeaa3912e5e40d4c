package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/** The headers Sentry's API sends on every answer (its documented example), errors included. */
@Provider
public class ApiHeaders implements ContainerResponseFilter {

    public static final String DEFAULT_METHODS = "GET, HEAD, OPTIONS";

    @Context
    ResourceInfo resource;

    @Inject
    ApiRoutes routes;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        standard(allowedMethods(request)).forEach(headers::putSingle);
    }

    /** The headers, in Sentry's order, for an answer on a path that allows {@code methods}. */
    public static java.util.Map<String, String> standard(String methods) {
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("Allow", methods);
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Methods", methods);
        headers.put("Access-Control-Allow-Headers",
                "X-Sentry-Auth, X-Requested-With, Origin, Accept, Content-Type, Authentication, Authorization,"
                        + " Content-Encoding, If-Match, sentry-trace, baggage");
        headers.put("Access-Control-Expose-Headers", "X-Sentry-Error, Retry-After");
        headers.put("Vary", "Accept-Language, Cookie");
        headers.put("Content-Language", "en");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "deny");
        headers.put("X-XSS-Protection", "1; mode=block");
        return headers;
    }

    /**
     * The methods of the route the request took: looked up by the resource method JAX-RS chose;
     * by path where none was chosen (OPTIONS, a method the path does not allow: 405, no route: 404).
     */
    private String allowedMethods(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        String methods = method == null ? null : routes.methodsOf(method);
        if (methods != null) {
            return methods;
        }
        return routes.route(request.getUriInfo().getPath()).map(ApiRoutes.Route::methods).orElse(DEFAULT_METHODS);
    }
}
