package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Every HTTP request that reaches the web container, once: its latency by route template, method
 * and status, and its access log line ({@link ServedRequests}). Paths that match no route are
 * counted under {@code route="unmatched"} so that scanners cannot blow up the number of series.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST, asyncSupported = true)
public class RequestObserver extends HttpFilter {

    /** The service's own endpoints outside the API, counted by their path. */
    private static final Set<String> OWN_PATHS = Set.of("/metrics", "/openapi", "/health", "/health/live",
            "/health/ready", "/health/started");

    @Inject
    ServedRequests served;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            served.record(request.getRemoteAddr(), request.getMethod(), route(request), request.getRequestURI(), status,
                    System.nanoTime() - start);
        }
    }

    private static String route(HttpServletRequest request) {
        Object matched = request.getAttribute(RouteOfRequest.ATTRIBUTE);
        if (matched != null) {
            return matched.toString();
        }
        String path = request.getRequestURI();
        return OWN_PATHS.contains(path) ? path : "unmatched";
    }
}
