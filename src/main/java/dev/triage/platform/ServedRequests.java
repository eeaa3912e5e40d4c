package dev.triage.platform;

import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What an operator sees of every answered HTTP request: its latency in the
 * {@code http_server_requests_seconds} histogram by route, method and status, and, when
 * {@code ACCESS_LOG=true}, one access log line. Two places answer requests: the web container
 * ({@link RequestObserver}, for everything that reaches a servlet) and the HTTP server's parser
 * ({@link HttpParserErrors}, for requests refused before the web container, under
 * {@link #UNPARSED}).
 */
@ApplicationScoped
public class ServedRequests {

    /** The route of requests the HTTP server refused while parsing them: they never got one. */
    static final String UNPARSED = "unparsed";

    private static final Logger ACCESS = Logger.getLogger("dev.triage.access");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Inject
    Metrics metrics;

    @Inject
    @ConfigProperty(name = "access.log", defaultValue = "false")
    boolean accessLog;

    /** One time series of the histogram; bounded: routes (or "unmatched") times methods times statuses. */
    private record Series(String route, String method, int status) {}

    /** Each series' timer, found once: asking the registry per request cost about 1 % of a PUT's CPU. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    /**
     * Records one answered request.
     *
     * @param route  a route template, an own path, "unmatched" or {@link #UNPARSED}: never a raw path
     * @param method as received; anything but the standard methods counts as {@code OTHER}
     * @param path   as received, for the access log only
     */
    void record(String client, String method, String route, String path, int status, long nanos) {
        String counted = method != null && METHODS.contains(method) ? method : "OTHER";
        timers.computeIfAbsent(new Series(route, counted, status), series -> metrics.timer("http_server_requests",
                "HTTP requests by route template, method and status",
                "route", route, "method", counted, "status", Integer.toString(status)))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (accessLog) {
            ACCESS.info(() -> String.format("%s \"%s %s\" %d %.1f ms", client, counted, printable(path), status,
                    nanos / 1e6));
        }
    }

    /** Longer paths are cut in the access log (a refused request line may be 64 KB). */
    static final int LOGGED_PATH_CHARS = 2048;

    /**
     * The path with control characters, non-ASCII characters and quotes escaped ({@code \xNN}, the
     * character's low byte): a path the parser refused is raw bytes, and must not forge a log line.
     */
    static String printable(String path) {
        if (path == null || path.isEmpty()) {
            return "-";
        }
        if (path.length() > LOGGED_PATH_CHARS) {
            return printable(path.substring(0, LOGGED_PATH_CHARS)) + "...";
        }
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean plain = c > 0x20 && c < 0x7f && c != '"' && c != '\\';
            if (!plain && out == null) {
                out = new StringBuilder(path.length() + 16).append(path, 0, i);
            }
            if (out != null) {
                if (plain) {
                    out.append(c);
                } else {
                    out.append(String.format("\\x%02x", c & 0xff));
                }
            }
        }
        return out == null ? path : out.toString();
    }
}
