package dev.triage.activity.control;

import dev.triage.activity.entity.Activity;
import dev.triage.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** Writes an issue's history, with Sentry's activity type names and data shapes. */
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

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    public void record(Long issueId, Long projectId, User actor, String type, JsonObject data, Instant now) {
        // a reference, not the caller's detached User: no select to tell whether it is new
        User user = actor == null ? null : em.getReference(User.class, actor.id());
        em.persist(new Activity(issueId, projectId, user, type, data.toString(), now));
    }
}
