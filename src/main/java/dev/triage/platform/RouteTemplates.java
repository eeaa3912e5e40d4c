package dev.triage.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;

/**
 * The clean path template of a resource method, e.g. {@code /api/0/organizations/{org}/issues/{issueId}/}
 * for {@code @Path("/organizations/{org: [^/]+}/issues/{issueId: [^/]+}{slash: /?}")}: the name a
 * route has in metrics and in the OpenAPI document. A parameter whose pattern is only an optional
 * slash ({@code /?}) stands for the trailing slash Sentry's paths end with.
 */
public final class RouteTemplates {

    private RouteTemplates() {}

    public static String of(Class<?> resource, Method method) {
        return of(resource, method, name -> null);
    }

    /**
     * As {@link #of(Class, Method)}; a parameter whose pattern is a choice of words
     * ({@code {alias: issues|groups}}) becomes the word {@code matched} answers for it, if any.
     */
    public static String of(Class<?> resource, Method method, java.util.function.Function<String, String> matched) {
        return clean(raw(resource, method), matched);
    }

    /**
     * The names of the method's parameters whose pattern is a choice of words (their word shows
     * in the route's name), in the order they appear.
     */
    public static java.util.List<String> choiceParameters(Class<?> resource, Method method) {
        java.util.List<String> names = new java.util.ArrayList<>();
        clean(raw(resource, method), name -> {
            names.add(name);
            return null;
        });
        return java.util.List.copyOf(names);
    }

    private static String raw(Class<?> resource, Method method) {
        StringBuilder template = new StringBuilder();
        append(template, TriageApplication.class.getAnnotation(ApplicationPath.class).value());
        Path type = resource.getAnnotation(Path.class);
        if (type != null) {
            append(template, type.value());
        }
        Path path = method.getAnnotation(Path.class);
        if (path != null) {
            append(template, path.value());
        }
        return template.toString();
    }

    private static void append(StringBuilder template, String part) {
        if (part.isEmpty()) {
            return;
        }
        if (!part.startsWith("/") && (template.isEmpty() || template.charAt(template.length() - 1) != '/')) {
            template.append('/');
        }
        template.append(part);
    }

    /** Drops the regular expressions of template parameters, keeping their names. */
    static String clean(String template) {
        return clean(template, name -> null);
    }

    static String clean(String template, java.util.function.Function<String, String> matched) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int depth = 0;
            int end = i;
            for (; end < template.length(); end++) {
                char d = template.charAt(end);
                if (d == '{') {
                    depth++;
                } else if (d == '}' && --depth == 0) {
                    break;
                }
            }
            String inner = template.substring(i + 1, end);
            int colon = inner.indexOf(':');
            String name = (colon < 0 ? inner : inner.substring(0, colon)).strip();
            String pattern = colon < 0 ? null : inner.substring(colon + 1).strip();
            String word = pattern != null && pattern.matches("[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)+") ? matched.apply(name) : null;
            if ("/?".equals(pattern)) {
                if (out.isEmpty() || out.charAt(out.length() - 1) != '/') {
                    out.append('/');
                }
            } else if (word != null && java.util.Arrays.asList(pattern.split("\\|")).contains(word)) {
                out.append(word);
            } else {
                out.append('{').append(name).append('}');
            }
            i = end + 1;
        }
        String result = out.toString().replaceAll("/{2,}", "/");
        return result.isEmpty() ? "/" : result;
    }
}
