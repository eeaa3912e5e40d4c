package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The platform's exception families to Sentry's error bodies. Features map their own exceptions
 * (in their boundary) to {@link ApiFailure}. Nothing here leaks a class name, SQL or a trace.
 */
public final class ErrorMappers {

    private ErrorMappers() {}

    @Provider
    public static class ApiFailureMapper implements ExceptionMapper<ApiFailure> {
        @Override
        public Response toResponse(ApiFailure failure) {
            return failure.response();
        }
    }

    /** JAX-RS' own failures: unknown path, wrong method, wrong media type. */
    @Provider
    public static class WebFailureMapper implements ExceptionMapper<WebApplicationException> {

        private static final Logger LOG = Logger.getLogger(WebFailureMapper.class.getName());

        /** The request being answered (a proxy JAX-RS resolves per call): its method goes into a 405. */
        @Context
        Request request;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e instanceof NotFoundException) {
                return ApiFailure.notFound().response();
            }
            if (e instanceof NotAllowedException) {
                Response response = ApiFailure.methodNotAllowed(request.getMethod()).response();
                response.getHeaders().putAll(e.getResponse().getHeaders());
                return response;
            }
            if (e instanceof NotSupportedException) {
                return ApiFailure.of(415, "Unsupported media type in request.").response();
            }
            if (e instanceof NotAcceptableException) {
                return ApiFailure.of(406, "Could not satisfy the request Accept header.").response();
            }
            if (status >= 500) {
                return UnexpectedMapper.internalError(e);
            }
            LOG.log(Level.FINE, "client error", e);
            return ApiFailure.of(status, status == 400 ? "Malformed request."
                    : e.getResponse().getStatusInfo().getReasonPhrase()).response();
        }
    }

    /**
     * A transaction that failed at commit: the answer is its cause's (a database outage at commit
     * is a 503 like any other). Replaces Jersey's own mapper for it, which fails itself when the
     * cause is not an exception of the application's.
     */
    @Provider
    public static class TransactionalMapper implements ExceptionMapper<TransactionalException> {

        @Context
        Providers providers;

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Response toResponse(TransactionalException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            ExceptionMapper mapper = providers.getExceptionMapper(cause.getClass());
            if (mapper == null || mapper instanceof TransactionalMapper) {
                return UnexpectedMapper.internalError(e);
            }
            return mapper.toResponse(cause);
        }
    }

    /**
     * Anything else: a database outage is 503 with {@code Retry-After} (logged once per outage by
     * {@link DatabaseAvailability}); everything else is a bug, 500 with a reference that the log
     * line with the stack trace also carries.
     */
    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<Throwable> {

        private static final Logger LOG = Logger.getLogger(UnexpectedMapper.class.getName());

        @Inject
        DatabaseAvailability database;

        static Response internalError(Throwable e) {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, e);
            return ApiFailure.of(500, "Internal Error (reference " + reference + ")").response();
        }

        @Override
        public Response toResponse(Throwable e) {
            if (DatabaseAvailability.isOutage(e)) {
                return database.outage(e).response();
            }
            return internalError(e);
        }
    }
}
