package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OPTIONS on any route of the API: 200 without a body or credentials (a browser's CORS preflight
 * carries none), before JAX-RS matches a resource or checks a token. {@link ApiHeaders} adds
 * {@code Allow} and the CORS headers from {@link ApiRoutes}, so no resource declares OPTIONS
 * itself. A path that is no route goes on to JAX-RS and is a 404 like any other method's.
 */
@Provider
@PreMatching
public class ApiOptions implements ContainerRequestFilter {

    private static final String ROOT = TriageApplication.class.getAnnotation(ApplicationPath.class).value();

    @Inject
    ApiRoutes routes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        routes.route(path).ifPresent(route -> {
            // the route's name in metrics, as RouteOfRequest names it for the other methods
            request.setProperty(RouteOfRequest.ATTRIBUTE, RouteTemplates.clean(ROOT + route.template(),
                    words(route, path)));
            request.abortWith(Response.ok().build());
        });
    }

    /** The value each template variable took in {@code path}, for the choice words ({@code issues|groups}). */
    private static Function<String, String> words(ApiRoutes.Route route, String path) {
        Matcher matcher = route.path().matcher(path.startsWith("/") ? path : "/" + path);
        Map<String, String> values = new HashMap<>();
        Matcher names = VARIABLE.matcher(route.template());
        if (matcher.matches()) {
            for (int group = 1; names.find() && group <= matcher.groupCount(); group++) {
                values.put(names.group(1), matcher.group(group));
            }
        }
        return values::get;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*(\\w+)");
}
