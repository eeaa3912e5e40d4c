package dev.triage.release.boundary;

import dev.triage.platform.ApiFailure;
import dev.triage.release.control.InvalidRelease;
import dev.triage.release.control.ReleaseForbidden;
import dev.triage.release.control.ReleaseNotFound;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The release endpoints' own failures in Sentry's error format: 404, 403 with the scope, 400 field dictionary. */
public final class ReleaseErrors {

    private ReleaseErrors() {}

    @Provider
    public static class NotFound implements ExceptionMapper<ReleaseNotFound> {
        @Override
        public Response toResponse(ReleaseNotFound e) {
            return ApiFailure.notFound().response();
        }
    }

    @Provider
    public static class Forbidden implements ExceptionMapper<ReleaseForbidden> {
        @Override
        public Response toResponse(ReleaseForbidden e) {
            return ApiFailure.insufficientScope(e.scope()).response();
        }
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidRelease> {
        @Override
        public Response toResponse(InvalidRelease e) {
            return ApiFailure.fields(e.fields()).response();
        }
    }
}
