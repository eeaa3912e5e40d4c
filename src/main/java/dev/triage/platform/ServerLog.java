package dev.triage.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Arrays;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console log, set up when the service is deployed (before Payara's "ready" line).
 * <ul>
 * <li>{@code LOG_FORMAT=json}: one JSON object per line (Payara's own JSON formatter: timestamp,
 * level, logger, thread, message) for log shippers; the few lines before the deployment (normally
 * none at INFO) keep the text format of {@code server-config/logging.properties}.</li>
 * <li>Payara's list of every REST endpoint at start (it grows with the API; {@code /openapi}
 * describes it) becomes one line saying where the service listens.</li>
 * </ul>
 */
@ApplicationScoped
public class ServerLog {

    static final String JSON_FORMATTER = "fish.payara.enterprise.server.logging.JSONLogFormatter";
    static final String PAYARA = "PayaraMicro";

    private static final Logger LOG = Logger.getLogger(ServerLog.class.getName());

    @Inject
    @ConfigProperty(name = "log.format", defaultValue = "text")
    String format;

    private final java.util.List<Handler> condensing = new java.util.ArrayList<>();

    /** Before the other start-up observers (database, keys), so their lines are in the chosen format. */
    void format(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object ignored) {
        boolean json = "json".equalsIgnoreCase(format.strip());
        if (!json && !"text".equalsIgnoreCase(format.strip())) {
            LOG.warning(() -> "LOG_FORMAT=" + format + " is neither text nor json; keeping text");
        }
        if (!json) {
            return;
        }
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            try {
                // Payara's formatters live in its logging module, which the configured one came from
                ClassLoader payara = handler.getFormatter().getClass().getClassLoader();
                Class<?> type = Class.forName(JSON_FORMATTER, true, payara);
                handler.setFormatter((Formatter) type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                LOG.warning(() -> "Cannot switch the log to JSON: " + e);
            }
        }
    }

    /**
     * After the start-up observers succeeded (a failed deployment leaves no filter of its class
     * loader behind on the server's handlers); removed again when the service stops.
     */
    void condenseStartSummary(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) @Initialized(ApplicationScoped.class) Object ignored) {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler.getFilter() == null) {
                handler.setFilter(ServerLog::condense);
                condensing.add(handler);
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        condensing.forEach(handler -> handler.setFilter(null));
        condensing.clear();
    }

    /**
     * Shortens Payara's list of URLs and REST endpoints to the URLs; always true. (The instance
     * summary stays as it is: Arquillian's Payara Micro container reads it to find the deployment.)
     */
    static boolean condense(LogRecord record) {
        String message = record.getMessage();
        if (!PAYARA.equals(record.getLoggerName()) || message == null) {
            return true;
        }
        int urls = message.indexOf("Payara Micro URLs:");
        if (urls >= 0) {
            String listening = Arrays.stream(message.substring(urls).split("\\R")).skip(1)
                    .takeWhile(line -> !line.isBlank()).map(String::strip).collect(Collectors.joining(", "));
            record.setMessage("Listening on " + listening);
        }
        return true;
    }
}
