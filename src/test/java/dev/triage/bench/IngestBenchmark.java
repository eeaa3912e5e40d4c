package dev.triage.bench;

import dev.triage.dev.DemoDatabase;
import dev.triage.dev.DemoService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The ingestion benchmark: part of {@code mvn -Pbench} (scenarios a and b, against the service
 * that command started), and on its own with {@code mvn -Pbench-ingest}, which starts the service
 * as the run command does (embedded PostgreSQL, the same start line) and adds the kill -9 check
 * (README "Benchmark"). 16 concurrent
 * senders post gzipped envelopes of about 2 KB, in two scenarios: (a) 1,000 distinct errors,
 * (b) one error over and over (one hot issue). It reports events/s, accept latency percentiles
 * (HdrHistogram), and checks after the counters settle that no acknowledged event is missing and
 * that the issues' counts are exact. Finally (c) it kills the service with SIGKILL in the middle
 * of a run, starts it again and checks that every acknowledged event is there and counted once.
 *
 * <p>System properties: {@code bench.events} (per scenario, default 20000), {@code bench.senders}
 * (16), {@code bench.port} (a free port).
 */
public final class IngestBenchmark {

    static final int SENDERS = Integer.getInteger("bench.senders", 16);
    static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    static final int DISTINCT = 1000;
    static final int WARMUP_EVENTS = Integer.getInteger("bench.warmupEvents", 20_000);
    static final int LARGE_EVENTS = Integer.getInteger("bench.largeEvents", 64);
    /** The service's port: {@code bench.port}, or one free now (a fixed default collided with a second run). */
    static final String PORT = port(System.getProperty("bench.port"));

    private final String base;
    private final DemoDatabase db;
    private final long servicePid;
    private final long postmaster;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** @param servicePid, postmaster  for the CPU each party used (0: unknown) */
    IngestBenchmark(String base, DemoDatabase db, long servicePid, long postmaster) {
        this.base = base;
        this.db = db;
        this.servicePid = servicePid;
        this.postmaster = postmaster;
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(System.getProperty("triage.target", "target")).toAbsolutePath();
        // zonky's embedded PostgreSQL sets synchronous_commit=off; production's default is on
        // (a commit waits for its WAL on disk): bench.synchronousCommit=on measures that
        DemoDatabase db = DemoDatabase.start(target.resolve("bench-ingest-db"), Map.of(
                "shared_preload_libraries", "pg_stat_statements",
                "pg_stat_statements.track", "top",
                "synchronous_commit", System.getProperty("bench.synchronousCommit", "off"))).withDemoData();
        Process service = start(target, db);
        try {
            IngestBenchmark bench = new IngestBenchmark("http://127.0.0.1:" + PORT, db, service.pid(), postmaster(db));
            bench.awaitReady(service);
            System.out.printf("%nIngestion benchmark, %s, %d senders, %d events per scenario, machine: %d cores%n",
                    Instant.now(), SENDERS, EVENTS, Runtime.getRuntime().availableProcessors());
            java.util.List<String> problems = new java.util.ArrayList<>();
            if (Boolean.getBoolean("bench.jfr")) {
                // a profile of the measured scenarios (README "Benchmark", profiling)
                jcmd(service, "JFR.start", "name=ingest", "settings=profile",
                        "filename=" + target.resolve("bench/ingest.jfr"));
            }
            bench.scenarios(problems);
            if (Boolean.getBoolean("bench.jfr")) {
                jcmd(service, "JFR.stop", "name=ingest");
                System.out.println("JFR recording: " + target.resolve("bench/ingest.jfr"));
            }
            if (!Boolean.getBoolean("bench.skipCrash")) {
                service = bench.crash(target, db, service);
            }
            problems.forEach(p -> System.out.println("FAILED: " + p));
        } finally {
            service.destroyForcibly().waitFor();
            db.close();
        }
        System.exit(0);
    }

    /**
     * Scenarios (a) and (b) against a running service, as {@code mvn -Pbench} runs them; a lost
     * event or an inexact count is added to {@code problems}.
     */
    void scenarios(java.util.List<String> problems) throws Exception {
        System.out.printf("%nIngestion, %d senders, %d events per scenario, event payloads compressed with %s,"
                + " synchronous_commit %s, load average before: %s%n", SENDERS, EVENTS, payloadCompression(),
                setting("synchronous_commit"), loadAverage());
        Project warm = project("bench-warm");
        // long enough for the JIT to finish with the request path: with 5,000 events, scenario (a)
        // still paid for compilation (the service used twice the CPU per event of (b), run later)
        run("warm-up", warm, WARMUP_EVENTS, i -> i % DISTINCT);
        settle(warm);
        Project distinct = project("bench-distinct");
        resetStatements();
        Result a = run("(a) 1,000 distinct errors", distinct, EVENTS, i -> i % DISTINCT);
        check(a, report(a, settle(distinct)), problems);
        printStatements(a);
        Project hot = project("bench-hot");
        resetStatements();
        Result b = run("(b) one hot issue", hot, EVENTS, i -> 0);
        check(b, report(b, settle(hot)), problems);
        printStatements(b);
        if (!Boolean.getBoolean("bench.skipLarge")) {
            Project large = project("bench-large");
            Result d = run("(d) events of 1 MB of small objects (memory)", large, largeEvents(LARGE_EVENTS));
            check(d, report(d, settle(large)), problems);
        }
    }

    /**
     * Events just under the 1 MB limit made of tiny breadcrumbs: the costliest shape to parse (a
     * tree of some 40 times the JSON's size), sent by all senders at once, to check that the heap
     * ceiling holds (any answer but 200 fails the run).
     */
    static byte[][] largeEvents(int count) {
        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString().replace("-", "");
            StringBuilder event = new StringBuilder(1 << 20).append("{\"event_id\":\"").append(id)
                    .append("\",\"message\":\"large event ").append(i % 10).append("\",\"breadcrumbs\":{\"values\":[");
            for (int c = 0; event.length() < 1_000_000; c++) {
                event.append(c == 0 ? "" : ",").append("{\"a\":").append(c % 10).append('}');
            }
            event.append("]}}");
            String envelope = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + event + "\n";
            bodies[i] = gzip(envelope.getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static void check(Result r, Settled s, java.util.List<String> problems) {
        if (r.failed() > 0 || s.stored() != r.acknowledged() || s.counted() != s.stored() || s.mismatched() > 0) {
            problems.add("ingestion " + r.name() + ": " + r.failed() + " failed, " + r.acknowledged() + " acknowledged, "
                    + s.stored() + " stored, " + s.counted() + " counted, " + s.mismatched() + " issues with a wrong count");
        }
    }

    private static void jcmd(Process service, String... command) throws Exception {
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(service.pid())));
        line.addAll(java.util.List.of(command));
        java.nio.file.Files.createDirectories(Path.of(System.getProperty("triage.target", "target"), "bench"));
        new ProcessBuilder(line).inheritIO().start().waitFor();
    }

    static String port(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the service", e);
        }
    }

    static Process start(Path target, DemoDatabase db) throws IOException {
        java.util.List<String> line = new java.util.ArrayList<>(DemoService.startLine(target, PORT));
        String jvmOptions = System.getProperty("bench.jvmOptions", "").trim();
        if (Boolean.getBoolean("bench.jfr")) {
            // Payara's request stacks are deeper than JFR's default 64 frames
            jvmOptions += " -XX:FlightRecorderOptions:stackdepth=256";
        }
        if (!jvmOptions.isBlank()) {
            line.addAll(2, java.util.List.of(jvmOptions.trim().split("\\s+")));
        }
        ProcessBuilder payara = new ProcessBuilder(line)
                .redirectOutput(target.resolve("bench-ingest-service.log").toFile())
                .redirectErrorStream(true);
        payara.environment().putAll(DemoService.ENVIRONMENT);
        payara.environment().put("DB_URL", db.url());
        payara.environment().put("DB_USER", db.user());
        payara.environment().put("DB_PASSWORD", db.password());
        payara.environment().put("BASE_URL", "http://127.0.0.1:" + PORT);
        return payara.start();
    }

    void awaitReady(Process service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && service.isAlive()) {
            try {
                // the server answers OPTIONS itself before the application is deployed: a POST
                // without a key reaches ingestion only once it is (403)
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/2/envelope/"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}\n")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 403) {
                    return;
                }
            } catch (IOException notYet) {
                // booting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not start; see target/bench-ingest-service.log");
    }

    record Project(long id, String key) {}

    /** A project of organization 1 with one client key, made in SQL. */
    Project project(String prefix) throws SQLException {
        String slug = prefix + "-" + Long.toString(System.nanoTime(), 36);
        String key;
        try (Connection c = db.connect()) {
            long id;
            try (PreparedStatement s = c.prepareStatement(
                    "insert into project (organization_id, slug, name) values (1, ?, ?) returning id")) {
                s.setString(1, slug);
                s.setString(2, slug);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            key = UUID.randomUUID().toString().replace("-", "");
            try (PreparedStatement s = c.prepareStatement(
                    "insert into client_key (project_id, label, public_key, secret_key) values (?, 'bench', ?, ?)")) {
                s.setLong(1, id);
                s.setString(2, key);
                s.setString(3, UUID.randomUUID().toString().replace("-", ""));
                s.executeUpdate();
            }
            return new Project(id, key);
        }
    }

    interface ErrorChooser {
        int errorOf(int event);
    }

    /**
     * @param answeredMs  per event (in sending order), when its answer came, in ms since the start
     * @param latencyUs   per event, its accept latency in microseconds
     * @param waits       what PostgreSQL's busy backends were doing, sampled during the run
     */
    record Result(String name, int sent, int acknowledged, int failed, double seconds, Histogram latency,
                  long averageBytes, CpuTime.Share cpu, int[] answeredMs, int[] latencyUs, Map<String, Integer> waits) {}

    Result run(String name, Project project, int events, ErrorChooser chooser) throws InterruptedException {
        // bodies are made before the clock starts: gzipping them would take the generator's share of the cores
        byte[][] bodies = new byte[events][];
        Random random = new Random(events);
        for (int i = 0; i < events; i++) {
            bodies[i] = gzip(envelope(chooser.errorOf(i), random));
        }
        return run(name, project, bodies);
    }

    Result run(String name, Project project, byte[][] bodies) throws InterruptedException {
        int events = bodies.length;
        long bytes = 0;
        for (byte[] body : bodies) {
            bytes += body.length;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<Integer, String> statuses = new ConcurrentHashMap<>();
        Recorder recorder = new Recorder(3);
        CountDownLatch done = new CountDownLatch(SENDERS);
        String url = base + "/api/" + project.id() + "/envelope/";
        String auth = "Sentry sentry_version=7,sentry_client=bench/1.0,sentry_key=" + project.key();
        int[] answeredMs = new int[events];
        int[] latencyUs = new int[events];
        WaitSampler waits = new WaitSampler();
        waits.start();
        CpuTime cpu = CpuTime.snapshot(servicePid, postmaster);
        long started = System.nanoTime();
        for (int t = 0; t < SENDERS; t++) {
            Thread sender = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < events; ) {
                    long t0 = System.nanoTime();
                    try {
                        Http.Answer r = Http.sendBytes("POST", url, bodies[i], "X-Sentry-Auth", auth,
                                "Content-Encoding", "gzip", "Content-Type", "application/x-sentry-envelope");
                        long t1 = System.nanoTime();
                        recorder.recordValue((t1 - t0) / 1000);
                        answeredMs[i] = (int) ((t1 - started) / 1_000_000);
                        latencyUs[i] = (int) Math.min(Integer.MAX_VALUE, (t1 - t0) / 1000);
                        if (r.status() == 200) {
                            acknowledged.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            statuses.put(r.status(), r.body());
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
                done.countDown();
            });
            sender.start();
        }
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        CpuTime.Share share = cpu.since();
        Map<String, Integer> waited = waits.finish();
        if (!statuses.isEmpty()) {
            System.out.println("  refused: " + statuses);
        }
        return new Result(name, events, acknowledged.get(), failed.get(), seconds, recorder.getIntervalHistogram(),
                bytes / Math.max(1, events), share, answeredMs, latencyUs, waited);
    }

    /** An envelope of about 2 KB gzipped: an exception of error {@code n} with 44 breadcrumbs (random ids, so it compresses like real traffic) and context. */
    static byte[] envelope(int n, Random random) {
        String id = UUID.randomUUID().toString().replace("-", "");
        StringBuilder crumbs = new StringBuilder();
        for (int i = 0; i < 44; i++) {
            crumbs.append(i == 0 ? "" : ",").append("{\"timestamp\":").append(1_795_850_000 + i)
                    .append(",\"category\":\"http\",\"message\":\"GET /api/orders/").append(Long.toHexString(random.nextLong()))
                    .append(" -> ").append(200 + random.nextInt(300)).append("\",\"data\":{\"trace\":\"")
                    .append(Long.toHexString(random.nextLong())).append("\"}}");
        }
        String event = "{\"event_id\":\"" + id + "\",\"platform\":\"java\",\"level\":\"error\",\"release\":\"shop@1.0."
                + (n % 3) + "\",\"environment\":\"production\",\"server_name\":\"app-" + random.nextInt(8)
                + "\",\"user\":{\"id\":\"u-" + random.nextInt(500) + "\"},\"tags\":{\"feature\":\"checkout\"},"
                + "\"exception\":{\"values\":[{\"type\":\"IllegalStateException\",\"value\":\"order "
                + random.nextInt(1_000_000) + " failed\",\"module\":\"java.lang\",\"stacktrace\":{\"frames\":["
                + "{\"module\":\"java.lang.Thread\",\"function\":\"run\",\"in_app\":false,\"lineno\":1583},"
                + "{\"module\":\"shop.Checkout\",\"function\":\"handle\",\"in_app\":true,\"lineno\":42},"
                + "{\"module\":\"shop.Step" + n + "\",\"function\":\"run" + n + "\",\"in_app\":true,\"lineno\":"
                + (10 + random.nextInt(90)) + "}]}}]},\"breadcrumbs\":{\"values\":[" + crumbs + "]},"
                + "\"contexts\":{\"runtime\":{\"name\":\"OpenJDK\",\"version\":\"25\"},\"os\":{\"name\":\"Linux\"}}}";
        String envelope = "{\"event_id\":\"" + id + "\",\"sdk\":{\"name\":\"bench\",\"version\":\"1.0\"}}\n"
                + "{\"type\":\"event\",\"length\":" + event.getBytes(StandardCharsets.UTF_8).length + "}\n" + event + "\n";
        return envelope.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    record Settled(long stored, long counted, long issues, long mismatched, double seconds) {}

    /** Waits until every stored event is counted, then compares the counters with the events. */
    Settled settle(Project project) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        try (Connection c = db.connect()) {
            while (single(c, "select count(*) from event_uncounted e"
                    + " where e.project_id = ?", project.id()) > 0) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Settled(
                    single(c, "select count(*) from event where project_id = ?", project.id()),
                    single(c, "select coalesce(sum(times_seen), 0) from issue where project_id = ?", project.id()),
                    single(c, "select count(*) from issue where project_id = ?", project.id()),
                    single(c, "select count(*) from issue i where project_id = ? and times_seen <>"
                            + " (select count(*) from event e where e.issue_id = i.id)", project.id()),
                    seconds);
        }
    }

    /** How PostgreSQL compresses event payloads: lz4 where the server has it (V72), else pglz. */
    private String payloadCompression() throws SQLException {
        try (Connection c = db.connect(); var s = c.createStatement(); ResultSet r = s.executeQuery("""
                select case attcompression when 'l' then 'lz4' when 'p' then 'pglz'
                                           else current_setting('default_toast_compression') end
                from pg_attribute where attrelid = 'event'::regclass and attname = 'payload'""")) {
            r.next();
            return r.getString(1);
        }
    }

    private String setting(String name) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select current_setting(?)")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** Forgets PostgreSQL's statement statistics (pg_stat_statements), when the server has them. */
    private void resetStatements() {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        } catch (SQLException notLoaded) {
            // the server was started without the library: no statement figures
        }
    }

    /** Where PostgreSQL's time went during a scenario: the statements with the most execution time. */
    private void printStatements(Result r) {
        try (Connection c = db.connect(); var s = c.createStatement(); ResultSet rows = s.executeQuery("""
                select calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 100)
                from pg_stat_statements where query not like '%pg_stat_statements%'
                order by total_exec_time desc limit 6""")) {
            System.out.println("  PostgreSQL execution time per acknowledged event, by statement:");
            while (rows.next()) {
                System.out.printf("    %7.1f us  %7d calls  %s%n", 1000 * rows.getDouble(2) / Math.max(1, r.acknowledged()),
                        rows.getLong(1), rows.getString(3));
            }
        } catch (SQLException notLoaded) {
            // no statement figures
        }
    }

    /**
     * Where the slowest 1 % of the answers were: how many among the first 1,000 events sent (in
     * (a) those that make the new issues), and in which second of the run; then what PostgreSQL's
     * busy backends were doing (sampled every 10 ms): "CPU" is running, anything else a wait.
     */
    private static void printTail(Result r, long p99Us) {
        int firstThousand = 0;
        int slow = 0;
        Map<Integer, Integer> bySecond = new java.util.TreeMap<>();
        Map<Integer, Integer> firstSecond = new java.util.TreeMap<>();
        for (int i = 0; i < r.latencyUs().length; i++) {
            if (r.latencyUs()[i] > p99Us) {
                slow++;
                firstThousand += i < DISTINCT ? 1 : 0;
                bySecond.merge(r.answeredMs()[i] / 1000, 1, Integer::sum);
                if (r.answeredMs()[i] < 1000) {
                    firstSecond.merge(r.answeredMs()[i] / 100, 1, Integer::sum);
                }
            }
        }
        System.out.printf("  the %d answers slower than p99: %d among the first %,d events sent; by second of the run: %s;"
                + " in the first second, by 100 ms: %s%n", slow, firstThousand, DISTINCT, bySecond, firstSecond);
        int samples = r.waits().values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder waits = new StringBuilder();
        r.waits().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(e -> waits.append(String.format("%s %.0f%%, ", e.getKey(), 100.0 * e.getValue() / Math.max(1, samples))));
        System.out.printf("  PostgreSQL's busy backends (%d samples): %s%n", samples, waits);
    }

    /**
     * Samples {@code pg_stat_activity} every 10 ms during a run: per busy client backend, its wait
     * event (a lock, the WAL, I/O) or "CPU", and the start of its statement.
     */
    private final class WaitSampler extends Thread {
        private final Map<String, Integer> seen = new ConcurrentHashMap<>();
        private volatile boolean running = true;

        WaitSampler() {
            setDaemon(true);
            setName("pg-wait-sampler");
        }

        @Override
        public void run() {
            try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                    select case when backend_type = 'client backend' then '' else backend_type || ' ' end
                           || coalesce(wait_event_type || ':' || wait_event, 'CPU')
                           || ' (' || left(regexp_replace(query, '\\s+', ' ', 'g'), 36) || ')'
                    from pg_stat_activity
                    where state = 'active' and backend_type in ('client backend', 'autovacuum worker')
                      and pid <> pg_backend_pid()""")) {
                while (running) {
                    try (ResultSet rows = s.executeQuery()) {
                        while (rows.next()) {
                            seen.merge(rows.getString(1), 1, Integer::sum);
                        }
                    }
                    Thread.sleep(10);
                }
            } catch (SQLException | InterruptedException e) {
                seen.put("sampler failed: " + e.getMessage(), 1);
            }
        }

        Map<String, Integer> finish() throws InterruptedException {
            running = false;
            join();
            return seen;
        }
    }

    /** The PostgreSQL server's main process: the parent of a backend. */
    static long postmaster(DemoDatabase db) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select pg_backend_pid()");
             ResultSet row = s.executeQuery()) {
            row.next();
            return ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(0L);
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long single(Connection c, String sql, long arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, arg);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    Settled report(Result r, Settled s) {
        Histogram h = r.latency();
        System.out.printf("%n%s: %d sent, %d acknowledged (200), %d failed, %.1f s, %.0f events/s, ~%d bytes gzipped each,"
                        + " load average after: %s%n", r.name(), r.sent(), r.acknowledged(), r.failed(), r.seconds(),
                r.acknowledged() / r.seconds(), r.averageBytes(), loadAverage());
        System.out.printf("  CPU in %% of one core, service/PostgreSQL/generator: %s; service resident memory %.0f MiB%n",
                r.cpu().describe(), CpuTime.residentMiB(servicePid)[0]);
        System.out.printf("  accept latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
        printTail(r, h.getValueAtPercentile(99));
        System.out.printf("  settled %.1f s after the last answer: %d events stored (%s), %d issues, sum of counts %d (%s),"
                        + " issues whose count differs from their events: %d%n",
                s.seconds(), s.stored(), s.stored() == r.acknowledged() ? "= acknowledged" : "MISMATCH",
                s.issues(), s.counted(), s.counted() == s.stored() ? "exact" : "MISMATCH", s.mismatched());
        return s;
    }

    /**
     * (c) kill -9 in the middle of a hot run, restart, and check that every event the service
     * acknowledged is stored and, once counted, counted exactly once.
     */
    Process crash(Path target, DemoDatabase db, Process service) throws Exception {
        Project project = project("bench-crash");
        byte[][] bodies = new byte[EVENTS][];
        Random random = new Random(7);
        for (int i = 0; i < EVENTS; i++) {
            bodies[i] = gzip(envelope(i % 10, random));
        }
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(3000);
                // SIGKILL: no shutdown hook, no flush
                service.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        Result r = run("(c) kill -9 during a hot run", project, bodies);
        killer.join();
        service.waitFor();
        long storedAtCrash;
        try (Connection c = db.connect()) {
            storedAtCrash = single(c, "select count(*) from event where project_id = ?", project.id());
        }
        Process restarted = start(target, db);
        awaitReady(restarted);
        Settled s = settle(project);
        System.out.printf("%n%s: %d acknowledged before the kill, %d stored (%s), after restart %d counted (%s),"
                        + " issues whose count differs from their events: %d%n", r.name(), r.acknowledged(), storedAtCrash,
                storedAtCrash >= r.acknowledged() ? "none lost" : "LOST " + (r.acknowledged() - storedAtCrash),
                s.counted(), s.counted() == s.stored() ? "exact" : "MISMATCH", s.mismatched());
        return restarted;
    }
}
