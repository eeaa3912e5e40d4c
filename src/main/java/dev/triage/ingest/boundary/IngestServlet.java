package dev.triage.ingest.boundary;

import dev.triage.ingest.control.Ingestion;
import dev.triage.ingest.control.RateLimited;
import dev.triage.ingest.control.Refused;
import jakarta.inject.Inject;
import dev.triage.platform.JsonFactory;
import dev.triage.platform.Metrics;
import dev.triage.platform.RouteOfRequest;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Sentry SDKs send events: {@code POST /api/{project_id}/envelope/} and the legacy
 * {@code /store/}, outside the JWT-protected API (the project's client key is the credential; the
 * API's own servlet keeps {@code /api/0/}). A plain servlet, because these endpoints work on the
 * raw, possibly compressed and chunked body. Browsers post cross-origin, so preflights are answered.
 */
@WebServlet(name = "ingest", urlPatterns = "/api/*")
public class IngestServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(IngestServlet.class.getName());
    private static final Pattern PATH = Pattern.compile("^/([1-9][0-9]{0,17})/(envelope|store)/?$");
    static final String ALLOWED_HEADERS = "X-Sentry-Auth, X-Requested-With, Origin, Accept, Content-Type,"
            + " Content-Encoding, Authorization, Authentication, sentry-trace, baggage";

    /** Events accepted and requests refused, for /metrics (rates come from Prometheus). */
    @Inject
    Metrics metrics;

    @Inject
    Ingestion ingestion;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors(request, response);
        Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.matches()) {
            answer(response, 404, JsonFactory.JSON.createObjectBuilder().add("detail", "The requested resource does not exist"));
            return;
        }
        switch (request.getMethod()) {
            case "OPTIONS" -> {
                response.setHeader("Allow", "POST, OPTIONS");
                response.setStatus(200);
            }
            case "POST" -> post(request, response, Long.parseLong(path.group(1)), path.group(2));
            default -> {
                response.setHeader("Allow", "POST, OPTIONS");
                answer(response, 405, JsonFactory.JSON.createObjectBuilder()
                        .add("detail", "Method \"" + request.getMethod() + "\" not allowed."));
            }
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response, long projectId, String endpoint)
            throws IOException {
        request.setAttribute(RouteOfRequest.ATTRIBUTE, "/api/{project_id}/" + endpoint + "/");
        Ingestion.Request ingest = new Ingestion.Request(projectId, request.getHeader("X-Sentry-Auth"),
                request.getHeader("Authorization"), request.getQueryString(), request.getHeader("Content-Encoding"),
                request.getRemoteAddr());
        try {
            Ingestion.Accepted accepted = endpoint.equals("envelope")
                    ? ingestion.envelope(ingest, request.getInputStream())
                    : ingestion.storeEvent(ingest, request.getInputStream());
            JsonObjectBuilder body = JsonFactory.JSON.createObjectBuilder();
            if (accepted.eventId() != null) {
                body.add("id", accepted.eventId());
                metrics.counter("triage_events_accepted", "Events from SDKs stored").increment();
            }
            answer(response, 200, body);
        } catch (Refused refused) {
            metrics.counter("triage_events_refused", "SDK requests refused, by status", "status",
                    Integer.toString(refused.status())).increment();
            refuse(response, refused);
        } catch (UncheckedIOException e) {
            // the client went away or sent a broken body
            refuse(response, new Refused(400, "the request body could not be read"));
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure while ingesting, reference " + reference, e);
            answer(response, 500, JsonFactory.JSON.createObjectBuilder().add("detail", "Internal Error (reference " + reference + ")"));
        }
    }

    private static void refuse(HttpServletResponse response, Refused refused) throws IOException {
        response.setHeader("X-Sentry-Error", refused.reason());
        if (refused.status() == 503) {
            response.setHeader("Retry-After", "10");
        }
        if (refused instanceof RateLimited limited) {
            response.setHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            response.setHeader("X-Sentry-Rate-Limits", limited.rateLimitsHeader());
        }
        answer(response, refused.status(), JsonFactory.JSON.createObjectBuilder().add("detail", refused.reason()));
    }

    private static void cors(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        response.setHeader("Access-Control-Allow-Origin", origin == null ? "*" : origin);
        response.setHeader("Vary", "Origin");
        response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.setHeader("Access-Control-Expose-Headers", "X-Sentry-Error, X-Sentry-Rate-Limits, Retry-After");
        response.setHeader("Access-Control-Max-Age", "3600");
    }

    private static void answer(HttpServletResponse response, int status, JsonObjectBuilder body) throws IOException {
        byte[] bytes = body.build().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
