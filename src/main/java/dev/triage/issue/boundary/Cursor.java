package dev.triage.issue.boundary;

import dev.triage.issue.control.InvalidSearch;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Sentry's cursor paging: a cursor is {@code value:offset:is_prev}, and the {@code Link} header
 * names the previous and next pages with {@code results="true"} when they hold any.
 */
final class Cursor {

    private Cursor() {}

    static int offset(String cursor) {
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

    static String link(UriBuilder request, int offset, int limit, boolean more) {
        String previous = "0:" + Math.max(0, offset - limit) + ":1";
        String next = "0:" + (offset + limit) + ":0";
        return "<" + request.clone().replaceQueryParam("cursor", previous).build() + ">; rel=\"previous\"; results=\""
                + (offset > 0) + "\"; cursor=\"" + previous + "\", <"
                + request.clone().replaceQueryParam("cursor", next).build() + ">; rel=\"next\"; results=\""
                + more + "\"; cursor=\"" + next + "\"";
    }
}
