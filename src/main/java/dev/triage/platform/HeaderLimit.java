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
import java.util.Collections;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request line and headers larger than {@code max.header.bytes} are refused with 431 in
 * Sentry's format, and the connection closed, before anything reads the request. The HTTP
 * server's own hard limit (pre-boot-commands.asadmin) is set above this one, so that the answer
 * is ours up to that limit.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST)
public class HeaderLimit extends HttpFilter {

    @Inject
    @ConfigProperty(name = "max.header.bytes", defaultValue = "32768")
    int maxHeaderBytes;

    @Inject
    ApiRoutes routes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ApiFailure refused = refusal(request, maxHeaderBytes);
        if (refused == null) {
            chain.doFilter(request, response);
        } else {
            refused.write(response, routes.methodsOf(request.getRequestURI().substring(request.getContextPath().length())));
        }
    }

    /** Why the request must be refused before it is read, or null. */
    static ApiFailure refusal(HttpServletRequest request, int maxHeaderBytes) {
        if (headerBytes(request) > maxHeaderBytes) {
            return ApiFailure.of(431, "The request line and headers are larger than " + maxHeaderBytes + " bytes.")
                    .withHeader("Connection", "close");
        }
        return null;
    }

    /** The request line and header fields as sent, give or take whitespace. */
    static long headerBytes(HttpServletRequest request) {
        long bytes = request.getMethod().length() + request.getRequestURI().length() + 11;
        if (request.getQueryString() != null) {
            bytes += request.getQueryString().length() + 1;
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                bytes += name.length() + value.length() + 4;
            }
        }
        return bytes;
    }
}
