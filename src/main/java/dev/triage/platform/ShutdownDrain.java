package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.SocketBinder;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.HttpServerProbe;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * A graceful stop on SIGTERM: from the signal on, the HTTP listeners accept no new connections,
 * new requests on open connections are answered 503 with {@code Retry-After} and the connection
 * closed (a load balancer or client retries elsewhere), while requests already running finish;
 * once none is left (or after {@link #DRAIN_MILLIS}) the process ends with exit code 143, as for
 * SIGTERM.
 *
 * <p>A request counts as running from the moment the HTTP server has read its head until its
 * answer has left the server's write queue (a probe on Grizzly's HTTP server filter), not only
 * while it passes this filter: a request still in authentication when the signal came, or whose
 * answer was still being written, would otherwise be cut off unanswered.
 *
 * <p>Why it ends the process itself: Payara Micro's own stop undeploys the application before it
 * closes the HTTP listener, and for that second it answers requests itself, as HTML 500 and 503.
 * With no request running and new ones refused there is nothing left for an orderly stop to save:
 * transactions are all committed, and the database sees the connections close. The JVM runs
 * shutdown hooks at the same time, so Payara's must wait until the drain is done: its
 * {@code --shutdowngrace} does that, and this filter sets it ({@value #PAYARA_GRACE}) when the start
 * line did not, so that every start line (the run command, the runnable jar with or without the
 * option) drains alike.
 *
 * <p>What the drain reports goes straight to the server's log handlers, kept from the start: the
 * JDK's logging has a shutdown hook of its own, which runs as soon as the signal comes, at the same
 * time as the drain, and takes every handler off the loggers, so a line logged the usual way
 * during the drain went nowhere. The console handler (the service's log) keeps writing after that
 * hook closed it; closed file handlers write nothing.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST)
public class ShutdownDrain extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class.getName());

    /** How long running requests get; below Payara's grace ({@link #GRACE_MILLIS}). */
    static final long DRAIN_MILLIS = 2_500;

    /** Payara's shutdown hook sleeps this long (milliseconds) before it stops the server. */
    static final String PAYARA_GRACE = "fish.payara.shutdowngrace";
    static final long GRACE_MILLIS = 3_000;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger running = new AtomicInteger();
    private final List<HttpListener> listeners = new ArrayList<>();
    private final List<HttpServerFilter> counted = new ArrayList<>();
    private final RequestCounter counter = new RequestCounter();
    private final List<Handler> logHandlers = new ArrayList<>();
    private boolean reportsInfo;
    private Thread hook;

    @Inject
    ApiRoutes routes;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        holdPayarasStop();
        logHandlers.addAll(List.of(Logger.getLogger("").getHandlers()));
        reportsInfo = LOG.isLoggable(Level.INFO); // the configured level: the reset at shutdown forgets it
        try {
            for (HttpListener listener : HttpListener.running()) {
                listeners.add(listener);
                for (HttpListener.Placed<HttpServerFilter> server : listener.filters(HttpServerFilter.class)) {
                    server.filter().getMonitoringConfig().addProbes(counter);
                    counted.add(server.filter());
                }
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("On SIGTERM, only requests past authentication are waited for: " + e);
        }
        hook = new Thread(this::drain, "shutdown-drain");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void holdPayarasStop() {
        long grace;
        try {
            grace = Long.parseLong(System.getProperty(PAYARA_GRACE, "0"));
        } catch (NumberFormatException e) {
            grace = 0;
        }
        if (grace < GRACE_MILLIS) {
            System.setProperty(PAYARA_GRACE, Long.toString(GRACE_MILLIS));
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (draining.get()) {
            ApiFailure.of(503, "The service is stopping. Retry shortly.")
                    .withHeader("Retry-After", Integer.toString(DatabaseAvailability.RETRY_AFTER_SECONDS))
                    .withHeader("Connection", "close")
                    .write(response, routes.methodsOf(request.getRequestURI().substring(request.getContextPath().length())));
            return;
        }
        if (counted.isEmpty()) { // no probe on the HTTP server: count here at least
            running.incrementAndGet();
            try {
                chain.doFilter(request, response);
            } finally {
                running.decrementAndGet();
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    private void drain() {
        draining.set(true);
        for (HttpListener listener : listeners) {
            if (listener.transport() instanceof SocketBinder binder) {
                binder.unbindAll(); // new connections are refused from now on
            }
        }
        int atSignal = running.get();
        report("Stopping: " + atSignal + " requests running finish, new ones are refused");
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        while (running.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        report("Stopped with " + running.get() + " requests still running");
        Runtime.getRuntime().halt(143);
    }

    /** An INFO line of this class, to the handlers the server had when the service started. */
    private void report(String message) {
        if (!reportsInfo) {
            return;
        }
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName(LOG.getName());
        record.setSourceClassName(ShutdownDrain.class.getName());
        record.setSourceMethodName("drain");
        for (Handler handler : logHandlers) {
            try {
                handler.publish(record);
                handler.flush();
            } catch (RuntimeException e) {
                // a handler that fails must not keep the process from ending
            }
        }
    }

    @Override
    public void destroy() {
        counted.forEach(server -> server.getMonitoringConfig().removeProbes(counter));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
            // the JVM is stopping: the hook has run or is running
        }
    }

    /** Counts requests from their head read until their answer is flushed to the connection. */
    private final class RequestCounter extends HttpServerProbe.Adapter {

        @Override
        public void onRequestReceiveEvent(HttpServerFilter filter, Connection connection, Request request) {
            running.incrementAndGet();
        }

        @Override
        public void onRequestCompleteEvent(HttpServerFilter filter, Connection connection, Response response) {
            // the answer is written; it has left the server once the connection's write queue got this far
            response.getRequest().getContext().flush(new EmptyCompletionHandler<>() {
                @Override
                public void completed(Object result) {
                    running.decrementAndGet();
                }

                @Override
                public void failed(Throwable error) {
                    running.decrementAndGet();
                }

                @Override
                public void cancelled() {
                    running.decrementAndGet();
                }
            });
        }
    }
}
