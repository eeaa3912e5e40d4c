package dev.triage.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run command ({@code mvn -Prun}): an embedded PostgreSQL with the demo data, a development
 * key pair the service trusts, and the service itself on Payara Micro, started with the same line
 * as the Dockerfile. Every setting of the README's configuration table is honoured: DB_URL uses
 * that database instead, MP_JWT_VERIFY_PUBLICKEY_LOCATION with MP_JWT_VERIFY_ISSUER replaces the
 * development key pair.
 */
public final class DemoService {

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    /** What an organization's owner needs for everything the API offers (jane, leia). */
    public static final List<String> OWNER_SCOPES = List.of("event:read", "event:write", "event:admin",
            "org:read", "org:write", "org:admin", "member:read", "member:write", "member:admin",
            "team:read", "team:write", "team:admin", "project:read", "project:write", "project:admin");

    /** What a member needs to read the organization and work on issues (john). */
    public static final List<String> MEMBER_SCOPES = List.of("event:read", "event:write",
            "org:read", "project:read", "member:read", "team:read");

    public static void main(String[] args) throws Exception {
        Path target = Path.of(System.getProperty("triage.target", "target")).toAbsolutePath();
        Map<String, String> env = System.getenv();
        String port = env.getOrDefault("PORT", "8080");
        List<AutoCloseable> resources = new ArrayList<>();

        List<String> line = startLineWithAotCache(target, port);
        if (line.stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="))) {
            System.out.println("First start with this JDK and Payara: the JVM records what it loads and writes its"
                    + " ahead-of-time cache when the service stops (" + aotCache(target) + "); later starts use it.");
        }
        ProcessBuilder payara = new ProcessBuilder(line).inheritIO();
        Map<String, String> childEnv = payara.environment();
        childEnv.putIfAbsent("BASE_URL", "http://localhost:" + port);
        childEnv.putAll(ENVIRONMENT);

        if (isSet(env, "DB_URL")) {
            useExternalDatabase(env.get("DB_URL"), env.getOrDefault("DB_USER", ""), env.getOrDefault("DB_PASSWORD", ""));
        } else {
            DemoDatabase db = DemoDatabase.start(target.resolve("demo-db")).withDemoData();
            resources.add(db);
            childEnv.put("DB_URL", db.url());
            childEnv.put("DB_USER", db.user());
            childEnv.put("DB_PASSWORD", db.password());
            System.out.println("Embedded PostgreSQL with demo data: " + db.url());
        }

        DevKeys keys = null;
        if (isSet(env, "MP_JWT_VERIFY_PUBLICKEY_LOCATION") || isSet(env, "MP_JWT_VERIFY_PUBLICKEY")) {
            if (!isSet(env, "MP_JWT_VERIFY_ISSUER")) {
                fail("MP_JWT_VERIFY_PUBLICKEY_LOCATION is set but MP_JWT_VERIFY_ISSUER is not: set both.");
            }
            System.out.println("Trusting the configured key; mint tokens with your own identity provider.");
        } else {
            keys = DevKeys.generate(env.getOrDefault("MP_JWT_VERIFY_ISSUER", DevKeys.DEV_ISSUER));
            Path publicKey = keys.writePublicKey(target.resolve("dev-jwt/public-key.pem"));
            childEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toUri().toString());
            childEnv.put("MP_JWT_VERIFY_ISSUER", keys.issuer());
        }

        Process process = payara.start();
        resources.add(0, process::destroy);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(resources)));

        String baseUrl = "http://localhost:" + port;
        String janeToken = keys == null ? null
                : keys.token("jane", OWNER_SCOPES, TOKEN_LIFETIME);
        long started = System.nanoTime();
        if (!awaitReady(baseUrl, janeToken, process)) {
            closeAll(resources);
            fail("The service did not come up; see its log above.");
        }
        System.out.printf("%nIssue triage API is up at %s (ready %.1f s after Payara Micro was started).%n",
                baseUrl, (System.nanoTime() - started) / 1e9);
        if (keys != null) {
            System.out.println("\nDevelopment tokens (valid " + TOKEN_LIFETIME.toHours() + " h, issuer " + keys.issuer() + "):");
            System.out.println("  jane (owner of the-interstellar-jurisdiction; " + String.join(" ", OWNER_SCOPES) + "):");
            System.out.println("    export TOKEN=" + janeToken);
            System.out.println("  john (member of the-interstellar-jurisdiction; " + String.join(" ", MEMBER_SCOPES) + "):");
            System.out.println("    export JOHN_TOKEN=" + keys.token("john", MEMBER_SCOPES, TOKEN_LIFETIME));
            System.out.println("  leia (owner of the-rebel-alliance; the same scopes as jane):");
            System.out.println("    export LEIA_TOKEN=" + keys.token("leia", OWNER_SCOPES, TOKEN_LIFETIME));
            System.out.println("\nTry:\n  curl -H \"Authorization: Bearer $TOKEN\" " + baseUrl + "/api/0/issues/1/\n");
        }
        printDsns(childEnv.get("DB_URL"), childEnv.get("DB_USER"), childEnv.get("DB_PASSWORD"), baseUrl);
        System.out.println("Press Ctrl+C to stop.");
        System.exit(process.waitFor());
    }

    /**
     * The service's process environment beside its configuration, shared with the Dockerfile:
     * glibc's malloc keeps an arena per thread by default (up to 8 per core), each holding freed
     * memory; two arenas keep the resident size down at no measurable cost in throughput.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /**
     * The run command's start line: Payara Micro with the WAR and server-config/, the same server,
     * WAR and settings the runnable jar (Dockerfile, RunnableJarIT) has baked in ({@link #jarStartLine}).
     */
    public static List<String> startLine(Path target, String port) {
        Path serverConfig = target.getParent().resolve("server-config");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "@" + serverConfig.resolve("jvm.options"), "-Djava.io.tmpdir=" + target,
                "-jar", target.resolve("payara-micro.jar").toString(),
                "--deploy", target.resolve("issue-triage.war").toString(),
                "--contextroot", "/",
                "--port", port,
                "--nocluster",
                // on SIGTERM: requests already running get 3 s to finish (ShutdownDrain refuses new ones)
                "--shutdowngrace", "3000",
                "--prebootcommandfile", serverConfig.resolve("pre-boot-commands.asadmin").toString(),
                "--logproperties", serverConfig.resolve("logging.properties").toString());
    }

    /**
     * {@link #startLine} with the JDK's ahead-of-time cache (JDK 25 and newer: JEP 483, 514, 515):
     * classes already loaded and linked and the profiles of hot methods, recorded by one run of the
     * service and read by every later start. Measured with {@code mvn -Pbench}: a start takes about
     * 30 % less CPU (17 instead of 25 CPU seconds) and the service is fast sooner. Without a cache
     * the line records one ({@code -XX:AOTCacheOutput}: the JVM writes it when the service stops);
     * with one it reads it. The file's name holds the JDK version and Payara's jar, the two things
     * the JVM checks a cache against, so a new JDK or Payara records a new one. Used by the run
     * command and the benchmark; the test suite's services start without (each would record one).
     */
    public static List<String> startLineWithAotCache(Path target, String port) {
        List<String> line = new ArrayList<>(startLine(target, port));
        Path cache = aotCache(target);
        if (cache != null) {
            try {
                java.nio.file.Files.createDirectories(cache.getParent());
                if (java.nio.file.Files.isRegularFile(cache) && java.nio.file.Files.size(cache) == 0) {
                    java.nio.file.Files.delete(cache); // a recording that was cut short
                }
            } catch (IOException e) {
                return line;
            }
            line.addAll(1, List.of(java.nio.file.Files.isRegularFile(cache)
                    ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache));
        }
        return line;
    }

    /** Where the ahead-of-time cache of this JDK and Payara jar is, or null before JDK 25. */
    public static Path aotCache(Path target) {
        if (Runtime.version().feature() < 25) {
            return null;
        }
        java.io.File jar = target.resolve("payara-micro.jar").toFile();
        return target.resolve("aot").resolve("service-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_")
                + "-" + Long.toHexString(jar.length() * 31 + jar.lastModified()) + ".aot");
    }

    /**
     * The Dockerfile's start line (its ENTRYPOINT, without the shell): the runnable jar with the
     * service's JVM options. FaultIT runs one of its two instances with it.
     */
    public static List<String> jarStartLine(Path target, String port) {
        Path serverConfig = target.getParent().resolve("server-config");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "@" + serverConfig.resolve("jvm.options"), "-Djava.io.tmpdir=" + target,
                "-jar", target.resolve("issue-triage.jar").toString(),
                "--port", port,
                "--shutdowngrace", "3000");
    }

    /** Each project's DSN, for pointing a Sentry SDK at the running service. */
    static void printDsns(String url, String user, String password, String baseUrl) {
        if (url == null) {
            return;
        }
        String authority = URI.create(baseUrl).getAuthority();
        String scheme = URI.create(baseUrl).getScheme();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             ResultSet keys = connection.createStatement().executeQuery("""
                     select distinct on (p.id) o.slug, p.slug, p.id, k.public_key from client_key k
                     join project p on p.id = k.project_id join organization o on o.id = p.organization_id
                     where k.is_active order by p.id, k.id""")) {
            System.out.println("\nDSNs for Sentry SDKs (SENTRY_DSN), one per project:");
            while (keys.next()) {
                System.out.printf("  %s/%s:%n    export SENTRY_DSN=%s://%s@%s/%d%n", keys.getString(1), keys.getString(2),
                        scheme, keys.getString(4), authority, keys.getLong(3));
            }
            System.out.println();
        } catch (SQLException e) {
            System.out.println("(cannot list the projects' DSNs: " + e.getMessage() + ")");
        }
    }

    private static void useExternalDatabase(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             ResultSet tables = connection.getMetaData().getTables(null, null, "organization", null)) {
            boolean fresh = !tables.next();
            if (fresh) {
                DemoDatabase.migrateAndLoad(url, user, password);
                System.out.println("Loaded the demo data into " + url);
            } else {
                System.out.println("Using " + url + " as it is (it already has a schema; no demo data loaded).");
            }
        } catch (SQLException e) {
            fail("Cannot connect to DB_URL " + url + ": " + e.getMessage());
        }
    }

    private static boolean awaitReady(String baseUrl, String token, Process process) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/0/issues/1/"))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 404 && response.statusCode() < 500) {
                    return true;
                }
            } catch (IOException notYet) {
                // still booting
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // best effort on the way out
            }
        }
        resources.clear();
    }

    private static boolean isSet(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isBlank();
    }

    private static void fail(String message) {
        System.err.println("ERROR: " + message);
        System.exit(1);
    }

    private DemoService() {}
}
