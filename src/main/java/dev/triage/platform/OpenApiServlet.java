package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /openapi}: the service's OpenAPI document as JSON (Payara's generated one is switched off). */
@WebServlet("/openapi")
public class OpenApiServlet extends HttpServlet {

    @Inject
    OpenApiDocument document;

    @Inject
    OpsEndpoints access;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!access.admit(request, response)) {
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(document.json());
    }
}
