package dev.triage.issue.boundary;

import dev.triage.issue.control.ConflictRetried;
import dev.triage.platform.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The issue API's own metrics: optimistic-lock conflicts retried and given up (the 409s). */
@ApplicationScoped
class IssueMetrics {

    @Inject
    Metrics metrics;

    void conflict(@Observes ConflictRetried conflict) {
        if (conflict.gaveUp()) {
            metrics.counter("triage_optimistic_lock_exhausted", "Updates answered 409 after running out of retries")
                    .increment();
        } else {
            metrics.counter("triage_optimistic_lock_retries", "Updates re-applied after an optimistic-lock conflict")
                    .increment();
        }
    }
}
