package dev.triage.platform;

import dev.triage.issue.control.InvalidSearch;
import dev.triage.issue.control.InvalidUpdate;
import dev.triage.issue.control.StaleIssueVersion;
import dev.triage.issue.control.UpdateConflict;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The answers to refused updates: 400 field dictionary, 412 stale version, 409 lasting conflict. */
public final class UpdateErrorMappers {

    private UpdateErrorMappers() {}

    @Provider
    public static class InvalidUpdateMapper implements ExceptionMapper<InvalidUpdate> {
        @Override
        public Response toResponse(InvalidUpdate invalid) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(invalid.errors()).build();
        }
    }

    @Provider
    public static class InvalidSearchMapper implements ExceptionMapper<InvalidSearch> {
        @Override
        public Response toResponse(InvalidSearch invalid) {
            return ErrorMappers.detail(400, invalid.getMessage());
        }
    }

    @Provider
    public static class StaleIssueVersionMapper implements ExceptionMapper<StaleIssueVersion> {
        @Override
        public Response toResponse(StaleIssueVersion stale) {
            Response response = ErrorMappers.detail(412,
                    "The issue has changed since the version named in If-Match. Fetch it again and retry.");
            if (stale.current() != null) {
                response.getHeaders().putSingle("ETag", new EntityTag(Long.toString(stale.current())));
            }
            return response;
        }
    }

    @Provider
    public static class UpdateConflictMapper implements ExceptionMapper<UpdateConflict> {
        @Override
        public Response toResponse(UpdateConflict conflict) {
            Response response = ErrorMappers.detail(409, conflict.getMessage());
            response.getHeaders().putSingle("Retry-After", "1");
            return response;
        }
    }
}
