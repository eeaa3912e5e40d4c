package dev.triage.ingest.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs {@link IssueCounters} in the background: a batch every {@code ingest.count.interval.ms}
 * (200 ms), back to back while full batches come, and the time-based rules every 10 s. A failed
 * batch changes nothing (one transaction) and is tried again on the next run.
 */
@ApplicationScoped
public class CountingSchedule {

    private static final Logger LOG = Logger.getLogger(CountingSchedule.class.getName());
    static final int BATCH = 5000;
    static final long SWEEP_EVERY_MS = 10_000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    IssueCounters counters;

    @Inject
    Event<EventsCounted> countedEvents;

    @Inject
    @ConfigProperty(name = "ingest.count.interval.ms", defaultValue = "200")
    long intervalMs;

    private ScheduledFuture<?> task;
    private long lastSweep;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        task = scheduler.scheduleWithFixedDelay(this::run, 1000, intervalMs, TimeUnit.MILLISECONDS);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void run() {
        try {
            int batch;
            do {
                batch = counters.countBatch(BATCH);
                if (batch > 0) {
                    countedEvents.fire(new EventsCounted(batch));
                }
            } while (batch == BATCH); // a full batch: more are waiting
            long now = System.currentTimeMillis();
            if (now - lastSweep >= SWEEP_EVERY_MS) {
                lastSweep = now;
                counters.sweep();
            }
        } catch (RuntimeException e) {
            // typically the database being away or a concurrent edit of an issue: one line, the
            // trace only at FINE (an outage must not flood the log)
            LOG.warning(() -> "Counting events failed (" + rootMessage(e) + "); trying again on the next run");
            LOG.log(Level.FINE, "Counting events failed", e);
        }
    }
}
