package dev.triage.issue.entity;

import dev.triage.identity.entity.User;
import dev.triage.organization.entity.Project;
import dev.triage.organization.entity.Team;
import dev.triage.release.entity.Commit;
import dev.triage.release.entity.Release;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An issue (Sentry's "group"): events grouped under one title, and the triage state people put on
 * it. The aggregate root of the update API; {@link #version()} guards it against lost updates.
 */
@Entity
@Table(name = "issue")
public class Issue {

    public static final String IN_RELEASE = "in_release";
    public static final String IN_NEXT_RELEASE = "in_next_release";
    public static final String IN_COMMIT = "in_commit";

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_id")
    private Project project;

    @Column(name = "short_id_number")
    private long shortIdNumber;

    private String title;
    private String culprit;
    private String level;
    private String platform;
    private String type;

    @Column(name = "issue_type")
    private String issueType;

    @Column(name = "issue_category")
    private String issueCategory;

    private String logger;

    /** A JSON object. */
    private String metadata;

    @Column(name = "times_seen")
    private long timesSeen;

    @Column(name = "user_count")
    private int userCount;

    @Column(name = "num_comments")
    private int numComments;

    @Column(name = "is_unhandled")
    private boolean unhandled;

    @Column(name = "first_seen")
    private Instant firstSeen;

    @Column(name = "last_seen")
    private Instant lastSeen;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "first_release_id")
    private Release firstRelease;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "last_release_id")
    private Release lastRelease;

    private String status;
    private String substatus;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    private String priority;

    @Column(name = "priority_locked_at")
    private Instant priorityLockedAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assignee_user_id")
    private User assigneeUser;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assignee_team_id")
    private Team assigneeTeam;

    @Column(name = "resolution_type")
    private String resolutionType;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "resolution_release_id")
    private Release resolutionRelease;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "resolution_commit_id")
    private Commit resolutionCommit;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "resolution_actor_id")
    private User resolutionActor;

    @Column(name = "snooze_until")
    private Instant snoozeUntil;

    @Column(name = "snooze_count")
    private Integer snoozeCount;

    @Column(name = "snooze_window")
    private Integer snoozeWindow;

    @Column(name = "snooze_user_count")
    private Integer snoozeUserCount;

    @Column(name = "snooze_user_window")
    private Integer snoozeUserWindow;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "snooze_actor_id")
    private User snoozeActor;

    @Column(name = "merged_into_id")
    private Long mergedIntoId;

    @Column(name = "pending_deletion")
    private boolean pendingDeletion;

    @Version
    private long version;

    protected Issue() {}

    public Long id() { return id; }
    public Project project() { return project; }
    public String shortId() { return project.shortIdPrefix() + "-" + shortIdNumber; }
    public String title() { return title; }
    public String culprit() { return culprit; }
    public String level() { return level; }
    public String platform() { return platform; }
    public String type() { return type; }
    public String issueType() { return issueType; }
    public String issueCategory() { return issueCategory; }
    public String logger() { return logger; }
    public String metadata() { return metadata; }
    public long timesSeen() { return timesSeen; }
    public int userCount() { return userCount; }
    public int numComments() { return numComments; }
    public boolean unhandled() { return unhandled; }
    public Instant firstSeen() { return firstSeen; }
    public Instant lastSeen() { return lastSeen; }
    public Release firstRelease() { return firstRelease; }
    public Release lastRelease() { return lastRelease; }
    public String status() { return status; }
    public String substatus() { return substatus; }
    public Instant resolvedAt() { return resolvedAt; }
    public String priority() { return priority; }
    public Instant priorityLockedAt() { return priorityLockedAt; }
    public User assigneeUser() { return assigneeUser; }
    public Team assigneeTeam() { return assigneeTeam; }
    public String resolutionType() { return resolutionType; }
    public Release resolutionRelease() { return resolutionRelease; }
    public Commit resolutionCommit() { return resolutionCommit; }
    public User resolutionActor() { return resolutionActor; }
    public Instant snoozeUntil() { return snoozeUntil; }
    public Integer snoozeCount() { return snoozeCount; }
    public Integer snoozeWindow() { return snoozeWindow; }
    public Integer snoozeUserCount() { return snoozeUserCount; }
    public Integer snoozeUserWindow() { return snoozeUserWindow; }
    public User snoozeActor() { return snoozeActor; }
    public Long mergedIntoId() { return mergedIntoId; }
    public boolean pendingDeletion() { return pendingDeletion; }
    public long version() { return version; }

    // ---- triage: each method answers whether it changed anything ----

    /** Resolves plainly (no release, no commit). */
    public boolean resolve(Instant now) {
        return resolveAs(null, null, null, null, now);
    }

    public boolean resolveInRelease(Release release, User actor, Instant now) {
        return resolveAs(IN_RELEASE, release, null, actor, now);
    }

    /** Resolved once the project's next release comes out; {@code latest} is its newest release now. */
    public boolean resolveInNextRelease(Release latest, User actor, Instant now) {
        return resolveAs(IN_NEXT_RELEASE, latest, null, actor, now);
    }

    public boolean resolveInCommit(Commit commit, Instant now) {
        return resolveAs(IN_COMMIT, null, commit, null, now);
    }

    private boolean resolveAs(String type, Release release, Commit commit, User actor, Instant now) {
        boolean same = "resolved".equals(status) && java.util.Objects.equals(type, resolutionType)
                && sameEntity(release, resolutionRelease) && sameEntity(commit, resolutionCommit);
        if (same) {
            return false;
        }
        status = "resolved";
        substatus = null;
        setResolution(now, type, release, commit, actor);
        clearSnooze();
        return true;
    }

    /**
     * Back to unresolved, clearing any resolution or ignore conditions. Without a (compatible)
     * substatus: {@code regressed} after a resolution, {@code new} when it was ignored and is less
     * than a week old, else {@code ongoing}.
     */
    public boolean unresolve(String requestedSubstatus, Instant now) {
        if ("unresolved".equals(status)) {
            if (requestedSubstatus != null && !requestedSubstatus.equals(substatus)) {
                substatus = requestedSubstatus;
                return true;
            }
            return false;
        }
        String inferred;
        if (requestedSubstatus != null) {
            inferred = requestedSubstatus;
        } else if ("resolved".equals(status)) {
            inferred = "regressed";
        } else if ("ignored".equals(status) && firstSeen != null
                && firstSeen.isAfter(now.minus(java.time.Duration.ofDays(7)))) {
            inferred = "new";
        } else {
            inferred = "ongoing";
        }
        status = "unresolved";
        substatus = inferred;
        setResolution(null, null, null, null, null);
        clearSnooze();
        return true;
    }

    /**
     * Ignores the issue, until the given conditions are met when there are any. Answers whether the
     * status, substatus or conditions changed.
     */
    public boolean ignore(String newSubstatus, Instant until, Integer count, Integer window, Integer userCount,
                          Integer userWindow, User actor) {
        boolean snooze = until != null || count != null || userCount != null;
        if (!snooze || "archived_until_escalating".equals(newSubstatus)) {
            until = null;
            count = window = userCount = userWindow = null;
            actor = null;
        }
        boolean same = "ignored".equals(status) && newSubstatus.equals(substatus)
                && java.util.Objects.equals(until, snoozeUntil) && java.util.Objects.equals(count, snoozeCount)
                && java.util.Objects.equals(window, snoozeWindow) && java.util.Objects.equals(userCount, snoozeUserCount)
                && java.util.Objects.equals(userWindow, snoozeUserWindow);
        if (same) {
            return false;
        }
        status = "ignored";
        substatus = newSubstatus;
        setResolution(null, null, null, null, null);
        snoozeUntil = until;
        snoozeCount = count;
        snoozeWindow = window;
        snoozeUserCount = userCount;
        snoozeUserWindow = userWindow;
        snoozeActor = actor;
        return true;
    }

    private void setResolution(Instant at, String type, Release release, Commit commit, User actor) {
        resolvedAt = at;
        resolutionType = type;
        resolutionRelease = release;
        resolutionCommit = commit;
        resolutionActor = actor;
    }

    private void clearSnooze() {
        snoozeUntil = null;
        snoozeCount = null;
        snoozeWindow = null;
        snoozeUserCount = null;
        snoozeUserWindow = null;
        snoozeActor = null;
    }

    public boolean assignTo(User user) {
        if (sameEntity(user, assigneeUser) && assigneeTeam == null) {
            return false;
        }
        assigneeUser = user;
        assigneeTeam = null;
        return true;
    }

    public boolean assignTo(Team team) {
        if (sameEntity(team, assigneeTeam) && assigneeUser == null) {
            return false;
        }
        assigneeTeam = team;
        assigneeUser = null;
        return true;
    }

    public boolean unassign() {
        if (assigneeUser == null && assigneeTeam == null) {
            return false;
        }
        assigneeUser = null;
        assigneeTeam = null;
        return true;
    }

    /** Sets the priority by hand, which locks it against automatic changes from now on. */
    public boolean prioritize(String newPriority, Instant now) {
        boolean changed = !newPriority.equals(priority);
        priority = newPriority;
        priorityLockedAt = now;
        return changed;
    }

    /**
     * Takes in an issue merged into this one: its events count here from now on, and its id
     * resolves to this issue.
     */
    public void absorb(Issue child) {
        timesSeen += child.timesSeen;
        userCount = Math.max(userCount, child.userCount);
        numComments += child.numComments;
        if (child.firstSeen != null && (firstSeen == null || child.firstSeen.isBefore(firstSeen))) {
            firstSeen = child.firstSeen;
        }
        if (child.lastSeen != null && (lastSeen == null || child.lastSeen.isAfter(lastSeen))) {
            lastSeen = child.lastSeen;
        }
        child.mergedIntoId = id;
    }

    public void markPendingDeletion() {
        pendingDeletion = true;
    }

    private static boolean sameEntity(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        return java.util.Objects.equals(idOf(a), idOf(b));
    }

    private static Object idOf(Object entity) {
        if (entity instanceof Release r) return r.id();
        if (entity instanceof Commit c) return c.id();
        if (entity instanceof User u) return u.id();
        if (entity instanceof Team t) return t.id();
        return entity;
    }

    /** Whether any ignore condition (Sentry's snooze) is stored. */
    public boolean snoozed() {
        return snoozeUntil != null || snoozeCount != null || snoozeUserCount != null;
    }

}
