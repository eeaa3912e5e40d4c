package dev.triage.ingest.boundary;

import dev.triage.ingest.control.EventsCounted;
import dev.triage.platform.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Ingestion's background metric: the events counted. With {@code triage_events_accepted_total}
 * (counted where the SDKs' requests are answered) it shows how far counting is behind.
 */
@ApplicationScoped
class IngestMetrics {

    @Inject
    Metrics metrics;

    void counted(@Observes EventsCounted batch) {
        metrics.counter("triage_events_counted", "Stored events added to their issues' counters").increment(batch.events());
    }
}
