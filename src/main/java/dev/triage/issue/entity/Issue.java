package dev.triage.issue.entity;

import dev.triage.identity.entity.User;
import dev.triage.organization.entity.Project;
import dev.triage.organization.entity.Team;
import dev.triage.release.entity.Release;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An issue (Sentry's "group"): events grouped under one title, and the triage state people put on
 * it. The aggregate root of the update API; {@link #version()} guards it against lost updates.
 */
@Entity
@Table(name = "issue")
// only the columns an update changed are written: the event counters, which ingestion adds to
// in SQL, are never overwritten with a stale value
@org.hibernate.annotations.DynamicUpdate
public class Issue {

    /** Sentry's priority levels, highest first ({@code types/group.py}, {@code PriorityLevel}). */
    public static final List<String> PRIORITIES = List.of("high", "medium", "low");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
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

    private IssueStatus status;
    private Substatus substatus;

    private String priority;

    /** The priority the issue was created with; null where it is not known. */
    @Column(name = "initial_priority")
    private String initialPriority;

    @Column(name = "priority_locked_at")
    private Instant priorityLockedAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assignee_user_id")
    private User assigneeUser;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assignee_team_id")
    private Team assigneeTeam;

    /** Set while resolved (also the time of a plain resolution), else null. */
    @Embedded
    private Resolution resolution;

    /** The conditions of an ignored issue, when it has any, else null. */
    @Embedded
    private Snooze snooze;

    @Column(name = "merged_into_id")
    private Long mergedIntoId;

    @Column(name = "pending_deletion")
    private boolean pendingDeletion;

    @Version
    private long version;

    protected Issue() {}

    /**
     * A new issue, first seen now: unresolved and {@code new}, with its initial priority.
     *
     * @param shortIdNumber the project's next short id number
     */
    public Issue(Project project, long shortIdNumber, String title, String level, String priority, Instant firstSeen) {
        this.project = project;
        this.shortIdNumber = shortIdNumber;
        this.title = title;
        this.level = level;
        this.priority = priority;
        this.initialPriority = priority;
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
        this.status = IssueStatus.UNRESOLVED;
        this.substatus = Substatus.NEW;
        this.type = "default";
        this.issueType = "error";
        this.issueCategory = "error";
        this.metadata = "{}";
    }

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
    public IssueStatus status() { return status; }
    public Substatus substatus() { return substatus; }
    public String priority() { return priority; }
    public String initialPriority() { return initialPriority; }
    public Instant priorityLockedAt() { return priorityLockedAt; }
    public User assigneeUser() { return assigneeUser; }
    public Team assigneeTeam() { return assigneeTeam; }
    /** How it was resolved while resolved, else null. */
    public Resolution resolution() { return resolution; }
    /** The conditions it comes back under while ignored with any, else null. */
    public Snooze snooze() { return snooze; }
    public Long mergedIntoId() { return mergedIntoId; }
    public boolean pendingDeletion() { return pendingDeletion; }
    public long version() { return version; }

    // ---- triage: each method answers whether it changed anything ----

    /**
     * Resolves the issue the given way. Resolving again the same way (same type, release and
     * commit) changes nothing.
     */
    public boolean resolve(Resolution how) {
        if (status == IssueStatus.RESOLVED && how.sameAs(resolution)) {
            return false;
        }
        status = IssueStatus.RESOLVED;
        substatus = null;
        resolution = how;
        snooze = null;
        return true;
    }

    /**
     * Back to unresolved, clearing any resolution or ignore conditions. Without a requested
     * substatus: {@code regressed} after a resolution, {@code new} when it was ignored and is less
     * than a week old, else {@code ongoing}.
     *
     * @param requested an unresolved substatus, or null to infer one
     */
    public boolean unresolve(Substatus requested, Instant now) {
        if (requested != null && !requested.belongsTo(IssueStatus.UNRESOLVED)) {
            throw new IllegalArgumentException(requested + " is no substatus of an unresolved issue");
        }
        if (status == IssueStatus.UNRESOLVED) {
            if (requested != null && requested != substatus) {
                substatus = requested;
                return true;
            }
            return false;
        }
        Substatus inferred;
        if (requested != null) {
            inferred = requested;
        } else if (status == IssueStatus.RESOLVED) {
            inferred = Substatus.REGRESSED;
        } else if (status == IssueStatus.IGNORED && firstSeen != null
                && firstSeen.isAfter(now.minus(Duration.ofDays(7)))) {
            inferred = Substatus.NEW;
        } else {
            inferred = Substatus.ONGOING;
        }
        status = IssueStatus.UNRESOLVED;
        substatus = inferred;
        resolution = null;
        snooze = null;
        return true;
    }

    /**
     * Ignores the issue, until the conditions are met when there are any. Ignoring until
     * escalating keeps no conditions. Answers whether the substatus or the conditions changed.
     *
     * @param how an ignored substatus
     * @param conditions the conditions, or null for none
     */
    public boolean ignore(Substatus how, Snooze conditions) {
        if (!how.belongsTo(IssueStatus.IGNORED)) {
            throw new IllegalArgumentException(how + " is no substatus of an ignored issue");
        }
        Snooze kept = how == Substatus.ARCHIVED_UNTIL_ESCALATING ? null : conditions;
        boolean sameConditions = kept == null ? snooze == null : kept.sameAs(snooze);
        if (status == IssueStatus.IGNORED && how == substatus && sameConditions) {
            return false;
        }
        status = IssueStatus.IGNORED;
        substatus = how;
        resolution = null;
        snooze = kept;
        return true;
    }

    public boolean assignTo(User user) {
        if (Objects.equals(idOf(user), idOf(assigneeUser)) && assigneeTeam == null) {
            return false;
        }
        assigneeUser = user;
        assigneeTeam = null;
        return true;
    }

    public boolean assignTo(Team team) {
        if (Objects.equals(team.id(), idOf(assigneeTeam)) && assigneeUser == null) {
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
     * Takes in an issue merged into this one: its id resolves to this issue from now on. The
     * event counters are not touched here: ingestion adds to them in SQL, so they are added up in
     * SQL too (ingest's {@code IssueCounters.addMerged}); a value written back from this entity
     * could overwrite events counted since it was read.
     */
    public void absorb(Issue child) {
        numComments += child.numComments;
        child.mergedIntoId = id;
    }

    public void markPendingDeletion() {
        pendingDeletion = true;
    }

    static Long idOf(User user) {
        return user == null ? null : user.id();
    }

    static Long idOf(Team team) {
        return team == null ? null : team.id();
    }

    static Long idOf(Release release) {
        return release == null ? null : release.id();
    }
}
