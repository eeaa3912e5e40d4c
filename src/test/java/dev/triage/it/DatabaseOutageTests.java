package dev.triage.it;

import static dev.triage.it.Waiting.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The database stopped for 5 s and started again under a load of PUTs (issue #9): 503 with
 * {@code Retry-After} and Sentry's body while it is gone, one log line when it goes and one when it
 * is back, recovery within 5 s of its return without restarting the service, and every PUT that
 * was answered 200 is in the database (and none that was not).
 */
abstract class DatabaseOutageTests {

    static final int CLIENTS = 4;
    static final long OUTAGE_MILLIS = 5_000;

    record Outcome(long issue, int status, long atMillis, String text, String retryAfter) {}

    @Test
    void anOutageIs503ThenTheServiceRecoversAndLosesNothing() throws Exception {
        String project = Fixtures.newProject(1, "outage");
        List<Long> issues = Fixtures.newIssues(project, 3000, "outage");
        DatabaseControl database = DatabaseControl.of(Path.of(System.getProperty("triage.workDir", "target/it")));
        ServerLog log = ServerLog.mark();
        String token = Tokens.jane();
        AtomicInteger next = new AtomicInteger();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.currentTimeMillis();
        long[] stoppedAt = new long[1];
        long[] startedAt = new long[1];
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            load.add(clients.submit(() -> {
                while (running.get()) {
                    int n = next.getAndIncrement();
                    if (n >= issues.size()) {
                        return;
                    }
                    long id = issues.get(n);
                    Api.Answer answer = Api.put(UpdateIssueTests.path(id), token, "{\"status\": \"resolved\"}");
                    outcomes.add(new Outcome(id, answer.status(), System.currentTimeMillis() - t0, answer.text(),
                            answer.header("Retry-After").orElse(null)));
                    if (answer.status() == 503) {
                        sleep(50);
                    }
                }
            }));
        }
        try {
            sleep(1500);
            stoppedAt[0] = System.currentTimeMillis() - t0;
            database.stop();
            sleep(OUTAGE_MILLIS);
            startedAt[0] = System.currentTimeMillis() - t0;
            database.start();
            sleep(7000);
        } finally {
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            clients.shutdown();
        }

        Map<Integer, Integer> statuses = new TreeMap<>();
        outcomes.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
        System.out.printf("Database outage under load: %s; stopped at %d ms, started at %d ms%n",
                statuses, stoppedAt[0], startedAt[0]);
        assertEquals(java.util.Set.of(200, 503), statuses.keySet(), () -> "only 200 and 503: " + statuses);
        for (Outcome o : outcomes) {
            if (o.status() == 503) {
                assertEquals("{\"detail\":\"The database is unavailable. Retry shortly.\"}", o.text());
                assertEquals("2", o.retryAfter());
            }
        }
        long firstOkAfterStart = outcomes.stream().filter(o -> o.status() == 200 && o.atMillis() > startedAt[0])
                .mapToLong(Outcome::atMillis).min().orElseThrow(() -> new AssertionError("no 200 after the restart"));
        long lastFailure = outcomes.stream().filter(o -> o.status() == 503).mapToLong(Outcome::atMillis).max().orElse(0);
        long recovery = Math.max(firstOkAfterStart, lastFailure) - startedAt[0];
        System.out.printf("Recovered %d ms after the database was back (first 200 at +%d ms, last 503 at +%d ms)%n",
                recovery, firstOkAfterStart - startedAt[0], lastFailure - startedAt[0]);
        assertTrue(recovery <= 5_000, () -> "recovered " + recovery + " ms after the database's return");

        for (Outcome o : outcomes) {
            String status = (String) Fixtures.value("select status from issue where id = ?", o.issue());
            long activities = Fixtures.single("select count(*) from activity where issue_id = ? and type = 'set_resolved'",
                    o.issue());
            if (o.status() == 200) {
                assertEquals("resolved", status, () -> "answered 200 but not stored: " + o);
                assertEquals(1, activities, () -> "answered 200, activity missing: " + o);
            } else {
                assertEquals("unresolved".equals(status) ? 0 : 1, activities, () -> "half applied: " + o);
            }
        }

        assertEquals(1, log.count("The database is unavailable"), log::text);
        assertEquals(1, log.count("The database is available again"), log::text);
        assertEquals(List.of(), log.stackTraces(), "no stack trace for an outage");
    }

}
