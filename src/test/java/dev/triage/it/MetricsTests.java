package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} in Prometheus' text format: requests by route template, method and status, the pool, conflicts. */
abstract class MetricsTests {

    static String scrape() {
        Api.Answer answer = Api.send(Api.request("/metrics").GET().build());
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.header("Content-Type").orElse("").startsWith("text/plain"));
        return answer.text();
    }

    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatus() {
        String series = "http_server_requests_seconds_count{method=\"GET\",route=\"/api/0/issues/{issueId}/\",status=\"200\"}";
        String groups = "http_server_requests_seconds_count{method=\"GET\",route=\"/api/0/groups/{issueId}/\",status=\"404\"}";
        String unmatched = "http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}";
        String before = scrape();

        Api.get("/api/0/issues/1/", Tokens.jane());
        Api.get("/api/0/issues/2", Tokens.jane());
        Api.get("/api/0/groups/999999/", Tokens.jane());
        Api.get("/api/0/no-such-route-" + System.nanoTime() + "/", Tokens.jane());
        String after = scrape();

        assertEquals(2, value(after, series) - value(before, series), 0.0001);
        assertEquals(1, value(after, groups) - value(before, groups), 0.0001);
        assertEquals(1, value(after, unmatched) - value(before, unmatched), 0.0001);
        assertTrue(after.contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/0/issues/{issueId}/\",status=\"200\",le=\"0.1\"}"),
                "a latency histogram with fixed buckets");
        assertFalse(after.contains("no-such-route"), "unknown paths never become series");
    }

    @Test
    void theDatabasePoolIsShownAndNoUnusedPool() {
        String metrics = scrape();
        assertEquals(32, value(metrics, "triage_db_pool_connections_max"), 0.0001);
        assertTrue(metrics.contains("triage_db_pool_connections_in_use "), metrics);
        assertTrue(metrics.contains("triage_db_pool_threads_waiting "), metrics);
        assertEquals(0, value(metrics, "triage_db_pool_threads_waiting"), 0.0001, "nobody waits when idle");
        assertFalse(metrics.contains("H2"), "Payara's unused H2 pool is gone");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
    }

    @Test
    void optimisticLockRetriesAreCounted() throws Exception {
        long issue = Fixtures.newIssue(2, "metrics conflicts");
        double before = value(scrape(), "triage_optimistic_lock_retries_total");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = i % 2 == 0 ? "{\"isBookmarked\": true, \"priority\": \"high\"}" : "{\"priority\": \"low\", \"hasSeen\": true}";
                answers.add(pool.submit(() -> Api.put("/api/0/issues/" + issue + "/", Tokens.jane(), body).status()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(value(scrape(), "triage_optimistic_lock_retries_total") > before,
                "40 concurrent updates of one issue collide at least once");
    }

    @Test
    void eventsAcceptedAndCountedAreCounted() throws Exception {
        String before = scrape();
        Ingest.Project project = Ingest.project("metrics-events");
        for (int i = 0; i < 3; i++) {
            String id = Ingest.newEventId();
            assertEquals(200, Ingest.postEnvelope(project, Ingest.envelope(id,
                    Ingest.exceptionEvent(id, "MeteredError", "m" + i, null, "u" + i))).status());
        }
        Ingest.awaitCounted(project.id());
        assertTrue(value(scrape(), "triage_events_accepted_total") >= value(before, "triage_events_accepted_total") + 3);
        // the metric moves right after the batch's commit, which the database shows first
        long deadline = System.nanoTime() + 5_000_000_000L;
        double counted = value(scrape(), "triage_events_counted_total");
        while (counted < value(before, "triage_events_counted_total") + 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            counted = value(scrape(), "triage_events_counted_total");
        }
        assertTrue(counted >= value(before, "triage_events_counted_total") + 3, "counted: " + counted);
    }
}
