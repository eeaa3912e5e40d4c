package dev.triage.platform;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.health.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whom the service trusts: the issuer and the keys that sign its tokens. The service ships with
 * no key it trusts; unless both a key source and an issuer are configured every token is
 * rejected, and the log says so at start.
 *
 * <p>Key sources ({@code mp.jwt.verify.publickey.location}): an {@code http(s)} URL of a JWKS or of
 * an OpenID Connect discovery document ({@code .../.well-known/openid-configuration}, whose
 * {@code jwks_uri} is used), fetched when first needed and cached for {@code jwt.keys.cache.ttl}
 * seconds; a token whose {@code kid} is not in the cached set makes it fetch again at once (at most
 * four times a second), so a key the provider adds is accepted without a restart, and a key it removes is
 * refused once the cache has expired. A file ({@code file:} URL or plain path) or an inline
 * {@code mp.jwt.verify.publickey}, PEM or JWKS, is read once at start: if it cannot be read the
 * start fails, never a silent lock-out.
 */
@ApplicationScoped
public class JwtTrust {

    private static final Logger LOG = Logger.getLogger(JwtTrust.class.getName());

    /** The default issuer of microprofile-config.properties, which stands for "none configured". */
    static final String UNCONFIGURED_ISSUER = "urn:issue-triage:issuer-not-configured";

    static final int HTTP_TIMEOUT_MILLIS = 3000;
    static final int JWKS_SIZE_LIMIT = 512 * 1024;
    /**
     * How often, at most, an unknown {@code kid} may make the service fetch the key set again: tokens
     * with made-up {@code kid}s cost the provider at most four requests a second.
     */
    static final long MIN_REFETCH_MILLIS = 250;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> keyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "jwt.keys.cache.ttl", defaultValue = "300")
    long cacheSeconds;

    @Inject
    @ConfigProperty(name = "exit.on.startup.failure", defaultValue = "true")
    boolean exitOnFailure;

    private JWKSource<SecurityContext> keys;
    private boolean remoteKeys;
    /** When the cached key set of a remote source was last fetched; null before the first fetch. */
    private volatile Instant remoteKeysFetched;
    private String description = "none";
    private final AtomicReference<String> remoteFailure = new AtomicReference<>();

    public boolean configured() {
        return isSet(issuer) && !UNCONFIGURED_ISSUER.equals(issuer.get()) && (isSet(keyLocation) || isSet(key));
    }

    String issuer() {
        return issuer.orElseThrow();
    }

    /** The keys tokens are checked with; null when nothing is configured. */
    JWKSource<SecurityContext> keys() {
        return keys;
    }

    /**
     * Until when the key set in use now is certainly the one tokens are checked with: for ever for
     * a file or inline key; for a remote source, until its cache expires (then it is fetched again
     * and may have lost a key); already over before the first fetch.
     */
    Instant keysUnchangedUntil() {
        if (!remoteKeys) {
            return Instant.MAX;
        }
        Instant fetched = remoteKeysFetched;
        return fetched == null ? Instant.MIN : fetched.plusSeconds(Math.max(1, cacheSeconds));
    }

    /** What the keys come from, for the log and the health check. */
    public String description() {
        return description;
    }

    /** Opens the configured key source; a file or inline key is read now. */
    void open() {
        if (!configured()) {
            return;
        }
        String location = keyLocation.filter(l -> !l.isBlank()).orElse(null);
        try {
            if (location == null) {
                keys = LocalKeys.parse(key.get(), "mp.jwt.verify.publickey");
                description = "the inline key of MP_JWT_VERIFY_PUBLICKEY";
            } else if (location.startsWith("http://") || location.startsWith("https://")) {
                keys = remote(location);
                remoteKeys = true;
                description = location + " (cached " + cacheSeconds + " s)";
            } else {
                keys = LocalKeys.read(location);
                description = "the key file " + location;
            }
        } catch (IllegalArgumentException e) {
            keys = null;
            description = "an unusable key source";
            throw new KeySourceUnusable(e.getMessage());
        }
    }

    /** The start-up line, or a start that fails because the configured key cannot be used. */
    void reportAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!configured()) {
            LOG.severe("No JWT verification key and issuer are configured: every bearer token will be rejected"
                    + " with 401. Set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a JWKS or discovery URL, or a PEM or JWKS"
                    + " file) and MP_JWT_VERIFY_ISSUER.");
            return;
        }
        try {
            open();
        } catch (KeySourceUnusable e) {
            LOG.severe(e.getMessage() + (exitOnFailure ? ". Stopping (EXIT_ON_STARTUP_FAILURE=false keeps the server up)." : ""));
            if (exitOnFailure) {
                StartupFailure.exitSoon();
            }
            throw e;
        }
        LOG.info(() -> "Trusting bearer tokens of issuer " + issuer.get() + " signed by keys from " + description);
    }

    /**
     * Whether tokens can be checked now: for a remote source, the cached key set or a fresh fetch;
     * empty when fine, else why not.
     */
    public Optional<String> problem() {
        if (!configured() || keys == null) {
            return Optional.of("no key source configured");
        }
        try {
            keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(String.valueOf(rootMessage(e)));
        }
    }

    private JWKSource<SecurityContext> remote(String location) {
        URL url = toUrl(location);
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT);
        JWKSetSource<SecurityContext> source = location.contains("/.well-known/")
                ? new DiscoveredKeySet(url, retriever)
                : new URLBasedJWKSetSource<>(url, retriever);
        long ttl = Math.max(1, cacheSeconds) * 1000;
        return JWKSourceBuilder.create(source)
                .cache(ttl, HTTP_TIMEOUT_MILLIS)
                .rateLimited(Math.min(MIN_REFETCH_MILLIS, ttl / 2))
                .retrying(false)
                .outageTolerant(false)
                .refreshAheadCache(false)
                .healthReporting(report -> reportFetch(location, report.getHealthStatus(), report.getException()))
                .build();
    }

    /** One log line when the key source stops answering, one when it is back. */
    private void reportFetch(String location, HealthStatus status, Exception failure) {
        if (status == HealthStatus.HEALTHY) {
            remoteKeysFetched = Instant.now();
            String before = remoteFailure.getAndSet(null);
            if (before != null) {
                LOG.info(() -> "The JWT key source " + location + " answers again; tokens are accepted again");
            }
        } else {
            String reason = failure == null ? "unknown failure" : rootMessage(failure);
            if (remoteFailure.getAndSet(reason) == null) {
                LOG.warning("Cannot fetch the JWT signing keys from " + location + ": " + reason
                        + ". Tokens whose key is not cached are refused until it answers.");
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }

    static URL toUrl(String location) {
        try {
            return URI.create(location).toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new KeySourceUnusable("MP_JWT_VERIFY_PUBLICKEY_LOCATION is not a usable URL: " + location);
        }
    }

    private static boolean isSet(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }

    /** The configured key cannot be used: the start fails with this message. */
    static final class KeySourceUnusable extends IllegalArgumentException {
        KeySourceUnusable(String message) {
            super(message);
        }
    }
}
