package dev.triage.it;

import static dev.triage.it.Ingest.envelope;
import static dev.triage.it.Ingest.exceptionEvent;
import static dev.triage.it.Ingest.newEventId;
import static dev.triage.it.Ingest.postEnvelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The triage rules of §7, each driven by events over the SDK endpoint and checked through the
 * issue API: the release rules of a resolution, every ignore condition, discarded, deleted and
 * merged issues.
 */
abstract class TriageRuleTests {

    /** Sends one event of the project's one code path ("E" thrown in shop.Checkout.pay). */
    static void send(Ingest.Project project, String release, String user) {
        String id = newEventId();
        assertEquals(200, postEnvelope(project, envelope(id, exceptionEvent(id, "E", "x", release, user))).status());
    }

    static void sendType(Ingest.Project project, String type) {
        String id = newEventId();
        assertEquals(200, postEnvelope(project, envelope(id, exceptionEvent(id, type, "x", null, null))).status());
    }

    static long firstIssue(Ingest.Project project, String release) {
        send(project, release, "u-0");
        return Ingest.awaitSingleIssue(project, 1);
    }

    static JsonObject put(long id, String body) {
        Api.Answer answer = Api.put("/api/0/issues/" + id + "/", Tokens.jane(), body);
        assertEquals(200, answer.status(), answer::toString);
        return answer.object();
    }

    static JsonObject awaitCount(long id, int count) {
        return Ingest.awaitIssue(id, i -> i.getString("count").equals(Integer.toString(count)), "count " + count);
    }

    @Test
    void resolvedInNextReleaseRegressesOnlyOnANewerRelease() {
        Ingest.Project project = Ingest.project("rule-next");
        long id = firstIssue(project, "app@1.0.0");
        put(id, "{\"status\": \"resolvedInNextRelease\"}");

        send(project, "app@1.0.0", "u-1");
        send(project, null, "u-1");
        assertEquals("resolved", awaitCount(id, 3).getString("status"), "the same release, or none, does not regress");

        send(project, "app@1.0.1", "u-1");
        JsonObject issue = Ingest.awaitIssue(id, i -> i.getString("status").equals("unresolved"), "a regression");
        assertEquals("regressed", issue.getString("substatus"));
        assertEquals("app@1.0.1", issue.getJsonArray("activity").getJsonObject(0).getJsonObject("data").getString("version"));
    }

    @Test
    void resolvedInReleaseRegressesOnThatReleaseOrANewerOne() {
        Ingest.Project project = Ingest.project("rule-in");
        long id = firstIssue(project, "app@2.0.0");
        send(project, "app@1.9.0", "u-1");
        awaitCount(id, 2);
        put(id, "{\"status\": \"resolved\", \"statusDetails\": {\"inRelease\": \"app@2.0.0\"}}");

        send(project, "app@1.9.0", "u-1");
        assertEquals("resolved", awaitCount(id, 3).getString("status"), "an older release does not regress");
        send(project, "app@2.0.0", "u-1");
        assertEquals("regressed", Ingest.awaitIssue(id, i -> i.getString("status").equals("unresolved"), "a regression")
                .getString("substatus"));
    }

    @Test
    void ignoreUntilUsersExpiresOnTheNthDistinctUser() {
        Ingest.Project project = Ingest.project("rule-users");
        long id = firstIssue(project, null);
        put(id, "{\"status\": \"ignored\", \"statusDetails\": {\"ignoreUserCount\": 2}}");
        send(project, null, "u-1");
        send(project, null, "u-1");
        assertEquals("ignored", awaitCount(id, 3).getString("status"), "one user since ignoring");
        send(project, null, "u-2");
        JsonObject issue = Ingest.awaitIssue(id, i -> i.getString("status").equals("unresolved"), "the ignore expiring");
        assertEquals("escalating", issue.getString("substatus"));
        assertEquals("set_escalating", issue.getJsonArray("activity").getJsonObject(0).getString("type"));
    }

    @Test
    void ignoreCountWithinAWindow() {
        Ingest.Project project = Ingest.project("rule-window");
        long id = firstIssue(project, null);
        put(id, "{\"status\": \"ignored\", \"statusDetails\": {\"ignoreCount\": 2, \"ignoreWindow\": 60}}");
        send(project, null, null);
        assertEquals("ignored", awaitCount(id, 2).getString("status"));
        send(project, null, null);
        assertEquals("escalating", Ingest.awaitIssue(id, i -> i.getString("status").equals("unresolved"), "expiry")
                .getString("substatus"));
    }

    @Test
    void ignoreForADurationEndsWithoutEvents() {
        Ingest.Project project = Ingest.project("rule-time");
        long id = firstIssue(project, null);
        put(id, "{\"status\": \"ignored\", \"statusDetails\": {\"ignoreDuration\": 30}}");
        // the half hour passes: what the clock would do, without waiting for it
        Fixtures.execute("update issue set snooze_until = now() - interval '1 second' where id = ?", id);
        JsonObject issue = Ingest.awaitIssue(id, i -> i.getString("status").equals("unresolved"), "the time passing");
        assertEquals("ongoing", issue.getString("substatus"));
        assertTrue(issue.getJsonObject("statusDetails").isEmpty());
        assertEquals("set_unresolved", issue.getJsonArray("activity").getJsonObject(0).getString("type"));
        assertEquals("1", issue.getString("count"), "no event was needed");
    }

    @Test
    void aNewIssueIsOngoingAfterAWeekWithoutEvents() {
        Ingest.Project project = Ingest.project("rule-week");
        long id = firstIssue(project, null);
        assertEquals("new", Ingest.issue(id).getString("substatus"));
        // a week passes: what the clock would do, without waiting for it
        Fixtures.execute("update issue set first_seen = now() - interval '8 days' where id = ?", id);
        JsonObject issue = Ingest.awaitIssue(id, i -> "ongoing".equals(i.getString("substatus", null)), "the week passing");
        assertEquals("unresolved", issue.getString("status"));
        assertEquals("auto_set_ongoing", issue.getJsonArray("activity").getJsonObject(0).getString("type"));
    }

    @Test
    void ignoredForeverNeverComesBack() {
        Ingest.Project project = Ingest.project("rule-forever");
        long id = firstIssue(project, null);
        put(id, "{\"status\": \"ignored\"}");
        for (int i = 0; i < 12; i++) {
            send(project, null, "u-" + i);
        }
        JsonObject issue = awaitCount(id, 13);
        assertEquals("ignored", issue.getString("status"));
        assertEquals(12, issue.getInt("userCount"), "u-0 sent the first event too");
    }

    @Test
    void eventsOfADiscardedIssueAreDropped() {
        Ingest.Project project = Ingest.project("rule-discard");
        long id = firstIssue(project, null);
        Api.Answer discarded = Api.put("/api/0/issues/" + id + "/", Tokens.jane(), "{\"discard\": true}");
        assertEquals(204, discarded.status(), discarded::toString);

        send(project, null, "u-1");
        assertEquals(0, Ingest.storedEvents(project.id()), "the discarded issue's events went with it; new ones are dropped");
        assertEquals(0, Ingest.issues(project.id()));
        sendType(project, "Other");
        assertEquals(1, Ingest.storedEvents(project.id()), "another error still makes an issue");
    }

    @Test
    void eventsOfADeletedIssueAreDropped() {
        Ingest.Project project = Ingest.project("rule-delete");
        long id = firstIssue(project, null);
        assertEquals(202, Api.send("DELETE", "/api/0/issues/" + id + "/", Tokens.jane(), null, List.of()).status());
        send(project, null, "u-1");
        assertEquals(1, Ingest.storedEvents(project.id()));
    }

    @Test
    void eventsOfAMergedIssueCountOnTheParent() {
        Ingest.Project project = Ingest.project("rule-merge");
        sendType(project, "First");
        sendType(project, "First");
        sendType(project, "Second");
        Ingest.awaitCounted(project.id());
        List<JsonObject> issues = Ingest.listIssues(project);
        assertEquals(2, issues.size());
        String a = issues.get(0).getString("id");
        String b = issues.get(1).getString("id");
        Api.Answer merged = Api.put("/api/0/projects/" + Ingest.ORG + "/" + project.slug() + "/issues/?id=" + a + "&id=" + b,
                Tokens.jane(), "{\"merge\": true}");
        assertEquals(200, merged.status(), merged::toString);
        long parent = Long.parseLong(merged.object().getJsonObject("merge").getString("parent"));

        sendType(project, "First");
        sendType(project, "Second");
        JsonObject issue = awaitCount(parent, 5);
        assertEquals(5, Ingest.storedEvents(project.id()));
        Api.Answer events = Api.get("/api/0/issues/" + parent + "/events/", Tokens.jane());
        assertEquals(5, events.array().size(), "the parent lists the child's events too");
        assertEquals(5, issue.getJsonObject("stats").getJsonArray("24h").stream()
                .mapToLong(p -> p.asJsonArray().getJsonNumber(1).longValue()).sum());
    }

    /**
     * An ignored issue's "until N more events" counts the events of the issues merged into it
     * since it was ignored, as its stats do (Sentry merges the time series it checks).
     */
    @Test
    void anIgnoreCountsTheEventsOfIssuesMergedIntoIt() {
        Ingest.Project project = Ingest.project("rule-merge-ignore");
        for (int i = 0; i < 3; i++) {
            sendType(project, "Ignored");
        }
        long ignored = Ingest.awaitSingleIssue(project, 3);
        put(ignored, "{\"status\": \"ignored\", \"statusDetails\": {\"ignoreCount\": 3}}");
        sendType(project, "Other");
        sendType(project, "Other");
        Ingest.awaitCounted(project.id());
        long other = Ingest.listIssues(project).stream().map(i -> Long.parseLong(i.getString("id")))
                .filter(id -> id != ignored).findFirst().orElseThrow();
        Api.Answer merged = Api.put("/api/0/projects/" + Ingest.ORG + "/" + project.slug() + "/issues/?id=" + ignored
                + "&id=" + other, Tokens.jane(), "{\"merge\": true}");
        assertEquals(200, merged.status(), merged::toString);
        assertEquals(Long.toString(ignored), merged.object().getJsonObject("merge").getString("parent"),
                "the issue with more events is the parent");
        assertEquals("ignored", awaitCount(ignored, 5).getString("status"), "a merge is no event");

        sendType(project, "Ignored");
        JsonObject issue = Ingest.awaitIssue(ignored, i -> i.getString("status").equals("unresolved"),
                "the third event since ignoring (two of them on the merged issue)");
        assertEquals("escalating", issue.getString("substatus"));
    }

    /**
     * Events keep arriving on several issues while they are merged again and again: every event
     * accepted must end up counted once on the one issue left, with its distinct users and its
     * timeline. (A merge that wrote counters back from the entities it had read lost the events
     * the background batch counted meanwhile, and those still queued on a child.)
     */
    @Test
    void mergingWhileEventsArriveLosesNoCount() throws Exception {
        Ingest.Project project = Ingest.project("rule-merge-race");
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger merges = new java.util.concurrent.atomic.AtomicInteger();
        // at least 240 events and 5 merges while they arrive, however fast the machine is
        int least = 240;
        int most = 3000;
        List<Thread> senders = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread sender = new Thread(() -> {
                for (int n = sent.getAndIncrement(); n < most && (n < least || merges.get() < 5);
                     n = sent.getAndIncrement()) {
                    String id = newEventId();
                    // a new error every 15 events: new issues keep appearing to be merged
                    String event = exceptionEvent(id, "Burst" + (n / 15), "x", null, "u-" + (n % 20));
                    if (postEnvelope(project, envelope(id, event)).status() == 200) {
                        accepted.incrementAndGet();
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        while (senders.stream().anyMatch(Thread::isAlive)) {
            if (mergeAll(project)) {
                merges.incrementAndGet();
            }
            Thread.sleep(50);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        Ingest.awaitCounted(project.id());
        mergeAll(project);
        assertTrue(merges.get() >= 5, "merged only " + merges + " times while events arrived");
        int total = accepted.get();
        assertTrue(total >= least, "accepted " + total);
        long stored = Fixtures.single("select count(*) from event where project_id = ?", project.id());
        assertEquals(total, stored, "every accepted event is stored");

        List<JsonObject> issues = Ingest.listIssues(project);
        assertEquals(1, issues.size(), "everything was merged into one issue");
        long parent = Long.parseLong(issues.get(0).getString("id"));
        JsonObject issue = awaitCount(parent, total);
        assertEquals(20, issue.getInt("userCount"), "each user counts once across the merged issues");
        assertEquals(total, issue.getJsonObject("stats").getJsonArray("24h").stream()
                .mapToLong(p -> p.asJsonArray().getJsonNumber(1).longValue()).sum());
    }

    /** Merges every unresolved issue of the project; answers whether there were two or more. */
    private static boolean mergeAll(Ingest.Project project) {
        List<JsonObject> issues = Ingest.listIssues(project);
        if (issues.size() < 2) {
            return false;
        }
        String ids = String.join("&", issues.stream().map(i -> "id=" + i.getString("id")).toList());
        Api.Answer merged = Api.put("/api/0/projects/" + Ingest.ORG + "/" + project.slug() + "/issues/?" + ids,
                Tokens.jane(), "{\"merge\": true}");
        assertEquals(200, merged.status(), merged::toString);
        return true;
    }
}
