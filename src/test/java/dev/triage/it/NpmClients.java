package dev.triage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Sentry's real clients from the npm registry: the sentry-cli binary (shipped inside its npm
 * package) and the generated TypeScript client {@code @sentry/api}, installed once per run into
 * {@code target/npm-clients}. Without npm on the machine the tests that need them are skipped,
 * saying so; with npm, a failed install fails them.
 */
final class NpmClients {

    static final String SENTRY_CLI = "@sentry/cli@3.8.0";
    static final String SENTRY_API = "@sentry/api@0.1.0";
    static final String SENTRY_NODE = "@sentry/node@11.12.0";

    private static Path installed;

    private NpmClients() {}

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static synchronized Path directory() {
        if (installed != null) {
            return installed;
        }
        Assumptions.assumeTrue(available("npm") && available("node"),
                "SKIPPED: npm and node are not on this machine's PATH, so the tests with the real sentry-cli,"
                        + " @sentry/api and @sentry/node cannot run here (CI has them)");
        Path dir = Path.of(System.getProperty("triage.workDir", "target/it")).resolveSibling("npm-clients").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), """
                    {"name": "triage-npm-clients", "private": true}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Run install = run(dir, Map.of("SENTRYCLI_SKIP_DOWNLOAD", "1"), 600, "npm", "install", "--no-audit", "--no-fund",
                "--loglevel=error", SENTRY_CLI, SENTRY_API, SENTRY_NODE);
        Assertions.assertEquals(0, install.exit(), () -> "npm install failed:\n" + install);
        installed = dir;
        return dir;
    }

    /** The native sentry-cli binary inside its platform package. */
    static Path sentryCli() {
        Path modules = directory().resolve("node_modules/@sentry");
        try (Stream<Path> packages = Files.list(modules)) {
            return packages.filter(p -> p.getFileName().toString().startsWith("cli-"))
                    .map(p -> p.resolve("bin/sentry-cli"))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseGet(() -> directory().resolve("node_modules/.bin/sentry-cli"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run run(Path dir, Map<String, String> env, int timeoutSeconds, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().putAll(env);
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile()));
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean available(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
