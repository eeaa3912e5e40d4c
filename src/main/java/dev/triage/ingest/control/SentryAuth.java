package dev.triage.ingest.control;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the public key an SDK authenticates with. It may come in {@code X-Sentry-Auth} (the Java
 * SDK, sentry-cli), in {@code Authorization: Sentry ...} (older SDKs), in the query string
 * {@code ?sentry_key=} (the Node and browser SDKs) or in the envelope header's {@code dsn}. Forms
 * that name different keys are refused.
 */
public final class SentryAuth {

    private SentryAuth() {}

    /**
     * @return the one key named, or null when none is
     * @throws Refused 400 when the forms disagree or one is malformed
     */
    public static String publicKey(String sentryAuthHeader, String authorizationHeader, String query, String envelopeDsn) {
        Set<String> keys = new LinkedHashSet<>();
        add(keys, fromHeader(sentryAuthHeader));
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Sentry ", 0, 7)) {
            add(keys, fromHeader(authorizationHeader));
        }
        add(keys, fromQuery(query));
        add(keys, fromDsn(envelopeDsn));
        if (keys.size() > 1) {
            throw Refused.badRequest("multiple authorization payloads requested");
        }
        return keys.isEmpty() ? null : keys.iterator().next();
    }

    private static void add(Set<String> keys, String key) {
        if (key != null) {
            keys.add(key.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code Sentry sentry_version=7, sentry_client=..., sentry_key=<public>}: commas, optional spaces. */
    static String fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String text = header.strip();
        if (text.regionMatches(true, 0, "Sentry ", 0, 7)) {
            text = text.substring(7);
        }
        String key = null;
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals("sentry_key")) {
                key = part.substring(eq + 1).strip();
            }
        }
        if (key == null) {
            throw Refused.badRequest("invalid X-Sentry-Auth header: no sentry_key");
        }
        return key;
    }

    static String fromQuery(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("sentry_key")) {
                return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String fromDsn(String dsn) {
        if (dsn == null || dsn.isBlank()) {
            return null;
        }
        try {
            String userInfo = URI.create(dsn.strip()).getRawUserInfo();
            if (userInfo == null || userInfo.isEmpty()) {
                throw Refused.badRequest("invalid dsn in the envelope header: no public key");
            }
            int colon = userInfo.indexOf(':');
            return colon < 0 ? userInfo : userInfo.substring(0, colon);
        } catch (IllegalArgumentException e) {
            throw Refused.badRequest("invalid dsn in the envelope header");
        }
    }
}
