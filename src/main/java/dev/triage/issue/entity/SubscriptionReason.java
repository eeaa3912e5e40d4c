package dev.triage.issue.entity;

import jakarta.persistence.Converter;

/**
 * Why a user is subscribed to an issue, with the names Sentry's API shows in
 * {@code subscriptionDetails.reason} ({@code notifications/types.py}, {@code SUBSCRIPTION_REASON_MAP};
 * anything without a name there is {@code unknown}).
 */
public enum SubscriptionReason implements WireName {
    UNKNOWN("unknown"),
    COMMENTED("commented"),
    ASSIGNED("assigned"),
    BOOKMARKED("bookmarked"),
    CHANGED_STATUS("changed_status"),
    MENTIONED("mentioned"),
    TEAM_MENTIONED("team_mentioned");

    private final String wireName;

    SubscriptionReason(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Converter(autoApply = true)
    public static class Column extends WireNameConverter<SubscriptionReason> {
        public Column() {
            super(SubscriptionReason.class);
        }
    }
}
