package dev.triage.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stops and starts the test's embedded PostgreSQL for real, with its own {@code pg_ctl}, on the
 * same data directory, port and settings ({@code postmaster.opts}): a database outage as an
 * operator would cause it. As root, PostgreSQL runs in a user namespace ({@code unshare -U}), as
 * the embedded server itself does.
 */
final class DatabaseControl {

    private final Path pgCtl;
    private final Path dataDir;
    private final List<String> options;

    private DatabaseControl(Path pgCtl, Path dataDir, List<String> options) {
        this.pgCtl = pgCtl;
        this.dataDir = dataDir;
        this.options = options;
    }

    static DatabaseControl of(Path workDir) {
        return of(TestEnvironment.database(), workDir);
    }

    /** For another embedded database than the suite's (RunnableJarIT's). */
    static DatabaseControl of(dev.triage.dev.DemoDatabase database, Path workDir) {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("show data_directory")) {
            r.next();
            Path data = Path.of(r.getString(1));
            Path pgCtl;
            try (Stream<Path> found = Files.find(workDir, 6, (p, a) -> p.endsWith(Path.of("bin", "pg_ctl")))) {
                pgCtl = found.findFirst().orElseThrow(() -> new IllegalStateException("no pg_ctl under " + workDir));
            }
            // postmaster.opts: the server binary, then each argument in double quotes
            String opts = Files.readString(data.resolve("postmaster.opts")).trim();
            List<String> args = new ArrayList<>();
            for (String part : opts.substring(opts.indexOf('"')).split("\" \"")) {
                args.add(part.replace("\"", ""));
            }
            List<String> options = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals("-D")) {
                    i++;
                } else {
                    options.add(args.get(i));
                }
            }
            return new DatabaseControl(pgCtl, data, options);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot find how the test database runs", e);
        }
    }

    void stop() {
        run(pgCtl.toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
    }

    void start() {
        run(pgCtl.toString(), "-D", dataDir.toString(), "-o", String.join(" ", options),
                "-l", dataDir.resolveSibling(dataDir.getFileName() + "-restart.log").toString(), "-w", "start");
    }

    private static void run(String... command) {
        List<String> line = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            line.addAll(List.of("unshare", "-U"));
        }
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
