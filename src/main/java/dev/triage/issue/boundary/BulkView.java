package dev.triage.issue.boundary;

import static dev.triage.platform.JsonFactory.JSON;

import dev.triage.issue.control.IssueForCaller;
import dev.triage.issue.control.IssueUpdate;
import dev.triage.issue.control.UpdateOutcome;
import dev.triage.issue.entity.IssueStatus;
import dev.triage.issue.entity.SubscriptionReason;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The answer to a bulk mutation, as Sentry gives it: only the attributes that were changed, e.g.
 * {@code {"status":"resolved","statusDetails":{},"inbox":null}} or {@code {"isBookmarked":true}}.
 */
final class BulkView {

    private BulkView() {}

    static JsonObject of(IssueUpdate update, UpdateOutcome outcome) {
        JsonObjectBuilder body = JSON.createObjectBuilder();
        IssueForCaller first = outcome.issues().get(0);
        if (update.status() != null) {
            boolean resolving = update.status().target() == IssueStatus.RESOLVED;
            // Sentry repeats the client's word ("muted" stays "muted"), except for the resolutions
            body.add("status", resolving ? IssueStatus.RESOLVED.wireName() : update.status().wireName());
            body.add("statusDetails", StatusDetailsView.of(first.issue()));
            if (update.substatusGiven() || !resolving) {
                IssueView.addNullable(body, "substatus",
                        first.issue().substatus() == null ? null : first.issue().substatus().wireName());
            }
            if (update.status().target() != IssueStatus.UNRESOLVED) {
                body.addNull("inbox");
            }
        }
        if (update.assigneeGiven()) {
            IssueView.Assignee assignee = IssueView.Assignee.of(first.issue());
            if (assignee == null) {
                body.addNull("assignedTo");
            } else {
                JsonObjectBuilder actor = JSON.createObjectBuilder()
                        .add("type", assignee.type()).add("id", assignee.id()).add("name", assignee.name());
                if (assignee.email() != null) {
                    actor.add("email", assignee.email());
                }
                body.add("assignedTo", actor);
            }
        }
        if (update.hasSeen() != null) {
            body.add("hasSeen", update.hasSeen());
        }
        if (update.bookmarked() != null) {
            body.add("isBookmarked", update.bookmarked());
        }
        if (update.subscribed() != null) {
            body.add("isSubscribed", update.subscribed());
            if (update.subscribed()) {
                body.add("subscriptionDetails", JSON.createObjectBuilder().add("reason", SubscriptionReason.UNKNOWN.wireName()));
            } else {
                body.addNull("subscriptionDetails");
            }
        }
        if (update.shared() != null) {
            body.add("isPublic", update.shared());
            if (update.shared() && outcome.issues().size() == 1) {
                body.add("shareId", first.share().shareId());
            } else if (!update.shared()) {
                body.addNull("shareId");
            }
        }
        if (update.priority() != null) {
            body.add("priority", update.priority());
        }
        if (outcome.merge() != null) {
            JsonArrayBuilder children = JSON.createArrayBuilder();
            outcome.merge().children().forEach(c -> children.add(c.toString()));
            body.add("merge", JSON.createObjectBuilder()
                    .add("parent", outcome.merge().parent().toString()).add("children", children));
        }
        return body.build();
    }
}
