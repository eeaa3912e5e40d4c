package dev.triage.issue.entity;

import dev.triage.identity.entity.User;
import dev.triage.release.entity.Commit;
import dev.triage.release.entity.Release;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.Objects;

/**
 * How and when a resolved issue was resolved: plainly (no type), in a release, in the project's
 * next release (then {@code release} is the newest release when it was resolved) or in a commit.
 * A value: it is replaced as a whole, never changed.
 */
@Embeddable
public class Resolution {

    @Column(name = "resolved_at")
    private Instant at;

    @Column(name = "resolution_type")
    private ResolutionType type;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "resolution_release_id")
    private Release release;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "resolution_commit_id")
    private Commit commit;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "resolution_actor_id")
    private User actor;

    protected Resolution() {}

    private Resolution(Instant at, ResolutionType type, Release release, Commit commit, User actor) {
        this.at = at;
        this.type = type;
        this.release = release;
        this.commit = commit;
        this.actor = actor;
    }

    public static Resolution plain(Instant at) {
        return new Resolution(at, null, null, null, null);
    }

    public static Resolution inRelease(Release release, User actor, Instant at) {
        return new Resolution(at, ResolutionType.IN_RELEASE, release, null, actor);
    }

    /** @param latest the project's newest release at the time */
    public static Resolution inNextRelease(Release latest, User actor, Instant at) {
        return new Resolution(at, ResolutionType.IN_NEXT_RELEASE, latest, null, actor);
    }

    public static Resolution inCommit(Commit commit, Instant at) {
        return new Resolution(at, ResolutionType.IN_COMMIT, null, commit, null);
    }

    /**
     * The same way of resolving (type, release and commit), whenever and by whomever. No
     * resolution at all (a resolved issue without its columns) counts as a plain one.
     */
    boolean sameAs(Resolution other) {
        Resolution that = other == null ? plain(null) : other;
        return type == that.type && Objects.equals(Issue.idOf(release), Issue.idOf(that.release))
                && Objects.equals(commit == null ? null : commit.id(), that.commit == null ? null : that.commit.id());
    }

    public Instant at() { return at; }
    /** Null when resolved plainly. */
    public ResolutionType type() { return type; }
    public Release release() { return release; }
    public Commit commit() { return commit; }
    public User actor() { return actor; }
}
