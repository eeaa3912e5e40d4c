package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code Allow} (and the CORS allowed methods) come from the routes the resources declare, for
 * every route: OPTIONS answers with them, and so does a method the route does not have (405).
 * The expectation is read here from the resource classes' annotations, independently of the
 * service's own reading ({@code platform/ApiRoutes}).
 */
abstract class RouteMethodsTests {

    /** Django REST framework's order of {@code Allow}; HEAD wherever GET is, OPTIONS everywhere. */
    static final List<String> SENTRY_ORDER = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** A concrete request path for each route (every parameter "1"), with the verbs declared on it. */
    static Map<String, Set<String>> declaredVerbsByPath() {
        Map<String, Set<String>> verbs = new TreeMap<>();
        for (ResourceRoutes.Route route : ResourceRoutes.all()) {
            String path = route.template().replaceAll("\\{[^}]*}", "1");
            verbs.computeIfAbsent(path, p -> new TreeSet<>()).add(route.verb());
        }
        return verbs;
    }

    static String allow(Set<String> declared) {
        return SENTRY_ORDER.stream()
                .filter(m -> declared.contains(m) || m.equals("OPTIONS") || m.equals("HEAD") && declared.contains("GET"))
                .collect(Collectors.joining(", "));
    }

    @Test
    void everyRouteAnswersOptionsWithItsOwnMethodsWithoutCredentials() {
        Map<String, Set<String>> routes = declaredVerbsByPath();
        assertTrue(routes.size() > 30, "found the service's routes: " + routes.keySet());
        List<String> wrong = new ArrayList<>();
        routes.forEach((path, declared) -> {
            Api.Answer answer = Api.send("OPTIONS", path, null, null, List.of());
            String expected = allow(declared);
            String seen = answer.status() + " " + answer.header("Allow").orElse("-") + " | "
                    + answer.header("Access-Control-Allow-Methods").orElse("-") + " | " + answer.text();
            if (!seen.equals("200 " + expected + " | " + expected + " | ")) {
                wrong.add("OPTIONS " + path + ": expected 200 " + expected + ", got " + seen);
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void aMethodTheRouteDoesNotHaveIs405WithTheRoutesAllow() {
        List<String> wrong = new ArrayList<>();
        declaredVerbsByPath().forEach((path, declared) -> {
            String expected = allow(declared);
            Stream.of("PATCH", "POST", "PUT", "DELETE").filter(m -> !declared.contains(m)).findFirst().ifPresent(method -> {
                Api.Answer answer = Api.send(method, path, Tokens.jane(), "{}", List.of());
                if (answer.status() != 405 || !expected.equals(answer.header("Allow").orElse(null))
                        || !("Method \"" + method + "\" not allowed.").equals(answer.object().getString("detail", null))) {
                    wrong.add(method + " " + path + ": expected 405 with Allow " + expected + ", got " + answer.status()
                            + " " + answer.header("Allow").orElse("-") + " " + answer.text());
                }
            });
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void theIssueDetailsAllowAsSentrySendsIt() {
        Api.Answer answer = Api.send("OPTIONS", "/api/0/organizations/the-interstellar-jurisdiction/issues/1/", null,
                null, List.of());
        RetrieveIssueTests.assertStandardHeaders(answer, "GET, PUT, PATCH, DELETE, HEAD, OPTIONS");
        assertEquals(404, Api.send("OPTIONS", "/api/0/no-such-route/", null, null, List.of()).status());
    }

    @Test
    void optionsCountsUnderItsRouteInMetrics() {
        String series = "http_server_requests_seconds_count{method=\"OPTIONS\",route=\"/api/0/groups/{issueId}/events/\","
                + "status=\"200\"}";
        double before = MetricsTests.value(MetricsTests.scrape(), series);
        assertEquals(200, Api.send("OPTIONS", "/api/0/groups/12/events/", null, null, List.of()).status());
        assertEquals(before + 1, MetricsTests.value(MetricsTests.scrape(), series), 0.0001);
    }
}
