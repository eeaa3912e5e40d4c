package dev.triage.issue.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** What one user has done with one issue: seen it, bookmarked it, (un)subscribed. */
@Entity
@Table(name = "issue_user_state")
public class IssueUserState {

    @Embeddable
    public record Key(@Column(name = "issue_id") Long issueId, @Column(name = "user_id") Long userId)
            implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "bookmarked_at")
    private Instant bookmarkedAt;

    /** Null: the user never chose; Sentry then shows no subscription. */
    private Boolean subscribed;

    @Column(name = "subscription_reason")
    private String subscriptionReason;

    protected IssueUserState() {}

    public IssueUserState(Long issueId, Long userId) {
        this.key = new Key(issueId, userId);
    }

    public Key key() { return key; }
    public Instant lastSeenAt() { return lastSeenAt; }
    public boolean hasSeen() { return lastSeenAt != null; }
    public boolean bookmarked() { return bookmarkedAt != null; }
    public boolean subscribed() { return Boolean.TRUE.equals(subscribed); }
    public String subscriptionReason() { return subscriptionReason; }
}
