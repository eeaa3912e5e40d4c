package dev.triage.clientkey.boundary;

import dev.triage.clientkey.entity.ClientKey;
import jakarta.json.bind.annotation.JsonbProperty;
import java.net.URI;
import java.time.Instant;

/** A client key on the wire, in the shape of Sentry's ProjectKey serializer (the id is the public key). */
public record ClientKeyView(
        String id,
        String name,
        String label,
        @JsonbProperty("public") String publicKey,
        String secret,
        int projectId,
        @JsonbProperty("isActive") boolean isActive,
        RateLimit rateLimit,
        Dsn dsn,
        String browserSdkVersion,
        Instant dateCreated) {

    public record RateLimit(int window, int count) {}

    /** Every address Sentry lists for a key, built from the service's public ingestion URL. */
    public record Dsn(String secret, @JsonbProperty("public") String publicDsn, String csp, String security,
                      String minidump, String unreal, String cdn) {}

    static ClientKeyView from(ClientKey key, String ingestUrl) {
        URI base = URI.create(ingestUrl.endsWith("/") ? ingestUrl : ingestUrl + "/");
        String hostPart = base.getRawAuthority() + base.getRawPath();
        String scheme = base.getScheme() + "://";
        String api = scheme + hostPart + "api/" + key.projectId() + "/";
        RateLimit limit = key.rateLimitWindow() == null || key.rateLimitCount() == null ? null
                : new RateLimit(key.rateLimitWindow(), key.rateLimitCount());
        return new ClientKeyView(
                key.publicKey(), key.label(), key.label(), key.publicKey(), key.secretKey(),
                key.projectId().intValue(), key.active(), limit,
                new Dsn(scheme + key.publicKey() + ":" + key.secretKey() + "@" + hostPart + key.projectId(),
                        dsn(key, ingestUrl),
                        api + "csp-report/?sentry_key=" + key.publicKey(),
                        api + "security/?sentry_key=" + key.publicKey(),
                        api + "minidump/?sentry_key=" + key.publicKey(),
                        api + "unreal/" + key.publicKey() + "/",
                        scheme + hostPart + "js-sdk-loader/" + key.publicKey() + ".min.js"),
                "latest",
                key.dateCreated());
    }

    /** The DSN an SDK is configured with: {@code <scheme>://<public>@<host>[/path]/<project id>}. */
    public static String dsn(ClientKey key, String ingestUrl) {
        URI base = URI.create(ingestUrl.endsWith("/") ? ingestUrl : ingestUrl + "/");
        return base.getScheme() + "://" + key.publicKey() + "@" + base.getRawAuthority() + base.getRawPath()
                + key.projectId();
    }
}
