package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which methods a request path allows, read from the resources' own {@code @Path} and
 * {@link ApiMethods} annotations. For answers the server gives before JAX-RS has chosen a
 * resource (a token MicroProfile JWT rejects, a malformed request): they carry the same
 * {@code Allow} as the resource would, without the platform knowing any feature's paths.
 */
@ApplicationScoped
public class ApiRoutes {

    private record Route(Pattern path, String methods) {}

    private static final String ROOT = TriageApplication.class.getAnnotation(ApplicationPath.class).value();

    @Inject
    BeanManager beans;

    private volatile List<Route> routes;

    /** The methods allowed on {@code path} (as requested, without the context root). */
    public String methodsOf(String path) {
        String root = "/" + strip(ROOT);
        if (path == null || !path.startsWith(root)) {
            return ApiHeaders.DEFAULT_METHODS;
        }
        String inApi = path.substring(root.length());
        for (Route route : routes()) {
            if (route.path().matcher(inApi).matches()) {
                return route.methods();
            }
        }
        return ApiHeaders.DEFAULT_METHODS;
    }

    private List<Route> routes() {
        if (routes == null) {
            List<Route> found = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Class<?> type = bean.getBeanClass();
                ApiMethods declared = type.getAnnotation(ApiMethods.class);
                if (declared == null) {
                    continue;
                }
                String base = type.isAnnotationPresent(Path.class) ? type.getAnnotation(Path.class).value() : "";
                for (Method method : type.getMethods()) {
                    Path path = method.getAnnotation(Path.class);
                    if (path != null) {
                        ApiMethods own = method.getAnnotation(ApiMethods.class);
                        found.add(new Route(pattern(base, path.value()), (own == null ? declared : own).value()));
                    }
                }
            }
            routes = List.copyOf(found);
        }
        return routes;
    }

    /** A JAX-RS path template as a regular expression: {@code {name: regex}} and {@code {name}} become groups. */
    static Pattern pattern(String base, String path) {
        String template = ("/" + strip(base) + "/" + strip(path)).replaceAll("^/+", "/");
        if (template.length() > 1 && strip(path).isEmpty()) {
            template = template.substring(0, template.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
                continue;
            }
            int depth = 0;
            int end = i;
            do {
                char d = template.charAt(end);
                depth += d == '{' ? 1 : d == '}' ? -1 : 0;
                end++;
            } while (depth > 0);
            String variable = template.substring(i + 1, end - 1);
            int colon = variable.indexOf(':');
            regex.append('(').append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).trim()).append(')');
            i = end;
        }
        return Pattern.compile(regex.toString());
    }

    private static String strip(String path) {
        String stripped = path;
        while (stripped.startsWith("/")) {
            stripped = stripped.substring(1);
        }
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
