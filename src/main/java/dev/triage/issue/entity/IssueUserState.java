package dev.triage.issue.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
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
    private SubscriptionReason subscriptionReason;

    @Version
    private long version;

    protected IssueUserState() {}

    public IssueUserState(Long issueId, Long userId) {
        this.key = new Key(issueId, userId);
    }

    /** Records that the user has seen the issue (true) or forgets it (false). */
    public boolean markSeen(boolean seen, Instant now) {
        if (seen == hasSeen()) {
            return false;
        }
        lastSeenAt = seen ? now : null;
        return true;
    }

    /** Bookmarking subscribes (unless the user chose before); un-bookmarking also unsubscribes. */
    public boolean bookmark(boolean bookmark, Instant now) {
        if (bookmark == bookmarked()) {
            return false;
        }
        if (bookmark) {
            bookmarkedAt = now;
            subscribeUnlessDecided(SubscriptionReason.BOOKMARKED);
        } else {
            bookmarkedAt = null;
            subscribed = null;
            subscriptionReason = null;
        }
        return true;
    }

    /** An explicit (un)subscription: it wins over every implicit one. */
    public boolean subscribe(boolean subscribe) {
        SubscriptionReason reason = subscribe ? SubscriptionReason.UNKNOWN : null;
        if (Boolean.valueOf(subscribe).equals(subscribed) && reason == subscriptionReason) {
            return false;
        }
        subscribed = subscribe;
        subscriptionReason = reason;
        return true;
    }

    /** Subscribes for a reason unless the user already subscribed or unsubscribed. */
    public boolean subscribeUnlessDecided(SubscriptionReason reason) {
        if (subscribed != null) {
            return false;
        }
        subscribed = true;
        subscriptionReason = reason;
        return true;
    }

    /**
     * Ends a subscription that exists only for this reason (a user who deletes their last comment
     * is no longer subscribed for commenting); a subscription for another reason or an explicit
     * choice stays.
     */
    public boolean dropSubscription(SubscriptionReason reason) {
        if (!Boolean.TRUE.equals(subscribed) || subscriptionReason != reason) {
            return false;
        }
        subscribed = null;
        subscriptionReason = null;
        return true;
    }

    /** Whether the row says nothing any more and can go. */
    public boolean empty() {
        return lastSeenAt == null && bookmarkedAt == null && subscribed == null;
    }

    public Key key() { return key; }
    public Instant lastSeenAt() { return lastSeenAt; }
    public boolean hasSeen() { return lastSeenAt != null; }
    public boolean bookmarked() { return bookmarkedAt != null; }
    public boolean subscribed() { return Boolean.TRUE.equals(subscribed); }
    public SubscriptionReason subscriptionReason() { return subscriptionReason; }
}
