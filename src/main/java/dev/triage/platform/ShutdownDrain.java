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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A graceful stop on SIGTERM: from the signal on, new requests are answered 503 with
 * {@code Retry-After} and the connection closed (a load balancer or client retries elsewhere),
 * while requests already running finish; once none is left the process ends (exit code 143, as
 * for SIGTERM) and new connections are refused.
 *
 * <p>Why it ends the process itself: Payara Micro's own stop first waits its
 * {@code --shutdowngrace} (the start line: 3 s, so that it does not tear the application down
 * under the running requests), then undeploys the application before it closes the HTTP
 * listener, and for that second it answers requests itself, as HTML 500 and 503. With no request
 * running and new ones refused there is nothing left for an orderly stop to save: transactions
 * are all committed, and the database sees the connections close.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST)
public class ShutdownDrain extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class.getName());

    /** How long running requests get; below the start line's --shutdowngrace (3 s). */
    static final long DRAIN_MILLIS = 2_500;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger running = new AtomicInteger();
    private Thread hook;

    @Inject
    ApiRoutes routes;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        hook = new Thread(this::drain, "shutdown-drain");
        Runtime.getRuntime().addShutdownHook(hook);
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
        running.incrementAndGet();
        try {
            chain.doFilter(request, response);
        } finally {
            running.decrementAndGet();
        }
    }

    private void drain() {
        draining.set(true);
        int atSignal = running.get();
        LOG.info(() -> "Stopping: " + atSignal + " requests running finish, new ones are answered 503");
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        while (running.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info(() -> "Stopped with " + running.get() + " requests still running");
        Runtime.getRuntime().halt(143);
    }

    @Override
    public void destroy() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
            // the JVM is stopping: the hook has run or is running
        }
    }
}
