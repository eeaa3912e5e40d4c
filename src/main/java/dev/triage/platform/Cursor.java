package dev.triage.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sentry's cursor paging, the one place every list of the API pages through: a cursor is
 * {@code value:offset:is_prev}, and the {@code Link} header names the previous and next pages with
 * {@code results="true"} when they hold any.
 */
public final class Cursor {

    /** Sentry's {@code per_page}, default and maximum alike ({@code api/base.py}, {@code get_per_page}). */
    public static final int MAX_PER_PAGE = 100;

    private Cursor() {}

    /**
     * The part of a list one request asks for.
     *
     * @param offset the first item ({@code cursor})
     * @param limit  how many items a page holds ({@code per_page})
     */
    public record Window(int offset, int limit) {

        /** How many rows to read: one more than a page, which tells whether another page follows. */
        public int fetch() {
            return limit + 1;
        }

        /** This window of a list held in memory, with the one item more if there is one. */
        public <T> List<T> of(List<T> all) {
            return all.subList(Math.min(offset, all.size()), (int) Math.min((long) offset + fetch(), all.size()));
        }
    }

    /**
     * The window {@code cursor} and {@code per_page} of the request ask for (Sentry's
     * {@code clamp_pagination_per_page}: 100 by default, more is a 400).
     */
    public static Window window(UriInfo uri) {
        String perPage = uri.getQueryParameters().getFirst("per_page");
        int limit = MAX_PER_PAGE;
        if (perPage != null) {
            try {
                limit = Integer.parseInt(perPage.strip());
            } catch (NumberFormatException e) {
                throw ApiFailure.of(400, "Invalid per_page parameter.");
            }
            if (limit > MAX_PER_PAGE) {
                throw ApiFailure.of(400, "Invalid per_page value. Cannot exceed " + MAX_PER_PAGE + ".");
            }
            if (limit < 1) {
                throw ApiFailure.of(400, "Invalid per_page parameter.");
            }
        }
        return new Window(offset(uri.getQueryParameters().getFirst("cursor")), limit);
    }

    /**
     * A page of a list Sentry pages without counting it: the first {@code window.limit()} of
     * {@code fetched} (read with {@link Window#fetch()} rows) and the {@code Link} header.
     */
    public static <T> Response page(UriInfo uri, Window window, List<T> fetched) {
        boolean more = fetched.size() > window.limit();
        Response.ResponseBuilder answer = Response.ok(more ? List.copyOf(fetched.subList(0, window.limit())) : fetched);
        answer.header("Link", link(uri.getRequestUri(), window.offset(), window.limit(), more));
        return answer.build();
    }

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
            throw ApiFailure.of(400, "Invalid cursor \"" + cursor + "\".");
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
        headers.put("Link", link(request, offset, limit, more));
        return headers;
    }

    private static String link(URI request, int offset, int limit, boolean more) {
        String previous = "0:" + Math.max(0, offset - limit) + ":1";
        String next = "0:" + (offset + limit) + ":0";
        String base = pageUri(request);
        return link(base, "previous", previous, offset > 0) + ", " + link(base, "next", next, more);
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
