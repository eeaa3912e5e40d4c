package dev.triage.clientkey.boundary;

import dev.triage.clientkey.control.InvalidClientKey;
import dev.triage.clientkey.control.KeyForbidden;
import dev.triage.clientkey.entity.ClientKeyNotFound;
import dev.triage.platform.ApiFailure;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The key endpoints' own failures in Sentry's error format: 404, 403 with the scope, 400 field dictionary. */
public final class ClientKeyErrors {

    private ClientKeyErrors() {}

    @Provider
    public static class NotFound implements ExceptionMapper<ClientKeyNotFound> {
        @Override
        public Response toResponse(ClientKeyNotFound e) {
            return ApiFailure.notFound().response();
        }
    }

    @Provider
    public static class Forbidden implements ExceptionMapper<KeyForbidden> {
        @Override
        public Response toResponse(KeyForbidden e) {
            return ApiFailure.insufficientScope(e.scope()).response();
        }
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidClientKey> {
        @Override
        public Response toResponse(InvalidClientKey e) {
            return ApiFailure.fields(e.fields()).response();
        }
    }
}
