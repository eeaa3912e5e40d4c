package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /metrics}: Prometheus' text format (Payara's own metrics endpoint is switched off). */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    Metrics metrics;

    @Inject
    OpsEndpoints access;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!access.admit(request, response)) {
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.getWriter().write(metrics.scrape());
    }
}
