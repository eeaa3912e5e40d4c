package dev.triage.ingest.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An issue's numbers as its events made them (the rollups ingestion keeps): {@code stats}, the
 * event counts per hour over 24 hours and per day over 30 days, zero-filled, oldest first; and
 * {@code tags}, each tag key with its most frequent values.
 */
@ApplicationScoped
public class IssueRollups {

    /** Looked up once: {@code Json.create*} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final int TOP_VALUES = 9;

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    /** One tag key of an issue with its value counts, most frequent first. */
    public record TagSummary(String key, long totalValues, List<TagValue> values) {}

    public record TagValue(String key, String value, long count, Instant firstSeen, Instant lastSeen) {}

    /** Every tag key of the issue with its {@link #TOP_VALUES} most frequent values. */
    public List<TagSummary> tags(long issueId) {
        return summaries(issueId, null, TOP_VALUES, 0);
    }

    /** One tag key with its values (a page of them), or null when the issue never had it. */
    public TagSummary tag(long issueId, String key, int offset, int limit) {
        List<TagSummary> found = summaries(issueId, key, limit, offset);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<TagSummary> summaries(long issueId, String onlyKey, int limit, int offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with v as (
                  select key, value, sum(times_seen) as n, min(first_seen) as f, max(last_seen) as l
                  from issue_tag_value
                  where issue_id in (select id from issue where id = ?1 or merged_into_id = ?1)
                    and (?2 = '' or key = ?2)
                  group by key, value),
                r as (select v.*, row_number() over (partition by key order by n desc, value) as rank,
                             sum(n) over (partition by key) as total
                      from v)
                select key, value, n, f, l, total from r where rank > ?3 and rank <= ?3 + ?4
                order by key, rank""")
                .setParameter(1, issueId)
                .setParameter(2, onlyKey == null ? "" : onlyKey)
                .setParameter(3, offset)
                .setParameter(4, limit)
                .getResultList();
        Map<String, TagSummary> byKey = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String key = (String) row[0];
            TagSummary summary = byKey.computeIfAbsent(key,
                    k -> new TagSummary(k, ((Number) row[5]).longValue(), new ArrayList<>()));
            summary.values().add(new TagValue(key, (String) row[1], ((Number) row[2]).longValue(), instant(row[3]),
                    instant(row[4])));
        }
        return new ArrayList<>(byKey.values());
    }

    /** A timestamp column as JDBC drivers hand it out. */
    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value);
    }
}
