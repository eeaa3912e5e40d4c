package dev.triage.it;

import static dev.triage.it.Ingest.envelope;
import static dev.triage.it.Ingest.exceptionEvent;
import static dev.triage.it.Ingest.newEventId;
import static dev.triage.it.Ingest.postEnvelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentry.DataCategory;
import io.sentry.Sentry;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Client keys' rate limits ({@code rateLimit {window, count}}) enforced on the SDK endpoints as
 * Sentry does: past the limit within a window, 429 with {@code Retry-After} and
 * {@code X-Sentry-Rate-Limits}, nothing stored; the next window accepts again. The real Java SDK
 * reads the header and stops sending until then.
 */
abstract class KeyRateLimitTests {

    private static final Pattern RATE_LIMITS = Pattern.compile("^(\\d+):default;error;security:key:key_quota$");

    static String keysPath(Ingest.Project project) {
        return "/api/0/projects/" + Ingest.ORG + "/" + project.slug() + "/keys/";
    }

    /** Sets (or with "null" removes) the project's key's rate limit through the keys API. */
    static void limit(Ingest.Project project, String rateLimit) {
        Api.Answer keys = Api.get(keysPath(project), Tokens.jane());
        String id = keys.array().stream().map(v -> v.asJsonObject())
                .filter(k -> k.getString("public").equals(project.publicKey())).findFirst().orElseThrow().getString("id");
        Api.Answer changed = Api.put(keysPath(project) + id + "/", Tokens.jane(), "{\"rateLimit\": " + rateLimit + "}");
        assertEquals(200, changed.status(), changed::toString);
    }

    /** Waits for the start of a fixed window (counted from the epoch, as the service counts them). */
    static void awaitFreshWindow(int windowSeconds) {
        long windowMillis = windowSeconds * 1000L;
        long intoWindow = System.currentTimeMillis() % windowMillis;
        Waiting.sleep(windowMillis - intoWindow + 100);
    }

    static Api.Answer sendOne(Ingest.Project project) {
        String id = newEventId();
        return postEnvelope(project, envelope(id, exceptionEvent(id, "Limited", "x", null, null)));
    }

    @Test
    void pastTheLimitEventsAre429WithSentrysHeadersAndNothingStored() {
        Ingest.Project project = Ingest.project("limit");
        // windows long enough for the requests below to fall into one on a loaded machine
        limit(project, "{\"window\": 10, \"count\": 2}");
        awaitFreshWindow(10);

        assertEquals(200, sendOne(project).status());
        assertEquals(200, sendOne(project).status());
        Api.Answer refused = sendOne(project);
        assertEquals(429, refused.status(), refused::toString);
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);
        Matcher limits = RATE_LIMITS.matcher(refused.header("X-Sentry-Rate-Limits").orElseThrow());
        assertTrue(limits.matches(), refused.header("X-Sentry-Rate-Limits").orElseThrow());
        assertEquals(retryAfter, Long.parseLong(limits.group(1)));
        assertTrue(refused.header("X-Sentry-Error").orElseThrow().contains("rate limit"));
        assertTrue(refused.object().getString("detail").contains("2 events per 10 seconds"), refused::toString);

        // the legacy endpoint counts on the same key; an envelope without an event is no error event
        String id = newEventId();
        Api.Answer store = Ingest.post(project.storeUrl(), exceptionEvent(id, "Limited", "x", null, null)
                .getBytes(StandardCharsets.UTF_8), "X-Sentry-Auth", project.auth());
        assertEquals(429, store.status(), store::toString);
        Api.Answer session = postEnvelope(project, "{}\n{\"type\":\"session\"}\n{\"sid\":\"" + newEventId() + "\"}\n");
        assertEquals(200, session.status(), session::toString);
        assertEquals(2, Ingest.storedEvents(project.id()), "nothing of a refused request is stored");

        Waiting.sleep(retryAfter * 1000 + 100);
        assertEquals(200, sendOne(project).status(), "the next window accepts again");
        assertEquals(3, Ingest.storedEvents(project.id()));
        Ingest.awaitCounted(project.id());
        assertEquals(3L, Fixtures.value("select times_seen from issue where project_id = ?", project.id()));
    }

    @Test
    void removingTheLimitLiftsItAtOnce() {
        Ingest.Project project = Ingest.project("limit-lift");
        limit(project, "{\"window\": 3600, \"count\": 1}");
        assertEquals(200, sendOne(project).status());
        assertEquals(429, sendOne(project).status());
        limit(project, "null");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, sendOne(project).status());
        }
        assertEquals(4, Ingest.storedEvents(project.id()));
    }

    /**
     * The count is kept in the database, so every service instance on it shares it: what another
     * instance counted (written here as it would write it) uses up this instance's window too.
     */
    @Test
    void theCountIsSharedThroughTheDatabase() {
        Ingest.Project project = Ingest.project("limit-shared");
        limit(project, "{\"window\": 3600, \"count\": 5}");
        long keyId = Fixtures.single("select id from client_key where public_key = ?", project.publicKey());
        Fixtures.execute("insert into client_key_usage (client_key_id, window_start, used)"
                + " values (?, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), 4)", keyId);
        assertEquals(200, sendOne(project).status(), "the fifth event of the hour");
        assertEquals(429, sendOne(project).status(), "the sixth");
        assertEquals(1, Ingest.storedEvents(project.id()));
    }

    /** The real Java SDK reads X-Sentry-Rate-Limits: it sends nothing more until the window ends. */
    @Test
    void theJavaSdkHoldsBackUntilTheWindowEnds() {
        Ingest.Project project = Ingest.project("limit-sdk");
        limit(project, "{\"window\": 12, \"count\": 1}");
        Sentry.init(options -> {
            options.setDsn(project.dsn());
            options.setEnableUncaughtExceptionHandler(false);
            options.setSendClientReports(false);
        });
        try {
            awaitFreshWindow(12);
            capture("first");
            assertEquals(1, Ingest.storedEvents(project.id()));
            double refusedBefore = refused429();
            capture("second, past the limit");
            assertEquals(refusedBefore + 1, refused429(), 0.001, "the SDK sent it and heard 429");
            assertTrue(Sentry.getCurrentScopes().getRateLimiter().isActiveForCategory(DataCategory.Error),
                    "the SDK took X-Sentry-Rate-Limits in");
            capture("third, while limited");
            assertEquals(refusedBefore + 1, refused429(), 0.001, "the SDK held it back: no request");
            assertEquals(1, Ingest.storedEvents(project.id()));

            long deadline = System.nanoTime() + 20_000_000_000L;
            while (Sentry.getCurrentScopes().getRateLimiter().isActiveForCategory(DataCategory.Error)
                    && System.nanoTime() < deadline) {
                Waiting.sleep(100);
            }
            assertFalse(Sentry.getCurrentScopes().getRateLimiter().isActiveForCategory(DataCategory.Error));
            capture("fourth, in the next window");
            assertEquals(2, Ingest.storedEvents(project.id()), "the next window accepts again");
        } finally {
            Sentry.close();
        }
    }

    private static void capture(String message) {
        Sentry.captureException(new IllegalStateException(message));
        Sentry.flush(10_000);
    }

    private static double refused429() {
        Matcher m = Pattern.compile("(?m)^triage_events_refused_total\\{[^}]*status=\"429\"[^}]*} (\\S+)$")
                .matcher(MetricsTests.scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
