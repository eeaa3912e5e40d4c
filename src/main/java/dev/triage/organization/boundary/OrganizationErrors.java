package dev.triage.organization.boundary;

import dev.triage.organization.entity.AccessDenied;
import dev.triage.organization.entity.NotFound;
import dev.triage.organization.entity.Refusal;
import dev.triage.platform.ApiFailure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The organization feature's failures as Sentry answers them: not found (also another tenant's)
 * 404, a role or token that does not allow the action 403, refused input 400, a taken slug 409.
 */
public final class OrganizationErrors {

    static final String DENIED = "You do not have permission to perform this action.";

    private OrganizationErrors() {}

    @Provider
    public static class NotFoundMapper implements ExceptionMapper<NotFound> {
        @Override
        public Response toResponse(NotFound notFound) {
            return ApiFailure.notFound().response();
        }
    }

    @Provider
    public static class AccessDeniedMapper implements ExceptionMapper<AccessDenied> {
        @Override
        public Response toResponse(AccessDenied denied) {
            return ApiFailure.of(403, DENIED).response();
        }
    }

    @Provider
    public static class RefusalMapper implements ExceptionMapper<Refusal> {
        @Override
        public Response toResponse(Refusal refusal) {
            int status = switch (refusal.kind()) {
                case INVALID -> 400;
                case FORBIDDEN -> 403;
                case CONFLICT -> 409;
                case TURNED_OFF -> 401;
            };
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(refusal.body()).build();
        }
    }
}
