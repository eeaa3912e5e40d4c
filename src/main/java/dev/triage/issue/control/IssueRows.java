package dev.triage.issue.control;

import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueShare;
import dev.triage.issue.entity.IssueUserState;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows beside the issue's own that an update may touch: every user's seen/bookmark/
 * subscription row (loaded beforehand; a user without one gets a new row when needed) and the
 * public share. {@link #stage} hands the new, emptied and removed rows to the persistence context.
 */
final class IssueRows {

    private final Issue issue;
    private final Map<Long, IssueUserState> states;
    private IssueShare share;
    private IssueShare created;
    private IssueShare removed;

    /**
     * @param share the issue's share, or null
     * @param states the issue's existing per-user rows by user id
     */
    IssueRows(Issue issue, IssueShare share, Map<Long, IssueUserState> states) {
        this.issue = issue;
        this.share = share;
        this.states = new HashMap<>(states);
    }

    /** The user's row, new (and not yet staged) when there was none. */
    IssueUserState of(Long userId) {
        return states.computeIfAbsent(userId, id -> new IssueUserState(issue.id(), id));
    }

    /** The user's row as the answer shows it: null when there is none. */
    IssueUserState shown(Long userId) {
        IssueUserState state = states.get(userId);
        return state == null || state.empty() ? null : state;
    }

    /** The share, or null while private. */
    IssueShare share() {
        return share;
    }

    /** Shares the issue under a new id (the old link stops working). */
    void share(String shareId, Instant now) {
        if (share == null) {
            share = new IssueShare(issue.id(), shareId, now);
            created = share;
        } else {
            share.renew(shareId, now);
        }
    }

    /** Makes the issue private; answers whether it was shared. */
    boolean unshare() {
        if (share == null) {
            return false;
        }
        if (share == created) {
            created = null;
        } else {
            removed = share;
        }
        share = null;
        return true;
    }

    /** Persists new rows that say something and removes rows that say nothing any more. */
    void stage(EntityManager em) {
        states.values().forEach(state -> {
            if (em.contains(state) && state.empty()) {
                em.remove(state);
            } else if (!em.contains(state) && !state.empty()) {
                em.persist(state);
            }
        });
        if (created != null) {
            em.persist(created);
        }
        if (removed != null) {
            em.remove(removed);
        }
    }
}
