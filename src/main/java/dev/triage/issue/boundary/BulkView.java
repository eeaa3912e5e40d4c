package dev.triage.issue.boundary;

import dev.triage.issue.control.BulkOutcome;
import dev.triage.issue.control.IssueState;
import dev.triage.issue.control.IssueUpdate;
import dev.triage.issue.entity.IssueUserState;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The answer to a bulk mutation, as Sentry gives it: only the attributes that were changed, e.g.
 * {@code {"status":"resolved","statusDetails":{},"inbox":null}} or {@code {"isBookmarked":true}}.
 */
final class BulkView {

    private BulkView() {}

    static JsonObject of(IssueUpdate update, String requestedStatus, BulkOutcome outcome) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        IssueState first = outcome.issues().get(0);
        if (update.status() != null) {
            boolean resolving = update.status().startsWith("resolved");
            body.add("status", resolving ? "resolved" : requestedStatus);
            body.add("statusDetails", StatusDetailsView.of(first.issue()));
            if (update.substatusGiven() || !resolving) {
                addNullable(body, "substatus", first.issue().substatus());
            }
            if (!"unresolved".equals(update.status())) {
                body.addNull("inbox");
            }
        }
        if (update.assigneeGiven()) {
            IssueView.Assignee assignee = IssueView.Assignee.of(first.issue());
            if (assignee == null) {
                body.addNull("assignedTo");
            } else {
                JsonObjectBuilder actor = Json.createObjectBuilder()
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
                body.add("subscriptionDetails", Json.createObjectBuilder().add("reason", IssueUserState.REASON_UNKNOWN));
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
            JsonArrayBuilder children = Json.createArrayBuilder();
            outcome.merge().children().forEach(c -> children.add(c.toString()));
            body.add("merge", Json.createObjectBuilder()
                    .add("parent", outcome.merge().parent().toString()).add("children", children));
        }
        return body.build();
    }

    private static void addNullable(JsonObjectBuilder body, String key, String value) {
        if (value == null) {
            body.addNull(key);
        } else {
            body.add(key, value);
        }
    }
}
