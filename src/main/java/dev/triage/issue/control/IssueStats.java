package dev.triage.issue.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event timelines Sentry shows with an issue ({@code stats}): per bucket the start as epoch
 * seconds and the number of events in it, oldest first, the last bucket being the current one.
 * Events are counted here and nowhere else; until events are stored (ingestion) every bucket is 0,
 * which is the truth for an issue nobody sent events for.
 */
@ApplicationScoped
public class IssueStats {

    /** Sentry's two timelines: {@code 24h} in hours and {@code 30d} in days. */
    public enum Period {
        LAST_24_HOURS("24h", 24, ChronoUnit.HOURS),
        LAST_30_DAYS("30d", 30, ChronoUnit.DAYS);

        private final String key;
        private final int buckets;
        private final ChronoUnit unit;

        Period(String key, int buckets, ChronoUnit unit) {
            this.key = key;
            this.buckets = buckets;
            this.unit = unit;
        }

        /** The key of the timeline in {@code stats}. */
        public String key() {
            return key;
        }

        /** The starts of the buckets, oldest first, ending with the one that holds {@code now}. */
        List<Instant> starts(Instant now) {
            Instant current = now.truncatedTo(unit);
            List<Instant> starts = new ArrayList<>(buckets);
            for (int n = buckets - 1; n >= 0; n--) {
                starts.add(current.minus(Duration.of(n, unit)));
            }
            return starts;
        }
    }

    /** One bucket: its start (epoch seconds) and the events in it. */
    public record Bucket(long start, long count) {}

    /** The timeline of each issue, by issue id. */
    public Map<Long, List<Bucket>> timelines(Collection<Long> issueIds, Period period, Instant now) {
        List<Bucket> empty = period.starts(now).stream().map(start -> new Bucket(start.getEpochSecond(), 0)).toList();
        Map<Long, List<Bucket>> timelines = new HashMap<>();
        issueIds.forEach(id -> timelines.put(id, empty));
        return timelines;
    }
}
