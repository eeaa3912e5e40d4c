package dev.triage.activity.control;

import dev.triage.activity.entity.Activity;
import dev.triage.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an issue's history, with Sentry's activity type names and data shapes: one factory per
 * kind of entry below, so each shape is written down once.
 */
@ApplicationScoped
public class ActivityLog {

    public static final String SET_RESOLVED = "set_resolved";
    public static final String SET_RESOLVED_IN_RELEASE = "set_resolved_in_release";
    public static final String SET_RESOLVED_IN_COMMIT = "set_resolved_in_commit";
    public static final String SET_UNRESOLVED = "set_unresolved";
    public static final String SET_IGNORED = "set_ignored";
    public static final String ASSIGNED = "assigned";
    public static final String UNASSIGNED = "unassigned";
    public static final String SET_PUBLIC = "set_public";
    public static final String SET_PRIVATE = "set_private";
    public static final String SET_PRIORITY = "set_priority";
    public static final String MERGE = "merge";
    public static final String NOTE = "note";
    // written by events (ingestion), not by people
    public static final String SET_REGRESSION = "set_regression";
    public static final String SET_ESCALATING = "set_escalating";
    public static final String AUTO_SET_ONGOING = "auto_set_ongoing";

    /**
     * One entry to write: its type and its data (values: strings, numbers, booleans, instants,
     * null, lists and maps of those; stored as a JSON object in this order).
     */
    public record Entry(String type, Map<String, Object> data) {}

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    Jsonb jsonb;

    public Activity record(Long issueId, Long projectId, User actor, Entry entry, Instant now) {
        // a reference, not the caller's detached User: no select to tell whether it is new
        User user = actor == null ? null : em.getReference(User.class, actor.id());
        Activity activity = new Activity(issueId, projectId, user, entry.type(), dataOf(entry), now);
        em.persist(activity);
        return activity;
    }

    /**
     * Moves the merged issues' history, notes included, to the issue they were merged into, as
     * Sentry's merge task moves their {@code Activity} rows: the parent lists the children's
     * comments, which its {@code numComments} counts from then on.
     */
    public void moveTo(long parentId, List<Long> childIds) {
        em.createQuery("update Activity a set a.issueId = :parent where a.issueId in :children")
                .setParameter("parent", parentId)
                .setParameter("children", childIds)
                .executeUpdate();
    }

    /** The entry's data as stored. */
    public String dataOf(Entry entry) {
        // most entries (set_resolved, set_unresolved, ...) carry nothing: JSON-B for an empty map
        // was about 1 % of a status PUT's CPU
        return entry.data().isEmpty() ? "{}" : jsonb.toJson(entry.data());
    }

    /**
     * An issue's history as Sentry lists it ({@code models/activity.py},
     * {@code get_activities_for_group}): newest first, a run of identical entries (same type, user
     * and data) shown once, notes always; at most {@code limit} entries.
     */
    public List<Activity> history(Long issueId, int limit) {
        List<Activity> recent = em.createQuery("select a from Activity a left join fetch a.user"
                        + " where a.issueId = :issue order by a.dateCreated desc, a.id desc", Activity.class)
                .setParameter("issue", issueId)
                .setMaxResults(limit * 2)
                .getResultList();
        List<Activity> shown = new ArrayList<>();
        Activity previous = null;
        for (Activity activity : recent) {
            if (NOTE.equals(activity.type()) || previous == null || !activity.repeats(previous)) {
                shown.add(activity);
            }
            previous = activity;
        }
        return shown.size() > limit ? shown.subList(0, limit) : shown;
    }

    public static Entry resolved() {
        return new Entry(SET_RESOLVED, Map.of());
    }

    /** @param version the release's version; empty for "the next release" */
    public static Entry resolvedInRelease(String version) {
        return new Entry(SET_RESOLVED_IN_RELEASE, Map.of("version", version));
    }

    public static Entry resolvedInCommit(Long commitId) {
        return new Entry(SET_RESOLVED_IN_COMMIT, Map.of("commit", commitId));
    }

    public static Entry unresolved() {
        return new Entry(SET_UNRESOLVED, Map.of());
    }

    /** Sentry's {@code set_ignored} data: every condition key, null when not set. */
    public static Entry ignored(Integer count, Integer duration, Instant until, Integer userCount, Integer userWindow,
                                Integer window, boolean untilEscalating) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ignoreCount", count);
        data.put("ignoreDuration", duration);
        data.put("ignoreUntil", until);
        data.put("ignoreUserCount", userCount);
        data.put("ignoreUserWindow", userWindow);
        data.put("ignoreWindow", window);
        data.put("ignoreUntilEscalating", untilEscalating);
        return new Entry(SET_IGNORED, Collections.unmodifiableMap(data));
    }

    /** @param email the user's email; null for a team */
    public static Entry assigned(Long assigneeId, String email, String assigneeType) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assignee", assigneeId.toString());
        data.put("assigneeEmail", email);
        data.put("assigneeType", assigneeType);
        return new Entry(ASSIGNED, Collections.unmodifiableMap(data));
    }

    public static Entry unassigned() {
        return new Entry(UNASSIGNED, Map.of());
    }

    public static Entry madePublic() {
        return new Entry(SET_PUBLIC, Map.of());
    }

    public static Entry madePrivate() {
        return new Entry(SET_PRIVATE, Map.of());
    }

    /** A priority set by hand (no automatic reason). */
    public static Entry prioritized(String priority) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("priority", priority);
        data.put("reason", null);
        return new Entry(SET_PRIORITY, Collections.unmodifiableMap(data));
    }

    /** An event came for a resolved issue; {@code version} is its release, or null. */
    public static Entry regression(String version) {
        return new Entry(SET_REGRESSION, version == null ? Map.of() : Map.of("version", version));
    }

    /** An ignored issue is back because its condition was met or its events escalated. */
    public static Entry escalating() {
        return new Entry(SET_ESCALATING, Map.of());
    }

    /** An issue first seen more than a week ago is no longer new (Sentry's automatic transition). */
    public static Entry autoOngoing() {
        return new Entry(AUTO_SET_ONGOING, Map.of());
    }

    /** Written on the issue the others were merged into. */
    /** Written on the issue the others were merged into; ids are numbers, as Sentry's {@code issues/merge.py} writes them. */
    public static Entry merged(List<Long> childIds) {
        return new Entry(MERGE, Map.of("issues", childIds.stream().map(id -> Map.of("id", id)).toList()));
    }

    /** A comment; Sentry keeps its text in the activity's data. */
    public static Entry note(String text) {
        return new Entry(NOTE, Map.of("text", text));
    }
}
