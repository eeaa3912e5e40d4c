package dev.triage.issue.boundary;

import dev.triage.issue.control.InvalidSearch;
import dev.triage.issue.control.InvalidUpdate;
import dev.triage.issue.control.StaleIssueVersion;
import dev.triage.issue.control.UpdateConflict;
import dev.triage.issue.entity.IssueNotFound;
import dev.triage.platform.ApiFailure;
import dev.triage.platform.JsonFactory;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The issue feature's failures as API errors: not found 404 (the same answer as for another
 * tenant's issue), refused update or search 400, stale {@code If-Match} 412 with the current
 * {@code ETag}, lasting conflict 409.
 */
public final class IssueErrorMappers {

    private IssueErrorMappers() {}

    @Provider
    public static class IssueNotFoundMapper implements ExceptionMapper<IssueNotFound> {
        @Override
        public Response toResponse(IssueNotFound notFound) {
            return ApiFailure.notFound().response();
        }
    }

    @Provider
    public static class InvalidUpdateMapper implements ExceptionMapper<InvalidUpdate> {
        @Override
        public Response toResponse(InvalidUpdate invalid) {
            return ApiFailure.fields(JsonFactory.JSON.createObjectBuilder(invalid.errors()).build()).response();
        }
    }

    @Provider
    public static class InvalidSearchMapper implements ExceptionMapper<InvalidSearch> {
        @Override
        public Response toResponse(InvalidSearch invalid) {
            return ApiFailure.of(400, invalid.getMessage()).response();
        }
    }

    @Provider
    public static class StaleIssueVersionMapper implements ExceptionMapper<StaleIssueVersion> {
        @Override
        public Response toResponse(StaleIssueVersion stale) {
            ApiFailure failure = ApiFailure.of(412,
                    "The issue has changed since the version named in If-Match. Fetch it again and retry.");
            if (stale.current() != null) {
                failure.withHeader("ETag", IssueResource.etag(stale.current()).toString());
            }
            return failure.response();
        }
    }

    @Provider
    public static class UpdateConflictMapper implements ExceptionMapper<UpdateConflict> {
        @Override
        public Response toResponse(UpdateConflict conflict) {
            return ApiFailure.of(409, conflict.getMessage()).withHeader("Retry-After", "1").response();
        }
    }
}
