package dev.triage.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The service's metrics, served in Prometheus' text format at {@code /metrics}. Features count
 * what matters to them through this facade, e.g.
 * {@code metrics.counter("triage_events_accepted", "Events stored", "project", slug).increment()};
 * names follow Prometheus' conventions (snake case, a {@code _total} suffix is added to counters).
 * Micrometer does the bookkeeping (histograms, exposition), not our own code.
 */
@ApplicationScoped
public class Metrics {

    /** Histogram buckets of request latency, in seconds: enough resolution from 5 ms to 10 s. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        int max = ApiDataSource.class.getAnnotation(DataSourceDefinition.class).maxPoolSize();
        gauge("triage_db_pool_connections_max", "Connections the database pool may open", () -> max);
        gauge("triage_db_pool_connections_in_use", "Database connections held by transactions now",
                CountingConnectionProvider::inUse);
        gauge("triage_db_pool_threads_waiting", "Threads waiting for a database connection now",
                CountingConnectionProvider::waiting);
    }

    /** A counter; the same name and tags always give the same one. {@code tags}: name, value, name, value... */
    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** A gauge that reads {@code value} at each scrape. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A latency histogram (seconds) with {@link #LATENCY_BUCKETS}. */
    public Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    /** Everything in Prometheus' text exposition format. */
    String scrape() {
        return registry.scrape();
    }

    @PreDestroy
    void close() {
        gc.close();
        registry.close();
    }
}
