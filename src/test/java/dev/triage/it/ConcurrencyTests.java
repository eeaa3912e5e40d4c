package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * No lost updates: eight clients change different fields of one issue at the same time; every
 * change must be there afterwards, with exactly one activity per effective change.
 */
abstract class ConcurrencyTests {

    static final int REQUESTS_PER_CLIENT = 25;

    record Client(String name, String token, IntFunction<String> body) {}

    @Test
    void concurrentUpdatesOfDifferentFieldsAreAllApplied() throws Exception {
        runContended(client -> "");
    }

    /**
     * The contended test with client {@code n} talking to {@code baseOf(n)} ("" for the suite's
     * service): also run against two services on one database (FaultIT).
     */
    static void runContended(IntFunction<String> baseOf) throws Exception {
        long id = Fixtures.newIssue(2, "contended");
        String path = "/api/0/issues/" + id + "/";
        String jane = Tokens.jane();
        String john = Tokens.john();
        String[] priorities = {"low", "high", "medium"};
        List<Client> clients = List.of(
                new Client("priority", jane, i -> Api.body("priority", priorities[i % 3])),
                new Client("status", john, i -> Api.body("status", i % 2 == 0 ? "resolved" : "unresolved")),
                new Client("assignee", jane, i -> Api.body("assignedTo", i % 2 == 0 ? "john" : "user:1")),
                new Client("share", john, i -> Api.body("isPublic", true)),
                new Client("jane seen", jane, i -> Api.body("hasSeen", i % 2 == 0)),
                new Client("john bookmark", john, i -> Api.body("isBookmarked", i % 2 == 0)),
                new Client("jane subscription", jane, i -> Api.body("isSubscribed", i % 2 == 0)),
                new Client("john seen", john, i -> Api.body("hasSeen", i % 2 == 0)));

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            Client client = clients.get(c);
            String clientPath = baseOf.apply(c) + path;
            running.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    Api.Answer answer = Api.put(clientPath, client.token(), client.body().apply(i));
                    statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> f : running) {
            f.get(5, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        int total = clients.size() * REQUESTS_PER_CLIENT;
        System.out.printf("concurrency: %d PUTs by %d clients on one issue in %.2f s (%.0f/s), statuses %s%n",
                total, clients.size(), seconds, total / seconds, new TreeMap<>(statuses));

        assertEquals(Map.of(200, total), toPlain(statuses), "every request succeeded");
        int last = REQUESTS_PER_CLIENT - 1;
        assertEquals(priorities[last % 3], Fixtures.value("select priority from issue where id = ?", id));
        assertEquals(last % 2 == 0 ? "resolved" : "unresolved", Fixtures.value("select status from issue where id = ?", id));
        assertEquals(last % 2 == 0 ? 2L : 1L, Fixtures.value("select assignee_user_id from issue where id = ?", id));
        assertEquals(1L, Fixtures.single("select count(*) from issue_share where issue_id = ?", id));
        assertEquals(last % 2 == 0, Fixtures.value(
                "select last_seen_at is not null from issue_user_state where issue_id = ? and user_id = 1", id));
        assertEquals(last % 2 == 0, Fixtures.value(
                "select last_seen_at is not null from issue_user_state where issue_id = ? and user_id = 2", id));
        assertEquals(last % 2 == 0, Fixtures.value(
                "select bookmarked_at is not null from issue_user_state where issue_id = ? and user_id = 2", id));
        assertEquals(last % 2 == 0, Fixtures.value(
                "select subscribed from issue_user_state where issue_id = ? and user_id = 1", id));

        Map<String, Long> activity = new TreeMap<>();
        Fixtures.rows("select type, count(*) from activity where issue_id = ? group by type", id)
                .forEach(r -> activity.put((String) r.get(0), ((Number) r.get(1)).longValue()));
        long resolves = (REQUESTS_PER_CLIENT + 1) / 2;
        assertEquals(Map.of(
                        "set_priority", (long) REQUESTS_PER_CLIENT,
                        "set_resolved", resolves,
                        "set_unresolved", REQUESTS_PER_CLIENT - resolves,
                        "assigned", (long) REQUESTS_PER_CLIENT,
                        "set_public", (long) REQUESTS_PER_CLIENT),
                activity, "one activity per effective change");

        // and a client that read the issue before all this is refused, changing nothing
        Api.Answer stale = Api.send("PUT", baseOf.apply(0) + path, jane, Api.body("priority", "high"), List.of("If-Match", "\"0\""));
        assertEquals(412, stale.status());
        assertEquals(priorities[last % 3], Fixtures.value("select priority from issue where id = ?", id));
        JsonObject issue = Api.get(baseOf.apply(1) + path, jane).object();
        assertTrue(issue.getBoolean("isPublic"));
    }

    private static Map<Integer, Integer> toPlain(Map<Integer, AtomicInteger> counts) {
        Map<Integer, Integer> plain = new TreeMap<>();
        counts.forEach((k, v) -> plain.put(k, v.get()));
        return plain;
    }
}
