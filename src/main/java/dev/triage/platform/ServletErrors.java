package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers the errors the server raises before JAX-RS sees the request (web.xml maps them here),
 * in Sentry's format instead of the server's HTML page. The important one: MicroProfile JWT
 * rejects a bearer token that does not verify (signature, expiry, issuer, {@code alg: none}) with
 * a bare 401, which becomes {@code {"detail":"Invalid token"}}. A request {@link HeaderLimit}
 * refuses gets that answer here too (the token check runs before the guard). Called directly
 * (not as an error page) the path is just one that does not exist: 404.
 */
@WebServlet("/errors/status")
public class ServletErrors extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ServletErrors.class.getName());

    @Inject
    ApiRoutes routes;

    @Inject
    DatabaseAvailability database;

    @Inject
    @ConfigProperty(name = "max.header.bytes", defaultValue = "32768")
    int maxHeaderBytes;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean errorPage = request.getDispatcherType() == DispatcherType.ERROR;
        Object uri = errorPage ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : request.getRequestURI();
        String path = uri == null ? "" : uri.toString().substring(Math.min(uri.toString().length(),
                request.getContextPath().length()));
        ApiFailure answer = errorPage ? HeaderLimit.refusal(request, maxHeaderBytes) : null;
        if (answer == null) {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            answer = !errorPage ? ApiFailure.notFound()
                    : failure instanceof Throwable t && DatabaseAvailability.isOutage(t) ? database.outage(t)
                    : answer(request);
        }
        answer.write(response, routes.methodsOf(path));
    }

    private static ApiFailure answer(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        return switch (status) {
            case 401 -> request.getHeader("Authorization") == null ? ApiFailure.notAuthenticated() : ApiFailure.invalidToken();
            case 403 -> ApiFailure.of(403, "You do not have permission to perform this action.");
            case 404 -> ApiFailure.notFound();
            case 405 -> ApiFailure.methodNotAllowed(request.getMethod());
            case 413 -> ApiFailure.of(413, "Request body too large.");
            default -> status >= 500 ? internalError(request) : ApiFailure.of(status, "Bad request.");
        };
    }

    /** A failure outside JAX-RS: logged once with its trace and a reference the client also sees. */
    private static ApiFailure internalError(HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, failure instanceof Throwable t ? t : null);
        return ApiFailure.of(500, "Internal Error (reference " + reference + ")");
    }
}
