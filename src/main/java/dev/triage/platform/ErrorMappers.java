package dev.triage.platform;

import dev.triage.issue.entity.IssueNotFound;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Exception families to Sentry's error bodies. Nothing here leaks a class name, SQL or a trace. */
public final class ErrorMappers {

    static final String NOT_FOUND = "The requested resource does not exist";

    private ErrorMappers() {}

    public static Response detail(int status, String detail) {
        JsonObject body = Json.createObjectBuilder().add("detail", detail).build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    @Provider
    public static class ApiFailureMapper implements ExceptionMapper<ApiFailure> {
        @Override
        public Response toResponse(ApiFailure failure) {
            Response response = detail(failure.status(), failure.detail());
            if (failure.authenticate() != null) {
                response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, failure.authenticate());
            }
            return response;
        }
    }

    @Provider
    public static class IssueNotFoundMapper implements ExceptionMapper<IssueNotFound> {
        @Override
        public Response toResponse(IssueNotFound notFound) {
            return detail(404, NOT_FOUND);
        }
    }

    /** JAX-RS' own failures: unknown path, wrong method, wrong media type. */
    @Provider
    public static class WebFailureMapper implements ExceptionMapper<WebApplicationException> {

        private static final Logger LOG = Logger.getLogger(WebFailureMapper.class.getName());

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e instanceof NotFoundException) {
                return detail(404, NOT_FOUND);
            }
            if (e instanceof NotAllowedException) {
                Response response = detail(405, "Method not allowed.");
                response.getHeaders().putAll(e.getResponse().getHeaders());
                return response;
            }
            if (e instanceof NotSupportedException) {
                return detail(415, "Unsupported media type in request.");
            }
            if (e instanceof NotAcceptableException) {
                return detail(406, "Could not satisfy the request Accept header.");
            }
            if (status >= 500) {
                return UnexpectedMapper.internalError(e);
            }
            LOG.log(Level.FINE, "client error", e);
            return detail(status, status == 400 ? "Malformed request." : e.getResponse().getStatusInfo().getReasonPhrase());
        }
    }

    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<Throwable> {

        private static final Logger LOG = Logger.getLogger(UnexpectedMapper.class.getName());

        static Response internalError(Throwable e) {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, e);
            return detail(500, "Internal Error (reference " + reference + ")");
        }

        @Override
        public Response toResponse(Throwable e) {
            return internalError(e);
        }
    }
}
