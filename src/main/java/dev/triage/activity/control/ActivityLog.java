package dev.triage.activity.control;

import dev.triage.activity.entity.Activity;
import dev.triage.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
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

    /**
     * One entry to write: its type and its data (values: strings, numbers, booleans, instants,
     * null, lists and maps of those; stored as a JSON object in this order).
     */
    public record Entry(String type, Map<String, Object> data) {}

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    Jsonb jsonb;

    public void record(Long issueId, Long projectId, User actor, Entry entry, Instant now) {
        // a reference, not the caller's detached User: no select to tell whether it is new
        User user = actor == null ? null : em.getReference(User.class, actor.id());
        em.persist(new Activity(issueId, projectId, user, entry.type(), jsonb.toJson(entry.data()), now));
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

    /** Written on the issue the others were merged into. */
    public static Entry merged(List<Long> childIds) {
        return new Entry(MERGE, Map.of("issues", childIds.stream().map(id -> Map.of("id", id.toString())).toList()));
    }
}
