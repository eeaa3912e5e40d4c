package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API's routes and the methods each allows, read from the resources' own {@code @Path} and
 * HTTP method annotations ({@code @GET}, {@code @PUT}, ...): the one source of {@code Allow} and
 * the CORS allowed methods, for OPTIONS ({@link ApiOptions}), for every answer of a resource
 * ({@link ApiHeaders}) and for answers the server gives before JAX-RS has chosen a resource (a
 * token MicroProfile JWT rejects, a malformed request), without the platform knowing any
 * feature's paths. A resource method added to a path changes that path's {@code Allow}.
 */
@ApplicationScoped
public class ApiRoutes {

    /** Django REST framework's order ({@code http_method_names}); HEAD comes with GET, OPTIONS always. */
    enum Verb { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS }

    /**
     * One path template (the union of every resource method declared on it) and what it allows.
     *
     * @param template the template as declared, below the API root ({@code /issues/{issueId: [^/]+}{slash: /?}})
     */
    public record Route(String template, Pattern path, String methods) {}

    record Routes(List<Route> inMatchingOrder, Map<Method, String> byResourceMethod) {}

    private static final String ROOT = "/" + strip(TriageApplication.class.getAnnotation(ApplicationPath.class).value());

    @Inject
    BeanManager beans;

    private volatile Routes routes;

    /** The methods allowed on {@code path} (as requested, without the context root). */
    public String methodsOf(String path) {
        if (path == null || !path.startsWith(ROOT)) {
            return ApiHeaders.DEFAULT_METHODS;
        }
        return route(path.substring(ROOT.length())).map(Route::methods).orElse(ApiHeaders.DEFAULT_METHODS);
    }

    /** The methods allowed on the path of the resource method JAX-RS chose (looked up, not matched). */
    public String methodsOf(Method resourceMethod) {
        return routes().byResourceMethod().get(resourceMethod);
    }

    /** The route a path below the API root ({@code /issues/1/}) takes, as JAX-RS would choose it. */
    public Optional<Route> route(String pathInApi) {
        return match(routes().inMatchingOrder(), pathInApi);
    }

    static Optional<Route> match(List<Route> inMatchingOrder, String pathInApi) {
        String path = pathInApi.startsWith("/") ? pathInApi : "/" + pathInApi;
        for (Route route : inMatchingOrder) {
            if (route.path().matcher(path).matches()) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** Every route, in the order JAX-RS prefers them. */
    public List<Route> all() {
        return routes().inMatchingOrder();
    }

    private Routes routes() {
        Routes known = routes;
        if (known == null) {
            List<Class<?>> resources = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                if (bean.getBeanClass().isAnnotationPresent(Path.class)) {
                    resources.add(bean.getBeanClass());
                }
            }
            known = read(resources);
            routes = known;
        }
        return known;
    }

    /** The routes of {@code resources}: templates that are the same regular expression are one route. */
    static Routes read(Collection<Class<?>> resources) {
        Map<String, String> templates = new LinkedHashMap<>();
        Map<String, Set<Verb>> verbs = new LinkedHashMap<>();
        Map<Method, String> methodTemplates = new HashMap<>();
        for (Class<?> type : resources) {
            String base = type.getAnnotation(Path.class).value();
            for (Method method : type.getMethods()) {
                Path path = method.getAnnotation(Path.class);
                Verb verb = verb(method);
                if (verb == null) {
                    continue;
                }
                String template = join(base, path == null ? "" : path.value());
                String regex = pattern(template).pattern();
                templates.putIfAbsent(regex, template);
                verbs.computeIfAbsent(regex, r -> EnumSet.noneOf(Verb.class)).add(verb);
                methodTemplates.put(method, regex);
            }
        }
        Map<String, Route> byRegex = new LinkedHashMap<>();
        verbs.forEach((regex, declared) -> byRegex.put(regex,
                new Route(templates.get(regex), Pattern.compile(regex), allowed(declared))));
        List<Route> ordered = byRegex.values().stream().sorted(JAX_RS_PREFERENCE).toList();
        Map<Method, String> byMethod = new HashMap<>();
        methodTemplates.forEach((method, regex) -> byMethod.put(method, byRegex.get(regex).methods()));
        return new Routes(ordered, Map.copyOf(byMethod));
    }

    /** {@code Allow} for the declared verbs: in DRF's order, HEAD wherever GET is, OPTIONS everywhere. */
    static String allowed(Set<Verb> declared) {
        Set<Verb> allowed = EnumSet.copyOf(declared);
        if (allowed.contains(Verb.GET)) {
            allowed.add(Verb.HEAD);
        }
        allowed.add(Verb.OPTIONS);
        return allowed.stream().map(Verb::name).collect(Collectors.joining(", "));
    }

    private static Verb verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                for (Verb verb : Verb.values()) {
                    if (verb.name().equals(http.value())) {
                        return verb;
                    }
                }
            }
        }
        return null;
    }

    /**
     * JAX-RS' choice among templates that match one path (Jakarta REST 3.4.1, step 2f): more
     * literal characters first, then more template variables, then more with their own regular
     * expression.
     */
    static final Comparator<Route> JAX_RS_PREFERENCE = Comparator
            .comparingInt((Route route) -> -literalCharacters(route.template()))
            .thenComparingInt(route -> -variables(route.template(), false))
            .thenComparingInt(route -> -variables(route.template(), true));

    private static int literalCharacters(String template) {
        int count = 0;
        int depth = 0;
        for (char c : template.toCharArray()) {
            depth += c == '{' ? 1 : 0;
            count += depth == 0 ? 1 : 0;
            depth -= c == '}' ? 1 : 0;
        }
        return count;
    }

    private static int variables(String template, boolean withRegex) {
        int count = 0;
        int depth = 0;
        int start = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && depth++ == 0) {
                start = i;
            } else if (c == '}' && --depth == 0) {
                count += !withRegex || template.substring(start, i).contains(":") ? 1 : 0;
            }
        }
        return count;
    }

    private static String join(String base, String path) {
        String template = ("/" + strip(base) + "/" + strip(path)).replaceAll("^/+", "/");
        if (template.length() > 1 && strip(path).isEmpty()) {
            template = template.substring(0, template.length() - 1);
        }
        return template;
    }

    /** A JAX-RS path template as a regular expression: {@code {name: regex}} and {@code {name}} become groups. */
    static Pattern pattern(String base, String path) {
        return pattern(join(base, path));
    }

    private static Pattern pattern(String template) {
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
