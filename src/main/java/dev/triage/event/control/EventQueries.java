package dev.triage.event.control;

import dev.triage.identity.control.Caller;
import dev.triage.ingest.control.IssueRollups;
import dev.triage.issue.control.IssueLookup;
import dev.triage.issue.entity.Issue;
import dev.triage.organization.entity.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reading stored events (§8 of SENTRY-INGEST.md): an issue's events (newest first), one of them
 * ({@code latest}, {@code oldest}, {@code recommended} or by event ID), a project's events, and an
 * issue's tag breakdown. The caller sees what the issue API lets them see, nothing else.
 */
@ApplicationScoped
public class EventQueries {

    /** Looked up once: {@code Json.create*} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String COLUMNS = """
            select e.project_id, e.issue_id, e.event_id, e.hash, e.occurred_at, e.received_at, e.title, e.culprit,
                   e.message, e.platform, e.release, e.tags::text, e.size, e.payload::text from event e""";
    /** The issue's own events and those of the issues merged into it. */
    private static final String OF_ISSUE = " e.issue_id in (select id from issue where id = ?1 or merged_into_id = ?1)";

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    IssueLookup issues;

    @Inject
    IssueRollups rollups;

    /** A page of events, newest first; {@code more} when another page follows; {@code hits} counted up to 1000. */
    public record Page(List<StoredEvent> events, boolean more, long hits) {}

    /** The issue's events (and those of the issues merged into it), newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page issueEvents(Caller caller, String organization, String issueId, int offset, int limit) {
        Issue issue = issues.find(caller, organization, issueId);
        return page(" where" + OF_ISSUE, issue.id(), offset, limit);
    }

    /** One event and its neighbours (by time of arrival) in the issue. */
    public record Found(Issue issue, StoredEvent event, String previousEventId, String nextEventId) {}

    /**
     * @param which {@code latest}, {@code oldest}, {@code recommended} (Sentry recommends the
     *              latest event here) or a 32-hex event ID
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Found issueEvent(Caller caller, String organization, String issueId, String which) {
        Issue issue = issues.find(caller, organization, issueId);
        String selector = which.toLowerCase(Locale.ROOT).replace("-", "");
        List<StoredEvent> found = switch (selector) {
            case "latest", "recommended" -> query(COLUMNS + " where" + OF_ISSUE
                    + " order by e.received_at desc, e.id desc limit 1", issue.id());
            case "oldest" -> query(COLUMNS + " where" + OF_ISSUE + " order by e.received_at, e.id limit 1", issue.id());
            default -> EVENT_ID.matcher(selector).matches()
                    ? query(COLUMNS + " where" + OF_ISSUE + " and e.event_id = ?2", issue.id(), selector)
                    : List.of();
        };
        if (found.isEmpty()) {
            throw new EventNotFound();
        }
        StoredEvent event = found.get(0);
        return new Found(issue, event, neighbour(issue.id(), event, false), neighbour(issue.id(), event, true));
    }

    private String neighbour(long issueId, StoredEvent event, boolean next) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select e.event_id from event e where" + OF_ISSUE
                        + (next ? " and (e.received_at, e.event_id) > (?2, ?3) order by e.received_at, e.event_id"
                                : " and (e.received_at, e.event_id) < (?2, ?3) order by e.received_at desc, e.event_id desc")
                        + " limit 1")
                .setParameter(1, issueId)
                .setParameter(2, java.sql.Timestamp.from(event.receivedAt()))
                .setParameter(3, event.eventId())
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The project's events, newest first (what {@code sentry-cli events list} shows). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page projectEvents(Caller caller, String organization, String projectSlug, int offset, int limit) {
        Project project = em.createQuery("""
                        select p from Project p join fetch p.organization o, User me
                        where me.subject = :subject and (o.slug = :org or cast(o.id as String) = :org)
                          and (p.slug = :project or cast(p.id as String) = :project)"""
                        + " and " + IssueLookup.CALLER_MAY_ACCESS, Project.class)
                .setParameter("subject", caller.subject())
                .setParameter("org", organization)
                .setParameter("project", projectSlug)
                .getResultStream().findFirst().orElseThrow(EventNotFound::new);
        return page(" join issue i on i.id = e.issue_id where e.project_id = ?1 and i.pending_deletion = false",
                project.id(), offset, limit);
    }

    /** One page of the events {@code from} (joins and a condition on {@code ?1}) selects, with their count. */
    private Page page(String from, long id, int offset, int limit) {
        List<StoredEvent> events = query(COLUMNS + from + " order by e.received_at desc, e.id desc offset ?2 limit ?3",
                id, offset, limit + 1);
        return new Page(events.subList(0, Math.min(limit, events.size())), events.size() > limit,
                count("select count(*) from (select 1 from event e" + from + " limit 1000) c", id));
    }

    /** The issue's tags with their top values. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IssueRollups.TagSummary> tags(Caller caller, String organization, String issueId) {
        return rollups.tags(issues.find(caller, organization, issueId).id());
    }

    /** One tag key of the issue with a page of its values, most frequent first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public IssueRollups.TagSummary tag(Caller caller, String organization, String issueId, String key, int offset,
                                       int limit) {
        IssueRollups.TagSummary tag = rollups.tag(issues.find(caller, organization, issueId).id(), key, offset, limit);
        if (tag == null) {
            throw new EventNotFound();
        }
        return tag;
    }

    /** A count, capped by the query (Sentry counts hits up to 1000). */
    private long count(String sql, long id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }

    private List<StoredEvent> query(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            events.add(new StoredEvent(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                    (String) r[3], IssueRollups.instant(r[4]), IssueRollups.instant(r[5]), (String) r[6],
                    (String) r[7], (String) r[8], (String) r[9], (String) r[10], pairs((String) r[11]),
                    ((Number) r[12]).intValue(), object((String) r[13])));
        }
        return events;
    }

    private static List<List<String>> pairs(String json) {
        List<List<String>> pairs = new ArrayList<>();
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            for (var pair : reader.readArray()) {
                JsonArray kv = pair.asJsonArray();
                pairs.add(List.of(kv.getString(0), kv.getString(1)));
            }
        }
        return pairs;
    }

    private static JsonObject object(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
