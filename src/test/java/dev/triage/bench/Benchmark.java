package dev.triage.bench;

import dev.triage.dev.DemoDatabase;
import dev.triage.dev.DemoService;
import dev.triage.dev.DevKeys;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;

/**
 * The benchmark command ({@code mvn -Pbench}, see README "Benchmark"). Starts the service exactly
 * as the run command does (same start line, embedded PostgreSQL, now with pg_stat_statements),
 * seeds issues, measures the database floor and the service's paths, and prints one table; the
 * same figures go to {@code target/bench/bench-<time>.json}. Any unexpected answer fails the run.
 */
public final class Benchmark {

    static final String ORG = "the-interstellar-jurisdiction";
    static final String PROJECT = "pump-station";
    static final long PROJECT_ID = 2;
    static final int CLIENTS = 16;

    private final Path target = Path.of(System.getProperty("triage.target", "target")).toAbsolutePath();
    private final Path out = target.resolve("bench");
    private final double seconds = Double.parseDouble(System.getProperty("bench.seconds", "15"));
    private final double warmupSeconds = Double.parseDouble(System.getProperty("bench.warmupSeconds", "20"));
    private final int issueCount = Integer.getInteger("bench.issues", 10_000);
    private final boolean profile = Boolean.getBoolean("bench.jfr");
    /** -Dbench.jfrRow=text: a JFR profile of only the rows whose name contains it (target/bench/row-N.jfr). */
    private final String profileRow = System.getProperty("bench.jfrRow", "");
    /** -Dbench.quick=true: stop after the GET details row (the rows a change of the request path moves). */
    private final boolean quick = Boolean.getBoolean("bench.quick");

    private final List<Row> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private DemoDatabase database;
    private Process service;
    private String baseUrl;
    private String jane;
    private String john;
    private long[] issues;
    private long[] bulkIssues;
    private long hotIssue;
    private boolean[] resolved;
    private SqlCounter sql;
    private long postmaster;
    private double startSeconds;
    private double startCpuSeconds;
    private String startLine;
    private double floorRandom = Double.NaN;
    private double floorHot = Double.NaN;

    /** One line of the table. */
    record Row(String name, Load.Outcome outcome, double statementsPerRequest, double ratio,
               CpuTime.Share cpu, String note, Map<String, Long> topStatements) {

        Row withRatio(double value) {
            return new Row(name, outcome, statementsPerRequest, value, cpu, note, topStatements);
        }

        Row withNote(String value) {
            return new Row(name, outcome, statementsPerRequest, ratio, cpu, value, topStatements);
        }
    }

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark();
        int exit;
        try {
            exit = benchmark.run();
            benchmark.hold();
        } finally {
            benchmark.stop();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        Files.createDirectories(out);
        System.out.printf("Benchmark: %d clients, %.0f s per measurement, %.0f s warm-up, %d issues; %d cores, load %s%n",
                CLIENTS, seconds, warmupSeconds, issueCount, Runtime.getRuntime().availableProcessors(), loadAverage());
        startDatabase();
        startService();
        if (Boolean.getBoolean("bench.startOnly")) {
            double[] memory = CpuTime.residentMiB(service.pid());
            System.out.printf("start only: first 200 after %.2f s (%.1f CPU s), resident %.0f MiB%n",
                    startSeconds, startCpuSeconds, memory[0]);
            return 0;
        }

        // a fresh service, right after its first 200: is it useful at once?
        Row cold = measure("PUT status, cold (first 10 s after ready)", CLIENTS, 10, 200, this::putRandom,
                () -> Double.NaN, null);
        warmUp();
        floor();
        rows.set(rows.indexOf(cold), cold.withRatio(cold.outcome().perSecond() / floorRandom));
        if (profile) {
            jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + out.resolve("service.jfr"));
        }
        measure("PUT status, random issues", CLIENTS, seconds, 200, this::putRandom, () -> floorRandom, null);
        hotIssue();
        measure("GET details, random issues", CLIENTS, seconds, 200,
                (c, n) -> Http.send("GET", issueUrl(randomIssue()), jane, null), () -> floorRandom, null);
        if (quick) {
            report(CpuTime.residentMiB(service.pid()));
            return problems.isEmpty() ? 0 : 1;
        }
        measure("GET without token (401), 1 client", 1, Math.min(seconds, 5), 401,
                (c, n) -> Http.send("GET", issueUrl(randomIssue()), null, null), () -> Double.NaN, null);
        measure("PUT status, 1 client", 1, Math.min(seconds, 5), 200, this::putRandom, () -> Double.NaN, null);
        measure("GET details, 1 client", 1, Math.min(seconds, 5), 200,
                (c, n) -> Http.send("GET", issueUrl(randomIssue()), jane, null), () -> Double.NaN, null);
        bulkResolve(5, true);
        contended(3, true);
        if (!Boolean.getBoolean("bench.skipIngest")) {
            // event ingestion (issue #8): its own report, printed as it goes
            new IngestBenchmark(baseUrl, database, service.pid(), postmaster).scenarios(problems);
        }
        if (profile) {
            jcmd("JFR.stop", "name=bench");
            System.out.println("JFR recording: " + out.resolve("service.jfr") + " (jfr view hot-methods " + out.resolve("service.jfr") + ")");
        }
        double[] memory = CpuTime.residentMiB(service.pid());
        report(memory);
        if (!problems.isEmpty()) {
            System.out.println("\nFAILED:");
            problems.forEach(p -> System.out.println("  " + p));
            return 1;
        }
        return 0;
    }

    // ---- set-up ---------------------------------------------------------------------------------

    private void startDatabase() throws Exception {
        database = DemoDatabase.start(target.resolve("bench-db"), Map.of(
                "shared_preload_libraries", "pg_stat_statements",
                "pg_stat_statements.track", "top",
                "pg_stat_statements.max", "1000")).withDemoData();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            issues = seed(connection, issueCount, "Benchmark issue");
            bulkIssues = seed(connection, 1000, "Bulk benchmark issue");
            hotIssue = seed(connection, 1, "Hot benchmark issue")[0];
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                statement.execute("analyze");
            }
            connection.commit();
        }
        resolved = new boolean[issues.length];
        Connection observer = database.connect();
        sql = new SqlCounter(observer);
        try (Statement statement = observer.createStatement();
             ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            postmaster = ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(0L);
        }
        System.out.printf("Embedded PostgreSQL %s with %d + %d seeded issues (postmaster pid %d)%n",
                database.url(), issues.length, bulkIssues.length, postmaster);
    }

    private static long[] seed(Connection connection, int count, String title) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                with n as (update project set next_short_id = next_short_id + ? where id = ? returning next_short_id - ? as first)
                insert into issue (project_id, short_id_number, title, culprit, level, platform, type, metadata,
                                   times_seen, user_count, first_seen, last_seen, status, substatus, priority)
                select ?, n.first + g - 1, ? || ' ' || g, 'bench.module in handler', 'error', 'python', 'error',
                       '{"title": "benchmark"}', g, 1, now() - interval '30 days', now() - g * interval '1 second',
                       'unresolved', 'ongoing', 'medium'
                from n, generate_series(1, ?) g returning id""")) {
            insert.setInt(1, count);
            insert.setLong(2, PROJECT_ID);
            insert.setInt(3, count);
            insert.setLong(4, PROJECT_ID);
            insert.setString(5, title);
            insert.setInt(6, count);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    private void startService() throws Exception {
        DevKeys keys = DevKeys.generate(DevKeys.DEV_ISSUER);
        Path publicKey = keys.writePublicKey(out.resolve("jwt/public-key.pem"));
        jane = keys.token("jane", List.of("event:read", "event:write", "event:admin"), Duration.ofHours(6));
        john = keys.token("john", List.of("event:read", "event:write"), Duration.ofHours(6));
        String port = Integer.toString(freePort());
        baseUrl = "http://127.0.0.1:" + port;
        boolean aot = !"false".equals(System.getProperty("bench.aot"));
        List<String> line = startLine(port, aot);
        if (line.stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="))) {
            // as a deployment would: one run records the JDK's ahead-of-time cache, later starts read it
            System.out.println("No ahead-of-time cache yet for this JDK and Payara: a training run records "
                    + DemoService.aotCache(target));
            long began = System.nanoTime();
            launch(line, keys, publicKey, out.resolve("service-training.log"));
            Load.forSeconds(CLIENTS, 6, 200, this::putRandom);
            Load.forSeconds(CLIENTS, 4, 200, (c, n) -> Http.send("GET", issueUrl(randomIssue()), jane, null));
            service.destroy();
            service.waitFor();
            awaitCache(DemoService.aotCache(target));
            System.out.printf("Ahead-of-time cache recorded in %.0f s%n", (System.nanoTime() - began) / 1e9);
            line = startLine(port, aot);
        }
        startLine = String.join(" ", line);
        System.out.println("Service: " + startLine);
        long began = System.nanoTime();
        launch(line, keys, publicKey, out.resolve("service.log"));
        startSeconds = (System.nanoTime() - began) / 1e9;
        startCpuSeconds = CpuTime.processSeconds(service.pid());
        System.out.printf("Service pid %d: process start -> first 200 in %.2f s, %.1f CPU s (log: %s)%n",
                service.pid(), startSeconds, startCpuSeconds, out.resolve("service.log"));
    }

    /** The run command's start line (with the ahead-of-time cache unless -Dbench.aot=false) and the trial options. */
    private List<String> startLine(String port, boolean aot) {
        List<String> line = new ArrayList<>(aot ? DemoService.startLineWithAotCache(target, port)
                : DemoService.startLine(target, port));
        // for trying a setting before it goes into the start line; the report shows them
        String jvmOptions = System.getProperty("bench.jvmOptions", "").trim();
        String microOptions = System.getProperty("bench.microOptions", "").trim();
        if (!jvmOptions.isEmpty()) {
            line.addAll(1, List.of(jvmOptions.split("\\s+")));
        }
        if (!microOptions.isEmpty()) {
            line.addAll(List.of(microOptions.split("\\s+")));
        }
        return line;
    }

    /** Starts the service and returns once it answers an issue with 200. */
    private void launch(List<String> line, DevKeys keys, Path publicKey, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DB_URL", database.url());
        env.put("DB_USER", database.user());
        env.put("DB_PASSWORD", database.password());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toUri().toString());
        env.put("MP_JWT_VERIFY_ISSUER", keys.issuer());
        env.put("BASE_URL", baseUrl);
        env.putAll(DemoService.ENVIRONMENT);
        long began = System.nanoTime();
        service = builder.start();
        long deadline = began + Duration.ofMinutes(4).toNanos();
        while (true) {
            if (!service.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The service did not answer 200; see " + log);
            }
            try {
                if (Http.send("GET", issueUrl(1), jane, null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            // each poll is a request the starting service answers (404 until the deployment is done):
            // polling every 20 ms took 0.4 to 0.6 of its CPU seconds at start (README "Start-up")
            Thread.sleep(50);
        }
    }

    /** The JVM writes the cache in a process of its own after the service has stopped: wait until it is complete. */
    private static void awaitCache(Path cache) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long size = -1;
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            long now = Files.isRegularFile(cache) ? Files.size(cache) : 0;
            if (now > 0 && now == size) {
                Files.deleteIfExists(Path.of(cache + ".config")); // the recording it was made from, as large
                return;
            }
            size = now;
        }
        System.out.println("The ahead-of-time cache was not complete after 5 minutes; starting without it");
    }

    private void warmUp() throws Exception {
        System.out.printf("Warming up (%.0f s)...%n", warmupSeconds);
        Load.forSeconds(CLIENTS, warmupSeconds * 0.6, 200, this::putRandom);
        Load.forSeconds(CLIENTS, warmupSeconds * 0.3, 200, (c, n) -> Http.send("GET", issueUrl(randomIssue()), jane, null));
        Load.forSeconds(1, warmupSeconds * 0.1, 401, (c, n) -> Http.send("GET", issueUrl(randomIssue()), null, null));
        bulkResolve(2, false);
        contended(1, false);
    }

    // ---- measurements ---------------------------------------------------------------------------

    private Row measure(String name, int clients, double secs, int expected, Load.Call call,
                         java.util.function.DoubleSupplier floor, String note) throws Exception {
        sql.reset();
        boolean profiled = !profileRow.isEmpty() && name.contains(profileRow);
        Path recording = out.resolve("row-" + (rows.size() + 1) + ".jfr");
        if (profiled) {
            jcmd("JFR.start", "name=row", "settings=profile", "filename=" + recording);
        }
        CpuTime cpu = CpuTime.snapshot(service.pid(), postmaster);
        Load.Outcome outcome = Load.forSeconds(clients, secs, expected, call);
        CpuTime.Share share = cpu.since();
        if (profiled) {
            jcmd("JFR.stop", "name=row");
            System.out.println("JFR recording of \"" + name + "\": " + recording);
        }
        SqlCounter.Counted counted = sql.read();
        return record(name, outcome, counted, floor.getAsDouble(), share, note);
    }

    private Row record(String name, Load.Outcome outcome, SqlCounter.Counted counted, double floor,
                        CpuTime.Share share, String note) {
        Row row = new Row(name, outcome, (double) counted.statements() / Math.max(1, outcome.requests()),
                outcome.perSecond() / floor, share, note, counted.top());
        rows.add(row);
        if (outcome.unexpected() > 0) {
            problems.add(name + ": " + outcome.unexpected() + " unexpected answers " + outcome.statuses()
                    + ", e.g. " + outcome.failures());
        }
        System.out.printf("  %-42s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  %s%n", name, outcome.perSecond(),
                outcome.millis(50), outcome.millis(99), outcome.statuses());
        return row;
    }

    /** The floor over JDBC by as many workers as the HTTP load has clients, random issues and one hot issue. */
    private void floor() throws Exception {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            connections.add(database.connect());
        }
        long hot = hotIssue;
        try (DatabaseFloor floor = new DatabaseFloor(connections)) {
            Load.forSeconds(CLIENTS, 3, 200, (c, n) -> floor.put(c, this::randomIndexAny, "jane"));
            floorRandom = measure("database floor (JDBC), random issues", CLIENTS, seconds, 200,
                    (c, n) -> floor.put(c, this::randomIndexAny, "jane"),
                    () -> Double.NaN, "the PUT's SQL, " + CLIENTS + " JDBC workers").outcome().perSecond();
            floorHot = measure("database floor (JDBC), one hot issue", CLIENTS, seconds, 200,
                    (c, n) -> floor.put(c, () -> (int) hot, "jane"), () -> Double.NaN,
                    "versioned UPDATE, re-read on a lost race").outcome().perSecond();
        }
        // the floor toggled statuses behind the clients' backs: read them again
        try (Connection connection = database.connect();
             PreparedStatement read = connection.prepareStatement("select id, status from issue where id = any(?)")) {
            read.setArray(1, connection.createArrayOf("bigint", LongStream.of(issues).boxed().toArray()));
            Map<Long, Boolean> status = new java.util.HashMap<>();
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    status.put(rs.getLong(1), "resolved".equals(rs.getString(2)));
                }
            }
            for (int i = 0; i < issues.length; i++) {
                resolved[i] = status.get(issues[i]);
            }
        }
    }

    private int randomIndexAny() {
        return (int) issues[ThreadLocalRandom.current().nextInt(issues.length)];
    }

    /**
     * Client {@code c} owns every issue whose index is {@code c} modulo the clients, so it knows
     * each one's status and every PUT is an effective change (an UPDATE and an activity).
     */
    private Http.Answer putRandom(int client, long n) throws IOException {
        int owned = issues.length / CLIENTS;
        int index = client + CLIENTS * ThreadLocalRandom.current().nextInt(owned);
        boolean resolve = !resolved[index];
        Http.Answer answer = Http.send("PUT", issueUrl(issues[index]), client % 2 == 0 ? jane : john,
                resolve ? "{\"status\":\"resolved\"}" : "{\"status\":\"unresolved\"}");
        if (answer.ok()) {
            resolved[index] = resolve;
        }
        return answer;
    }

    /**
     * All clients on one issue, alternating resolve and unresolve. Afterwards the issue's version
     * must have moved exactly once per status transition: every unresolve that wrote
     * {@code set_unresolved} ended a resolved period, so with u of them the issue went through
     * 2u transitions, one more if it ends resolved, one fewer if it started resolved. (Re-resolving
     * a resolved issue writes {@code set_resolved} but changes nothing.) An update lost to a race
     * shows as a transition without its version.
     */
    private void hotIssue() throws Exception {
        long hot = hotIssue;
        HotState before = hotState(hot, 0);
        Row row = measure("PUT status, one hot issue", CLIENTS, seconds, 200,
                (c, n) -> Http.send("PUT", issueUrl(hot), c % 2 == 0 ? jane : john,
                        (c + n) % 2 == 0 ? "{\"status\":\"resolved\"}" : "{\"status\":\"unresolved\"}"),
                () -> floorHot, null);
        HotState after = hotState(hot, before.lastActivity());
        long transitions = 2 * after.unresolves() + (after.resolved() ? 1 : 0) - (before.resolved() ? 1 : 0);
        long versions = after.version() - before.version();
        String check = transitions == versions
                ? "no lost update: " + versions + " transitions, one version each"
                : "LOST UPDATE: " + transitions + " status transitions but " + versions + " versions";
        if (transitions != versions) {
            problems.add("hot issue: " + check);
        }
        rows.set(rows.indexOf(row), row.withNote(check));
    }

    record HotState(long version, boolean resolved, long lastActivity, long unresolves) {}

    private HotState hotState(long issue, long sinceActivity) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement read = connection.prepareStatement("""
                     select version, status = 'resolved',
                            (select coalesce(max(id), 0) from activity a where a.issue_id = i.id),
                            (select count(*) from activity a where a.issue_id = i.id and a.id > ? and a.type = 'set_unresolved')
                     from issue i where id = ?""")) {
            read.setLong(1, sinceActivity);
            read.setLong(2, issue);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return new HotState(row.getLong(1), row.getBoolean(2), row.getLong(3), row.getLong(4));
            }
        }
    }

    /** One PUT on the project's collection that resolves 1,000 issues by id; unresolved again between runs (unmeasured). */
    private void bulkResolve(int times, boolean measured) throws Exception {
        String ids = LongStream.of(bulkIssues).mapToObj(id -> "id=" + id).collect(Collectors.joining("&"));
        String url = baseUrl + "/api/0/projects/" + ORG + "/" + PROJECT + "/issues/?" + ids;
        Histogram latency = new Histogram(3);
        Map<Integer, Long> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long statements = 0;
        Map<String, Long> top = Map.of();
        long unexpected = 0;
        CpuTime cpu = CpuTime.snapshot(service.pid(), postmaster);
        double busy = 0;
        for (int i = 0; i < times; i++) {
            sql.reset();
            long t0 = System.nanoTime();
            Http.Answer answer = sendOrFailure("PUT", url, "{\"status\":\"resolved\"}");
            long took = System.nanoTime() - t0;
            busy += took / 1e9;
            SqlCounter.Counted counted = sql.read();
            statements += counted.statements();
            top = counted.top();
            latency.recordValue(took / 1000);
            statuses.merge(answer.status(), 1L, Long::sum);
            if (answer.status() != 200) {
                unexpected++;
                failures.add(answer.status() + " " + answer.body());
                if (!measured) {
                    problems.add("bulk resolve (warm-up) answered " + answer.status() + " " + answer.body());
                }
            }
            Http.Answer back = sendOrFailure("PUT", url, "{\"status\":\"unresolved\"}");
            if (back.status() != 200) {
                problems.add("bulk unresolve answered " + back.status() + " " + back.body());
            }
        }
        if (measured) {
            CpuTime.Share share = cpu.since();
            Load.Outcome outcome = new Load.Outcome(times, unexpected, statuses, latency, busy, failures);
            record("bulk resolve of 1,000 issues (1 PUT)", outcome, new SqlCounter.Counted(statements, top),
                    Double.NaN, share, times + " runs, each 1,000 activities");
        }
    }

    /** The test suite's 8 x 25 contended PUTs on one issue, with its correctness checks. */
    private void contended(int times, boolean measured) throws Exception {
        String[] priorities = {"low", "high", "medium"};
        List<IntFunction<String>> bodies = List.of(
                i -> "{\"priority\": \"" + priorities[i % 3] + "\"}",
                i -> "{\"status\": \"" + (i % 2 == 0 ? "resolved" : "unresolved") + "\"}",
                i -> "{\"assignedTo\": \"" + (i % 2 == 0 ? "john" : "user:1") + "\"}",
                i -> "{\"isPublic\": true}",
                i -> "{\"hasSeen\": " + (i % 2 == 0) + "}",
                i -> "{\"isBookmarked\": " + (i % 2 == 0) + "}",
                i -> "{\"isSubscribed\": " + (i % 2 == 0) + "}",
                i -> "{\"hasSeen\": " + (i % 2 == 0) + "}");
        String[] tokens = {jane, john, jane, john, jane, john, jane, john};
        int perClient = 25;
        Histogram runs = new Histogram(3);
        Histogram all = new Histogram(3);
        Map<Integer, Long> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long unexpected = 0;
        long requests = 0;
        long statements = 0;
        Map<String, Long> top = Map.of();
        double busy = 0;
        CpuTime cpu = CpuTime.snapshot(service.pid(), postmaster);
        for (int run = 0; run < times; run++) {
            long id;
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(true);
                id = seed(connection, 1, "Contended benchmark issue")[0];
            }
            String url = issueUrl(id);
            sql.reset();
            Load.Outcome outcome = Load.forCount(bodies.size(), perClient, 200,
                    (c, n) -> Http.send("PUT", url, tokens[c], bodies.get(c).apply((int) n)));
            SqlCounter.Counted counted = sql.read();
            statements += counted.statements();
            top = counted.top();
            busy += outcome.seconds();
            runs.recordValue((long) (outcome.seconds() * 1e6));
            all.add(outcome.latency());
            requests += outcome.requests();
            unexpected += outcome.unexpected();
            failures.addAll(outcome.failures());
            outcome.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
            checkContended(id, perClient, priorities);
        }
        if (measured) {
            CpuTime.Share share = cpu.since();
            Load.Outcome outcome = new Load.Outcome(requests, unexpected, statuses, all, busy, failures);
            record("8 x 25 contended PUTs, one issue", outcome, new SqlCounter.Counted(statements, top),
                    Double.NaN, share, String.format("%d runs: %s s each", times, runsText(runs)));
            contendedSeconds = runs;
        }
    }

    private Histogram contendedSeconds;

    private static String runsText(Histogram runs) {
        return String.format("min %.2f, median %.2f, max %.2f", runs.getMinValue() / 1e6,
                runs.getValueAtPercentile(50) / 1e6, runs.getMaxValue() / 1e6);
    }

    private void checkContended(long id, int perClient, String[] priorities) throws SQLException {
        int last = perClient - 1;
        try (Connection connection = database.connect()) {
            expect(connection, "priority", "select priority from issue where id = ?", id, priorities[last % 3]);
            expect(connection, "status", "select status from issue where id = ?", id, last % 2 == 0 ? "resolved" : "unresolved");
            expect(connection, "assignee", "select assignee_user_id::text from issue where id = ?", id, last % 2 == 0 ? "2" : "1");
            expect(connection, "share", "select count(*)::text from issue_share where issue_id = ?", id, "1");
            expect(connection, "seen", "select count(*)::text from issue_user_state where issue_id = ? and last_seen_at is not null",
                    id, last % 2 == 0 ? "2" : "0");
            expect(connection, "activities", """
                    select string_agg(type || '=' || n, ',' order by type) from
                    (select type, count(*) n from activity where issue_id = ? group by type) t""", id,
                    String.format("assigned=%d,set_priority=%d,set_public=%d,set_resolved=%d,set_unresolved=%d",
                            perClient, perClient, perClient, (perClient + 1) / 2, perClient / 2));
        }
    }

    private void expect(Connection connection, String what, String query, long id, String expected) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setLong(1, id);
            try (ResultSet row = statement.executeQuery()) {
                String actual = row.next() ? row.getString(1) : null;
                if (!expected.equals(actual)) {
                    problems.add("contended PUTs on issue " + id + ": " + what + " is " + actual + ", expected " + expected);
                }
            }
        }
    }

    // ---- report ---------------------------------------------------------------------------------

    private void report(double[] memory) throws IOException {
        String header = String.format("%-42s %8s %8s %8s %8s %9s %6s %7s %7s  %-11s %10s  %s",
                "what", "requests", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "SQL/req", "x floor",
                "CPU% s/db/g", "ms CPU/req", "note");
        System.out.println();
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (Row row : rows) {
            Load.Outcome o = row.outcome();
            System.out.printf("%-42s %8d %8.0f %8.2f %8.2f %9.2f %6d %7.2f %7s  %-11s %10.2f  %s%n", row.name(), o.requests(),
                    o.perSecond(), o.millis(50), o.millis(99), o.millis(99.9), o.unexpected(),
                    row.statementsPerRequest(), Double.isNaN(row.ratio()) ? "-" : String.format("%.2f", row.ratio()),
                    row.cpu().describe(), serviceMillisPerRequest(row), row.note() == null ? "" : row.note());
        }
        System.out.printf("%nservice: process start -> first 200 %.2f s (%.1f CPU s); resident memory after the run %.0f MiB (peak %.0f MiB)%n",
                startSeconds, startCpuSeconds, memory[0], memory[1]);
        System.out.println("CPU% s/db/g: share of one core used by the service / PostgreSQL / this load generator"
                + " during the measurement (2 cores = 200 %)");
        System.out.println("ms CPU/req: CPU time the service (the floor's rows: PostgreSQL) spent per request,"
                + " less disturbed by other work on the machine than the rates");

        Path file = out.resolve("bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("date", LocalDateTime.now().toString())
                .add("cores", Runtime.getRuntime().availableProcessors())
                .add("loadAverageAtEnd", loadAverage())
                .add("clients", CLIENTS)
                .add("secondsPerMeasurement", seconds)
                .add("issues", issues.length)
                .add("startLine", startLine)
                .add("startToFirst200Seconds", startSeconds)
                .add("startCpuSeconds", startCpuSeconds)
                .add("residentMiBAfterRun", memory[0])
                .add("peakResidentMiB", memory[1])
                .add("failures", Json.createArrayBuilder(problems));
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (Row row : rows) {
            Load.Outcome o = row.outcome();
            JsonObjectBuilder top = Json.createObjectBuilder();
            row.topStatements().forEach(top::add);
            JsonObjectBuilder statuses = Json.createObjectBuilder();
            o.statuses().forEach((k, v) -> statuses.add(k.toString(), v));
            results.add(Json.createObjectBuilder()
                    .add("name", row.name())
                    .add("requests", o.requests())
                    .add("seconds", o.seconds())
                    .add("perSecond", o.perSecond())
                    .add("p50Millis", o.millis(50))
                    .add("p99Millis", o.millis(99))
                    .add("p999Millis", o.millis(99.9))
                    .add("maxMillis", o.latency().getMaxValue() / 1000.0)
                    .add("unexpected", o.unexpected())
                    .add("statuses", statuses)
                    .add("sqlStatementsPerRequest", row.statementsPerRequest())
                    .add("ratioToFloor", Double.isNaN(row.ratio()) ? -1 : row.ratio())
                    .add("cpuSecondsService", row.cpu().service())
                    .add("cpuSecondsDatabase", row.cpu().database())
                    .add("cpuSecondsGenerator", row.cpu().generator())
                    .add("cpuMillisPerRequest", serviceMillisPerRequest(row))
                    .add("note", row.note() == null ? "" : row.note())
                    .add("topStatements", top));
        }
        json.add("results", results);
        if (contendedSeconds != null) {
            json.add("contendedRunSeconds", Json.createObjectBuilder()
                    .add("min", contendedSeconds.getMinValue() / 1e6)
                    .add("median", contendedSeconds.getValueAtPercentile(50) / 1e6)
                    .add("max", contendedSeconds.getMaxValue() / 1e6));
        }
        try (Writer writer = Files.newBufferedWriter(file);
             JsonGenerator generator = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                     .createGenerator(writer)) {
            generator.write(json.build());
        }
        System.out.println("Results: " + file);
    }

    /** The service's CPU per request; for the floor's rows (no service), PostgreSQL's. */
    private static double serviceMillisPerRequest(Row row) {
        double seconds = row.name().startsWith("database floor") ? row.cpu().database() : row.cpu().service();
        return 1000 * seconds / Math.max(1, row.outcome().requests());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Http.Answer sendOrFailure(String method, String url, String body) {
        try {
            return Http.send(method, url, jane, body);
        } catch (IOException e) {
            return new Http.Answer(-1, e.toString());
        }
    }

    private String issueUrl(long id) {
        return baseUrl + "/api/0/issues/" + id + "/";
    }

    private long randomIssue() {
        return issues[ThreadLocalRandom.current().nextInt(issues.length)];
    }

    private void jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(service.pid())));
        line.addAll(List.of(command));
        new ProcessBuilder(line).inheritIO().start().waitFor();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** -Dbench.holdSeconds=N keeps the service up after the run, e.g. to look at it with jcmd. */
    private void hold() throws InterruptedException {
        long hold = Long.getLong("bench.holdSeconds", 0);
        if (hold > 0 && service != null && service.isAlive()) {
            System.out.printf("Holding the service (pid %d, %s) for %d s%n", service.pid(), baseUrl, hold);
            Thread.sleep(hold * 1000);
        }
    }

    private void stop() {
        if (service != null) {
            service.destroy();
            try {
                service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            service.destroyForcibly();
        }
        try {
            if (sql != null) {
                sql.close();
            }
        } catch (SQLException ignored) {
            // on the way out
        }
        if (database != null) {
            database.close();
        }
    }

    private Benchmark() {}
}
