package dev.triage.issue.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event timelines Sentry shows with an issue ({@code stats}): per bucket the start as epoch
 * seconds and the number of events in it, oldest first, the last bucket being the current one.
 * Events are counted here and nowhere else, from the hourly counts ingestion keeps; an issue
 * nobody sent events for has 0 in every bucket.
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

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    /**
     * The timeline of each issue, by issue id, counted from the hourly event counts ingestion
     * keeps ({@code issue_hourly}, by the events' own time); an issue merged into another counts
     * on that one.
     */
    public Map<Long, List<Bucket>> timelines(Collection<Long> issueIds, Period period, Instant now) {
        return timelines(issueIds, List.of(period), now).get(period);
    }

    /**
     * The timelines of each issue for several periods, from one query (the details GET shows
     * both of Sentry's): by period, then by issue id.
     */
    public Map<Period, Map<Long, List<Bucket>>> timelines(Collection<Long> issueIds, List<Period> periods, Instant now) {
        Map<Period, List<Instant>> starts = new EnumMap<>(Period.class);
        periods.forEach(p -> starts.put(p, p.starts(now)));
        Instant from = starts.values().stream().map(s -> s.get(0)).min(Instant::compareTo).orElse(now);
        Map<Period, Map<Long, Map<Instant, Long>>> counts = new EnumMap<>(Period.class);
        if (!issueIds.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select case when i.id in (:ids) then i.id else i.merged_into_id end, h.hour, sum(h.events)
                    from issue_hourly h join issue i on i.id = h.issue_id
                    where (i.id in (:ids) or i.merged_into_id in (:ids)) and h.hour >= :from
                    group by 1, 2""")
                    .setParameter("ids", issueIds)
                    .setParameter("from", java.sql.Timestamp.from(from))
                    .getResultList();
            for (Object[] row : rows) {
                Instant hour = instant(row[1]);
                for (Period period : periods) {
                    if (hour.isBefore(starts.get(period).get(0))) {
                        continue;
                    }
                    counts.computeIfAbsent(period, k -> new HashMap<>())
                            .computeIfAbsent(((Number) row[0]).longValue(), k -> new HashMap<>())
                            .merge(hour.truncatedTo(period.unit), ((Number) row[2]).longValue(), Long::sum);
                }
            }
        }
        Map<Period, Map<Long, List<Bucket>>> timelines = new EnumMap<>(Period.class);
        for (Period period : periods) {
            Map<Long, List<Bucket>> byIssue = new HashMap<>();
            for (Long id : issueIds) {
                Map<Instant, Long> issue = counts.getOrDefault(period, Map.of()).getOrDefault(id, Map.of());
                byIssue.put(id, starts.get(period).stream()
                        .map(start -> new Bucket(start.getEpochSecond(), issue.getOrDefault(start, 0L))).toList());
            }
            timelines.put(period, byIssue);
        }
        return timelines;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return ((java.time.OffsetDateTime) value).toInstant();
    }
}
