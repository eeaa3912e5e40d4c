package dev.triage.it;

import static dev.triage.it.Waiting.sleep;

import dev.triage.dev.DemoService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as its own process, started with the run command's start line or the Dockerfile's
 * (the runnable jar), on the suite's database and key: for the fuzz suite and the fault checks,
 * which must be able to kill it. {@link #shared()} is one instance kept for the rest of the run;
 * every instance is stopped when the test run ends ({@link TestEnvironment}).
 */
final class ServiceProcess implements AutoCloseable {

    private static final List<ServiceProcess> RUNNING = new ArrayList<>();
    private static ServiceProcess shared;

    /** How the process is started. */
    enum StartLine { RUN_COMMAND, RUNNABLE_JAR }

    private final String name;
    private final StartLine line;
    private final int port;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, StartLine line, int port, Path log) {
        this.name = name;
        this.line = line;
        this.port = port;
        this.log = log;
    }

    /** The instance shared by the fuzz suite and the fault checks; started on first use, again after a kill. */
    static synchronized ServiceProcess shared() {
        if (shared == null || !shared.alive()) {
            shared = shared == null ? launch("shared", StartLine.RUN_COMMAND) : shared.restart();
            shared.awaitReady();
        }
        return shared;
    }

    /** Starts an instance on a port of its own; {@link #awaitReady()} waits for it. */
    static ServiceProcess launch(String name, StartLine line) {
        ServiceProcess service = new ServiceProcess(name, line, freePort(),
                Path.of(System.getProperty("triage.workDir", "target/it"), "service-" + name + ".log").toAbsolutePath());
        service.start();
        synchronized (RUNNING) {
            RUNNING.add(service);
        }
        return service;
    }

    private void start() {
        try {
            Path war = Path.of(System.getProperty("triage.war"));
            Files.createDirectories(log.getParent());
            List<String> command = line == StartLine.RUN_COMMAND ? DemoService.startLine(war.getParent(), Integer.toString(port))
                    : DemoService.jarStartLine(war.getParent(), Integer.toString(port));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.putAll(DemoService.ENVIRONMENT);
            env.put("DB_URL", TestEnvironment.database().url());
            env.put("DB_USER", TestEnvironment.database().user());
            env.put("DB_PASSWORD", TestEnvironment.database().password());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", System.getProperty("it.jwt.location"));
            env.put("MP_JWT_VERIFY_ISSUER", TestEnvironment.keys().issuer());
            env.put("BASE_URL", base());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same instance (port, log) started again after it ended. */
    ServiceProcess restart() {
        if (alive()) {
            throw new IllegalStateException(name + " is still running");
        }
        start();
        return this;
    }

    ServiceProcess awaitReady() {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(base() + "/api/0/issues/1/"))
                .header("Authorization", "Bearer " + Tokens.jane()).timeout(Duration.ofSeconds(10)).GET().build();
        while (System.nanoTime() < deadline && alive()) {
            try {
                if (Api.send(probe).status() == 200) {
                    return this;
                }
            } catch (UncheckedIOException notYet) {
                // still booting
            }
            sleep(250);
        }
        throw new IllegalStateException("The service " + name + " did not come up; see " + log);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** kill -9. */
    void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM, as an orchestrator stops a container; returns the process's exit code. */
    int terminate(long seconds) {
        process.destroy();
        return waitFor(seconds);
    }

    private int waitFor(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                return Integer.MIN_VALUE;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroy();
            if (waitFor(30) == Integer.MIN_VALUE) {
                kill();
            }
        }
    }

    static void stopAll() {
        synchronized (RUNNING) {
            RUNNING.forEach(ServiceProcess::close);
            RUNNING.clear();
        }
    }


    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
