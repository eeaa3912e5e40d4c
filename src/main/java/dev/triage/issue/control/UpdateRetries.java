package dev.triage.issue.control;

import dev.triage.identity.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.hibernate.StaleStateException;

/**
 * Runs {@link IssueService#update} (one issue or many) so that no update is lost: a write that collided with a
 * concurrent one is re-read and re-applied to the latest state, after a jittered, growing pause,
 * up to {@link #MAX_ATTEMPTS} times. The first attempt is optimistic (no lock: the common case
 * costs nothing more); a retry locks the issues' rows before reading them. Optimistic retries
 * alone promise no progress: with eight writers on one issue over two instances on a busy machine,
 * a writer lost all of its 20 races (the 409 FaultIT once saw); a locked retry waits for the
 * writers ahead of it instead of racing them again. A conditional update ({@code If-Match}) is
 * never retried: the collision means its version is stale. Lives apart from the service because
 * the retry must start a new transaction each time (a self-call would skip the transaction
 * interceptor).
 */
@ApplicationScoped
public class UpdateRetries {

    static final int MAX_ATTEMPTS = 20;
    static final long BASE_PAUSE_MILLIS = 5;
    static final long MAX_PAUSE_MILLIS = 400;

    private static final Logger LOG = Logger.getLogger(UpdateRetries.class.getName());

    @Inject
    IssueService service;

    /** Observed by the boundary's metrics; control knows nothing of how they are shown. */
    @Inject
    Event<ConflictRetried> conflicts;

    /** @see IssueService#update */
    public UpdateOutcome update(Caller caller, UpdateTarget target, IssueUpdate update, Long expectedVersion) {
        Supplier<RuntimeException> stale = null;
        if (expectedVersion != null && target instanceof UpdateTarget.OneIssue one) {
            stale = () -> new StaleIssueVersion(service.currentVersion(caller, one.organization(), one.issueId()));
        }
        UpdateAttempt[] attempt = {UpdateAttempt.first()};
        return retrying(n -> {
            if (n > 1) {
                attempt[0] = attempt[0].next();
            }
            return service.update(caller, target, update, expectedVersion, attempt[0]);
        }, stale);
    }

    /** Runs another write of an issue's rows (a comment) with the same retries on conflicts. */
    public <T> T retrying(Supplier<T> attempt) {
        return retrying(n -> attempt.get(), null);
    }

    /**
     * @param attempt one attempt, given its number (1 for the first)
     * @param stale what a conflict means when the update was conditional (no retry then), or null
     */
    private <T> T retrying(IntFunction<T> attempt, Supplier<RuntimeException> stale) {
        RuntimeException last = null;
        for (int n = 1; n <= MAX_ATTEMPTS; n++) {
            try {
                return attempt.apply(n);
            } catch (RuntimeException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                if (stale != null) {
                    throw stale.get();
                }
                last = e;
                conflicts.fire(new ConflictRetried(false));
                pause(n);
            }
        }
        LOG.warning(() -> "An issue update gave up after " + MAX_ATTEMPTS + " conflicting attempts");
        conflicts.fire(new ConflictRetried(true));
        throw new UpdateConflict(MAX_ATTEMPTS, last);
    }

    /** A lost race: another transaction changed the issue (version check) or created the same row first. */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException
                    || t instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("23505") || sql.getSQLState().equals("40001")
                        || sql.getSQLState().equals("40P01"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Full jitter over an exponentially growing window. */
    static void pause(int attempt) {
        long window = Math.min(MAX_PAUSE_MILLIS, BASE_PAUSE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, window + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateConflict(attempt, e);
        }
    }
}
