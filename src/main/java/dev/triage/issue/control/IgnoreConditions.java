package dev.triage.issue.control;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The conditions an ignore may carry (Sentry's {@code StatusDetailsValidator}): each key declared
 * once, with its wire name and its limit. Absent, null and zero values mean "not set".
 *
 * @param untilEscalating {@code ignoreUntilEscalating}: come back when the issue escalates
 */
public record IgnoreConditions(Map<Key, Integer> values, boolean untilEscalating) {

    /** The integer keys, in the order Sentry declares them. */
    public enum Key {
        /** Minutes to stay ignored. {@code snoozeDuration} is an older name for it. */
        DURATION("ignoreDuration", Integer.MAX_VALUE),
        /** Events before the issue comes back. */
        COUNT("ignoreCount", Integer.MAX_VALUE),
        /** Minutes within which {@link #COUNT} events must happen; at most a week. */
        WINDOW("ignoreWindow", 7 * 24 * 60),
        /** Affected users before the issue comes back. */
        USER_COUNT("ignoreUserCount", Integer.MAX_VALUE),
        /** Minutes within which {@link #USER_COUNT} users must be affected; at most a week. */
        USER_WINDOW("ignoreUserWindow", 7 * 24 * 60);

        private final String wireName;
        private final int max;

        Key(String wireName, int max) {
            this.wireName = wireName;
            this.max = max;
        }

        public String wireName() {
            return wireName;
        }

        /** The largest value allowed. */
        public int max() {
            return max;
        }
    }

    public IgnoreConditions {
        EnumMap<Key, Integer> set = new EnumMap<>(Key.class);
        values.forEach((key, value) -> {
            if (value != null && value != 0) {
                set.put(key, value);
            }
        });
        values = Collections.unmodifiableMap(set);
    }

    /** The value of a key, or null when not set. */
    public Integer get(Key key) {
        return values.get(key);
    }

    public Integer duration() { return get(Key.DURATION); }
    public Integer count() { return get(Key.COUNT); }
    public Integer window() { return get(Key.WINDOW); }
    public Integer userCount() { return get(Key.USER_COUNT); }
    public Integer userWindow() { return get(Key.USER_WINDOW); }

    /** Whether anything would bring the issue back: a duration or a count (a window alone is none). */
    public boolean hasCondition() {
        return duration() != null || count() != null || userCount() != null;
    }
}
