package dev.triage.issue.boundary;

import dev.triage.issue.control.InvalidSearch;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sentry's cursor paging: a cursor is {@code value:offset:is_prev}, and the {@code Link} header
 * names the previous and next pages with {@code results="true"} when they hold any.
 */
public final class Cursor {

    private Cursor() {}

    public static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        String[] parts = cursor.split(":");
        try {
            int offset = Integer.parseInt(parts.length == 3 ? parts[1] : "x");
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new InvalidSearch("Invalid cursor \"" + cursor + "\".");
        }
    }

    /** Sentry's {@code max_hits}: hits are counted up to this many. */
    static final long MAX_HITS = 1000;

    /**
     * Sentry's paging headers ({@code api/base.py}, {@code add_cursor_headers}): {@code X-Hits}
     * (and {@code X-Max-Hits} when the count reached its cap) and {@code Link} with the previous
     * and the next page.
     */
    public static Map<String, String> headers(URI request, int offset, int limit, boolean more, long hits) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Hits", Long.toString(Math.min(hits, MAX_HITS)));
        if (hits >= MAX_HITS) {
            headers.put("X-Max-Hits", Long.toString(MAX_HITS));
        }
        String previous = "0:" + Math.max(0, offset - limit) + ":1";
        String next = "0:" + (offset + limit) + ":0";
        String base = pageUri(request);
        headers.put("Link", link(base, "previous", previous, offset > 0) + ", " + link(base, "next", next, more));
        return headers;
    }

    /**
     * The request's address with every parameter but {@code cursor}, in the order sent and
     * form-encoded as Django's {@code QueryDict.urlencode} does, ending with {@code ?} so that
     * {@code &cursor=} can follow (Sentry's {@code build_cursor_link}).
     */
    static String pageUri(URI request) {
        String raw = request.getRawQuery();
        StringJoiner query = new StringJoiner("&");
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (!key.equals("cursor")) {
                    query.add(encode(key) + "=" + encode(value));
                }
            }
        }
        return request.getScheme() + "://" + request.getRawAuthority() + request.getRawPath() + "?" + query;
    }

    private static String link(String base, String rel, String cursor, boolean results) {
        return "<" + base + "&cursor=" + cursor + ">; rel=\"" + rel + "\"; results=\"" + results + "\"; cursor=\""
                + cursor + "\"";
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Python's {@code quote_plus}: like Java's form encoding, but {@code ~} stays and {@code *} does not. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%7E", "~").replace("*", "%2A");
    }
}
