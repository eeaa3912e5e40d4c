package dev.triage.platform;

import jakarta.annotation.Priority;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Refuses U+0000 in the query parameters before any of it reaches SQL (PostgreSQL cannot store
 * it, and would fail the request with a 500): Sentry's 400 field error. Runs after
 * authentication, so an anonymous caller still learns nothing but 401. (In the path the HTTP
 * server itself refuses it, 400, before the service sees the request.)
 */
@Provider
@Priority(Priorities.USER)
public class ParameterGuard implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        JsonObjectBuilder errors = null;
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters(true).entrySet()) {
            boolean inKey = parameter.getKey().indexOf('\0') >= 0;
            if (inKey || parameter.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                errors = errors == null ? JsonFactory.JSON.createObjectBuilder() : errors;
                errors.add(inKey ? "non_field_errors" : parameter.getKey(),
                        JsonFactory.JSON.createArrayBuilder().add(JsonBodies.NULL_CHARACTER));
            }
        }
        if (errors != null) {
            throw ApiFailure.fields(errors.build());
        }
    }
}
