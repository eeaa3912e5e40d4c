package dev.triage.event.boundary;

import dev.triage.event.control.EventNotFound;
import dev.triage.platform.ApiFailure;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An event, tag or project the caller cannot see is a 404 like any other. */
@Provider
public class EventErrors implements ExceptionMapper<EventNotFound> {
    @Override
    public Response toResponse(EventNotFound e) {
        return ApiFailure.notFound().response();
    }
}
