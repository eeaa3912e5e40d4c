package dev.triage.platform;

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

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        standard(allowedMethods()).forEach(headers::putSingle);
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

    private String allowedMethods() {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(ApiMethods.class)) {
            return method.getAnnotation(ApiMethods.class).value();
        }
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (type != null && type.isAnnotationPresent(ApiMethods.class)) {
            return type.getAnnotation(ApiMethods.class).value();
        }
        return DEFAULT_METHODS;
    }
}
