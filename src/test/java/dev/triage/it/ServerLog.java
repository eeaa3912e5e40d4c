package dev.triage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The log of the service under test (Payara Micro writes it to a file, see arquillian.xml), read
 * from a mark on: for the rules about what a failure logs.
 */
final class ServerLog {

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    static Path file() {
        return Path.of(System.getProperty("triage.workDir", "target/it"), "server.log").toAbsolutePath();
    }

    /**
     * The service's own logging.properties (server-config) plus a file handler with the same
     * format, so that tests read exactly what production logs.
     */
    static Path properties(Path workDir) {
        try {
            Path production = Path.of(System.getProperty("triage.serverConfig", "server-config"), "logging.properties");
            String text = Files.readString(production)
                    .replace("handlers=java.util.logging.ConsoleHandler",
                            "handlers=java.util.logging.ConsoleHandler,java.util.logging.FileHandler")
                    + "\njava.util.logging.FileHandler.pattern=" + file().toString().replace("\\", "/")
                    + "\njava.util.logging.FileHandler.formatter=com.sun.enterprise.server.logging.ODLLogFormatter"
                    + "\njava.util.logging.FileHandler.level=ALL\njava.util.logging.FileHandler.limit=0\n";
            if (!text.contains("ConsoleHandler,java.util.logging.FileHandler")) {
                throw new IllegalStateException("server-config/logging.properties no longer names its console handler");
            }
            Files.deleteIfExists(file());
            Path properties = workDir.resolve("logging.properties");
            Files.createDirectories(workDir);
            Files.writeString(properties, text);
            return properties.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the service logs from now on. */
    static ServerLog mark() {
        return mark(file());
    }

    /** Everything logged to {@code file} (a service process's output) from now on. */
    static ServerLog mark(Path file) {
        try {
            return new ServerLog(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        try {
            byte[] all = Files.readAllBytes(file);
            return new String(all, (int) Math.min(start, all.length), (int) Math.max(0, all.length - start),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records (Payara's ODL format: one record starts with "[20"), each with its continuation lines. */
    List<String> records() {
        return List.of(text().split("\n(?=\\[20)")).stream().filter(r -> !r.isBlank()).toList();
    }

    /** Records with a stack trace in them. */
    List<String> stackTraces() {
        return records().stream().filter(r -> r.contains("\n\tat ") || r.contains("\n        at ")).toList();
    }

    long count(String text) {
        return records().stream().filter(r -> r.contains(text)).count();
    }
}
