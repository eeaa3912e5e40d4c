package dev.triage.issue.boundary;

/** Reads {@code If-Match}: the version an update is conditional on. */
final class IfMatch {

    private IfMatch() {}

    /**
     * @return null without the header or with {@code *} (any version), else the version named
     *     by the first tag; a weak tag ({@code W/"3"}: If-Match compares strongly, RFC 9110
     *     §13.1.1) or a tag that is no version of ours becomes -1, which never matches, so the
     *     update is refused with 412 as HTTP requires
     */
    static Long version(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.split(",")[0].trim();
        if (tag.startsWith("W/")) {
            return -1L;
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            return version >= 0 ? version : -1L;
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
