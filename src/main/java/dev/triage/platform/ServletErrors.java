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

/**
 * Answers the errors the server raises before JAX-RS sees the request (web.xml maps them here),
 * in Sentry's format instead of the server's HTML page. The important one: MicroProfile JWT
 * rejects a bearer token that does not verify (signature, expiry, issuer, {@code alg: none}) with
 * a bare 401, which becomes {@code {"detail":"Invalid token"}}. Called directly (not as an error
 * page) the path is just one that does not exist: 404.
 */
@WebServlet("/errors/status")
public class ServletErrors extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ServletErrors.class.getName());

    @Inject
    ApiRoutes routes;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean errorPage = request.getDispatcherType() == DispatcherType.ERROR;
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = !errorPage ? 404 : code instanceof Integer i ? i : 500;
        String detail = switch (status) {
            case 401 -> request.getHeader("Authorization") == null
                    ? "Authentication credentials were not provided."
                    : "Invalid token";
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> ApiFailure.NOT_FOUND;
            case 405 -> "Method not allowed.";
            case 413 -> "Request body too large.";
            default -> status >= 500 ? internalError(request) : "Bad request.";
        };
        Object uri = errorPage ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : request.getRequestURI();
        String path = uri == null ? "" : uri.toString().substring(Math.min(uri.toString().length(),
                request.getContextPath().length()));
        response.resetBuffer();
        response.setStatus(status);
        ApiHeaders.standard(routes.methodsOf(path)).forEach(response::setHeader);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Invalid token".equals(detail)
                    ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(ApiFailure.of(status, detail).body().toString());
    }

    /** A failure outside JAX-RS: logged once with its trace and a reference the client also sees. */
    private static String internalError(HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference,
                failure instanceof Throwable t ? t : null);
        return "Internal Error (reference " + reference + ")";
    }
}
