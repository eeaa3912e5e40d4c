package dev.triage.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's one error type: a status, a body in Sentry's format ({@code {"detail": ...}} or a
 * field dictionary) and extra headers. The platform throws it for failures of the request itself
 * (authentication, protocol, body); a feature maps its own exceptions to it in its boundary, so
 * the platform never needs to know a feature's failures.
 */
public class ApiFailure extends RuntimeException {

    /** The one answer for anything the caller may not see or that does not exist (tenants cannot probe). */
    public static final String NOT_FOUND = "The requested resource does not exist";

    private final int status;
    private final transient JsonObject body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiFailure(int status, JsonObject body) {
        super(body.toString(), null, false, false);
        this.status = status;
        this.body = body;
    }

    /** {@code {"detail": detail}} with {@code status}. */
    public static ApiFailure of(int status, String detail) {
        return new ApiFailure(status, JsonFactory.JSON.createObjectBuilder().add("detail", detail).build());
    }

    /** A field dictionary such as {@code {"status": ["\"foo\" is not a valid choice."]}}, answered 400. */
    public static ApiFailure fields(JsonObject errors) {
        return new ApiFailure(400, errors);
    }

    /** The same from messages per field, as a feature's validation collects them. */
    public static ApiFailure fields(Map<String, ? extends List<String>> messages) {
        JsonObjectBuilder errors = JsonFactory.JSON.createObjectBuilder();
        messages.forEach((field, texts) -> errors.add(field, JsonFactory.JSON.createArrayBuilder(texts)));
        return fields(errors.build());
    }

    public static ApiFailure notFound() {
        return of(404, NOT_FOUND);
    }

    /** Django REST framework's words, which Sentry answers with: {@code Method "POST" not allowed.} */
    public static ApiFailure methodNotAllowed(String method) {
        return of(405, "Method \"" + method + "\" not allowed.");
    }

    public static ApiFailure notAuthenticated() {
        return of(401, "Authentication credentials were not provided.").withHeader("WWW-Authenticate", "Bearer");
    }

    public static ApiFailure invalidToken() {
        return of(401, "Invalid token").withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    public static ApiFailure insufficientScope(String scope) {
        return of(403, "You do not have permission to perform this action.")
                .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    public ApiFailure withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public JsonObject body() {
        return body;
    }

    /** The extra headers (besides the standard ones). */
    Map<String, String> headers() {
        return headers;
    }

    /** The answer outside JAX-RS (servlet filters, error pages), with the standard headers for {@code methods}. */
    void write(jakarta.servlet.http.HttpServletResponse response, String methods) throws java.io.IOException {
        response.resetBuffer();
        response.setStatus(status);
        ApiHeaders.standard(methods).forEach(response::setHeader);
        headers.forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }

    /** The answer: status, JSON body, extra headers (the standard ones are added by {@link ApiHeaders}). */
    public Response response() {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        headers.forEach(response::header);
        return response.build();
    }
}
