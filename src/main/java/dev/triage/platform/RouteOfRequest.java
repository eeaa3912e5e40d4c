package dev.triage.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the matched route of an API request (its clean template) for {@link RequestObserver},
 * which sees every request but not JAX-RS' matching: a servlet request attribute. Each resource
 * method's name is worked out once (per word of a choice parameter such as {@code issues|groups}):
 * doing it per request cost a twentieth of a PUT's CPU.
 */
@Provider
public class RouteOfRequest implements ContainerRequestFilter {

    /** Servlets outside JAX-RS name their route here too (the ingestion endpoints). */
    public static final String ATTRIBUTE = "dev.triage.route";

    /** The route of a resource method as matched with these words for its choice parameters. */
    private record Matched(Class<?> resource, Method method, List<String> words) {}

    /** Bounded: resource methods times the words of their choice parameters (only those can match). */
    private static final Map<Matched, String> ROUTES = new ConcurrentHashMap<>();
    private static final Map<Method, List<String>> CHOICES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Class<?> type = resource.getResourceClass();
        List<String> choices = CHOICES.computeIfAbsent(method, m -> RouteTemplates.choiceParameters(type, m));
        List<String> words = List.of();
        if (!choices.isEmpty()) {
            var parameters = request.getUriInfo().getPathParameters();
            words = choices.stream().map(name -> String.valueOf(parameters.getFirst(name))).toList();
        }
        // in a servlet container a request property is the servlet request's attribute (JAX-RS'
        // ContainerRequestContext#setProperty); an injected HttpServletRequest proxy costs more
        request.setProperty(ATTRIBUTE, ROUTES.computeIfAbsent(new Matched(type, method, words),
                key -> RouteTemplates.of(type, method, name -> {
                    int at = choices.indexOf(name);
                    return at < 0 ? null : key.words().get(at);
                })));
    }
}
