package dev.triage.it;

import dev.triage.platform.RouteTemplates;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JAX-RS resource methods of the WAR's classes, read from their annotations in the test JVM
 * (not through the service): what the service must document and answer OPTIONS for.
 */
final class ResourceRoutes {

    static final List<String> VERBS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /**
     * One resource method on one of its addresses.
     *
     * @param template the clean template, e.g. {@code /api/0/groups/{issueId}/}, with its word choice made
     * @param raw      the template as declared, regular expressions included (class and method {@code @Path})
     * @param choice   the word taken for each choice parameter ({@code alias -> groups})
     */
    record Route(String verb, String template, String raw, Map<String, String> choice) {}

    private ResourceRoutes() {}

    static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        try {
            java.nio.file.Path classes = java.nio.file.Path.of(
                    RouteTemplates.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                            .replaceAll("\\.class$", "");
                    Class<?> type;
                    try {
                        type = Class.forName(name, false, RouteTemplates.class.getClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        continue;
                    }
                    for (Method method : type.getDeclaredMethods()) {
                        Path path = method.getAnnotation(Path.class);
                        if (path == null) {
                            continue;
                        }
                        for (String verb : VERBS) {
                            if (hasVerb(method, verb)) {
                                String raw = (type.isAnnotationPresent(Path.class) ? type.getAnnotation(Path.class).value() : "")
                                        + "/" + path.value();
                                for (Map<String, String> choice : choices(raw)) {
                                    routes.add(new Route(verb, RouteTemplates.of(type, method, choice::get), raw, choice));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    private static boolean hasVerb(Method method, String verb) {
        try {
            return method.getAnnotation((Class<? extends Annotation>) Class.forName("jakarta.ws.rs." + verb)) != null;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Each combination of the word choices ({@code {alias: issues|groups}}) of a template. */
    private static List<Map<String, String>> choices(String template) {
        List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
        Matcher matcher = Pattern.compile("\\{(\\w+)\\s*:\\s*([A-Za-z0-9_-]+(?:\\|[A-Za-z0-9_-]+)+)\\s*}").matcher(template);
        while (matcher.find()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> before : combinations) {
                for (String word : matcher.group(2).split("\\|")) {
                    Map<String, String> with = new LinkedHashMap<>(before);
                    with.put(matcher.group(1), word);
                    next.add(with);
                }
            }
            combinations = next;
        }
        return combinations;
    }
}
