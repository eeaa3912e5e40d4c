package dev.triage.issue.entity;

import dev.triage.identity.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.Objects;

/**
 * The conditions under which an ignored issue comes back (Sentry's {@code GroupSnooze}): a time,
 * a number of events (within a window of minutes) or of affected users (within a window). At
 * least one of {@code until}, {@code count} and {@code userCount} is set; a window alone is no
 * condition. A value: it is replaced as a whole, never changed.
 */
@Embeddable
public class Snooze {

    @Column(name = "snooze_until")
    private Instant until;

    @Column(name = "snooze_count")
    private Integer count;

    @Column(name = "snooze_window")
    private Integer window;

    @Column(name = "snooze_user_count")
    private Integer userCount;

    @Column(name = "snooze_user_window")
    private Integer userWindow;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "snooze_actor_id")
    private User actor;

    protected Snooze() {}

    private Snooze(Instant until, Integer count, Integer window, Integer userCount, Integer userWindow, User actor) {
        this.until = until;
        this.count = count;
        this.window = window;
        this.userCount = userCount;
        this.userWindow = userWindow;
        this.actor = actor;
    }

    /** The conditions, or null when there is none (then the issue is ignored for good). */
    public static Snooze of(Instant until, Integer count, Integer window, Integer userCount, Integer userWindow,
                            User actor) {
        if (until == null && count == null && userCount == null) {
            return null;
        }
        return new Snooze(until, count, window, userCount, userWindow, actor);
    }

    /** The same conditions, whoever set them. */
    boolean sameAs(Snooze other) {
        return other != null && Objects.equals(until, other.until) && Objects.equals(count, other.count)
                && Objects.equals(window, other.window) && Objects.equals(userCount, other.userCount)
                && Objects.equals(userWindow, other.userWindow);
    }

    public Instant until() { return until; }
    public Integer count() { return count; }
    public Integer window() { return window; }
    public Integer userCount() { return userCount; }
    public Integer userWindow() { return userWindow; }
    public User actor() { return actor; }
}
