package dev.triage.issue.boundary;

import dev.triage.issue.control.IssueForCaller;
import dev.triage.issue.control.IssueUpdate;
import dev.triage.issue.control.UpdateOutcome;
import dev.triage.issue.entity.IssueStatus;
import dev.triage.issue.entity.SubscriptionReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a bulk mutation, as Sentry gives it: only the attributes that were changed, e.g.
 * {@code {"status":"resolved","statusDetails":{},"inbox":null}} or {@code {"isBookmarked":true}}.
 * A map in the order Sentry writes the keys; JSON-B writes its nulls.
 */
final class BulkView {

    private BulkView() {}

    static Map<String, Object> of(IssueUpdate update, UpdateOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        IssueForCaller first = outcome.issues().get(0);
        if (update.status() != null) {
            boolean resolving = update.status().target() == IssueStatus.RESOLVED;
            // Sentry repeats the client's word ("muted" stays "muted"), except for the resolutions
            body.put("status", resolving ? IssueStatus.RESOLVED.wireName() : update.status().wireName());
            body.put("statusDetails", StatusDetailsView.of(first.issue()));
            if (update.substatusGiven() || !resolving) {
                body.put("substatus", first.issue().substatus() == null ? null : first.issue().substatus().wireName());
            }
            if (update.status().target() != IssueStatus.UNRESOLVED) {
                body.put("inbox", null);
            }
        }
        if (update.assigneeGiven()) {
            body.put("assignedTo", IssueView.Assignee.of(first.issue()));
        }
        if (update.hasSeen() != null) {
            body.put("hasSeen", update.hasSeen());
        }
        if (update.bookmarked() != null) {
            body.put("isBookmarked", update.bookmarked());
        }
        if (update.subscribed() != null) {
            body.put("isSubscribed", update.subscribed());
            body.put("subscriptionDetails", update.subscribed()
                    ? Map.of("reason", SubscriptionReason.UNKNOWN.wireName()) : null);
        }
        if (update.shared() != null) {
            body.put("isPublic", update.shared());
            if (update.shared() && outcome.issues().size() == 1) {
                body.put("shareId", first.share().shareId());
            } else if (!update.shared()) {
                body.put("shareId", null);
            }
        }
        if (update.priority() != null) {
            body.put("priority", update.priority());
        }
        if (outcome.merge() != null) {
            Map<String, Object> merge = new LinkedHashMap<>();
            merge.put("parent", outcome.merge().parent().toString());
            merge.put("children", outcome.merge().children().stream().map(Object::toString).toList());
            body.put("merge", merge);
        }
        return Collections.unmodifiableMap(body);
    }
}
