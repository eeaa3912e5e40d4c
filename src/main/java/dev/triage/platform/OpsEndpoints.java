package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read {@code /metrics} and {@code /openapi}: anyone who reaches the service (the default,
 * meant for a cluster-internal network), or, once {@code OPS_ENDPOINTS_TOKEN} is set, only a
 * request with {@code Authorization: Bearer <that token>} (what Prometheus' {@code authorization}
 * scrape setting sends). Health stays open: orchestrators probe it without credentials.
 */
@ApplicationScoped
public class OpsEndpoints {

    @Inject
    @ConfigProperty(name = "ops.endpoints.token")
    Optional<String> token;

    /** True when the request may proceed; otherwise a 401 has been written. */
    boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> required = token.filter(t -> !t.isBlank());
        if (required.isEmpty()) {
            return true;
        }
        String presented = BearerToken.parse(request.getHeader("Authorization")).orElse("");
        if (MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), required.get().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/json");
        response.getWriter().write(presented.isEmpty()
                ? "{\"detail\":\"Authentication credentials were not provided.\"}"
                : "{\"detail\":\"Invalid token\"}");
        return false;
    }
}
