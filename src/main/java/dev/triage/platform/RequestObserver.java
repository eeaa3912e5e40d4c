package dev.triage.platform;

import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every HTTP request, once: its latency into the {@code http_server_requests_seconds} histogram
 * by route template, method and status, and, when {@code ACCESS_LOG=true}, one access log line.
 * Paths that match no route are counted under {@code route="unmatched"} so that scanners cannot
 * blow up the number of series.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST, asyncSupported = true)
public class RequestObserver extends HttpFilter {

    private static final Logger ACCESS = Logger.getLogger("dev.triage.access");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** The service's own endpoints outside the API, counted by their path. */
    private static final Set<String> OWN_PATHS = Set.of("/metrics", "/openapi", "/health", "/health/live",
            "/health/ready", "/health/started");

    @Inject
    Metrics metrics;

    /** One time series of the histogram; bounded: routes (or "unmatched") times methods times statuses. */
    private record Series(String route, String method, int status) {}

    /** Each series' timer, found once: asking the registry per request cost about 1 % of a PUT's CPU. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "access.log", defaultValue = "false")
    boolean accessLog;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            long nanos = System.nanoTime() - start;
            String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
            String route = route(request);
            int code = status;
            timers.computeIfAbsent(new Series(route, method, status), series -> metrics.timer("http_server_requests",
                    "HTTP requests by route template, method and status",
                    "route", route, "method", method, "status", Integer.toString(code)))
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (accessLog) {
                ACCESS.info(() -> String.format("%s \"%s %s\" %d %.1f ms", request.getRemoteAddr(), method,
                        request.getRequestURI(), code, nanos / 1e6));
            }
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
