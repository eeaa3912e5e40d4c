package dev.triage.platform;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers the errors the server raises before JAX-RS sees the request (web.xml maps them here),
 * in Sentry's format instead of the server's HTML page. The important one: MicroProfile JWT
 * rejects a bearer token that does not verify (signature, expiry, issuer, {@code alg: none}) with
 * a bare 401, which becomes {@code {"detail":"Invalid token"}}.
 */
@WebServlet("/errors/status")
public class ServletErrors extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String detail = switch (status) {
            case 401 -> request.getHeader("Authorization") == null
                    ? "Authentication credentials were not provided."
                    : "Invalid token";
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> ErrorMappers.NOT_FOUND;
            case 405 -> "Method not allowed.";
            case 413 -> "Request body too large.";
            default -> status >= 500 ? "Internal Error" : "Bad request.";
        };
        response.resetBuffer();
        response.setStatus(status);
        ApiHeaders.standard(methodsOf(request)).forEach(response::setHeader);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Invalid token".equals(detail)
                    ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.createObjectBuilder().add("detail", detail).build().toString());
    }

    /** The failed request's path decides the methods it allows, as {@link ApiHeaders} does. */
    private static String methodsOf(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "" : uri.toString();
        return path.matches(".*/(issues|groups)/[^/]+/?") ? "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
                : ApiHeaders.DEFAULT_METHODS;
    }
}
