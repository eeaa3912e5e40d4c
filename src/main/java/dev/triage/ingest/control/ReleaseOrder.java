package dev.triage.ingest.control;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of two releases is newer, as Sentry decides for regressions: versions that both parse as
 * semver ({@code 1.2.3}, {@code 1.2.3-rc.1}, {@code 1.2.3+build}, optionally behind a
 * {@code package@} prefix) compare as semver; otherwise the release that was first seen later is
 * newer.
 */
public final class ReleaseOrder {

    private static final Pattern SEMVER = Pattern.compile(
            "^(?:[^@]+@)?v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");

    /** A release as the rules see it. */
    public record Release(String version, Instant dateCreated) {}

    private ReleaseOrder() {}

    /** Negative when {@code a} is older than {@code b}, zero when the same, positive when newer. */
    public static int compare(Release a, Release b) {
        if (a.version().equals(b.version())) {
            return 0;
        }
        Matcher ma = SEMVER.matcher(a.version());
        Matcher mb = SEMVER.matcher(b.version());
        if (ma.matches() && mb.matches() && samePackage(a.version(), b.version())) {
            for (int group = 1; group <= 4; group++) {
                int c = Long.compare(number(ma.group(group)), number(mb.group(group)));
                if (c != 0) {
                    return c;
                }
            }
            String pa = ma.group(5);
            String pb = mb.group(5);
            if (pa == null || pb == null) {
                // a release without a pre-release part is newer than one with
                return pa == null && pb == null ? 0 : pa == null ? 1 : -1;
            }
            int c = comparePreRelease(pa, pb);
            if (c != 0) {
                return c;
            }
        }
        return a.dateCreated().compareTo(b.dateCreated());
    }

    private static boolean samePackage(String a, String b) {
        int at = a.indexOf('@');
        int bt = b.indexOf('@');
        String pa = at < 0 ? "" : a.substring(0, at);
        String pb = bt < 0 ? "" : b.substring(0, bt);
        return pa.equals(pb);
    }

    private static long number(String digits) {
        if (digits == null) {
            return 0;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static int comparePreRelease(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            boolean na = pa[i].matches("\\d+");
            boolean nb = pb[i].matches("\\d+");
            int c = na && nb ? Long.compare(number(pa[i]), number(pb[i]))
                    : na ? -1 : nb ? 1 : pa[i].compareTo(pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }
}
