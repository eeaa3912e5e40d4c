package dev.triage.issue.boundary;

import dev.triage.identity.boundary.UserView;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.platform.Timestamps;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Sentry's {@code statusDetails}: how a resolved issue was resolved, or why an ignored one is quiet. */
final class StatusDetailsView {

    private StatusDetailsView() {}

    static JsonObject of(Issue issue) {
        JsonObjectBuilder details = Json.createObjectBuilder();
        if ("resolved".equals(issue.status()) && issue.resolutionType() != null) {
            switch (issue.resolutionType()) {
                case Issue.IN_NEXT_RELEASE -> {
                    details.add("inNextRelease", true);
                    addActor(details, issue.resolutionActor());
                }
                case Issue.IN_RELEASE -> {
                    details.add("inRelease", issue.resolutionRelease().version());
                    addActor(details, issue.resolutionActor());
                }
                case Issue.IN_COMMIT -> details.add("inCommit", Json.createObjectBuilder()
                        .add("id", issue.resolutionCommit().key())
                        .add("repository", Json.createObjectBuilder()
                                .add("id", issue.resolutionCommit().repository().id().toString())
                                .add("name", issue.resolutionCommit().repository().name())));
                default -> { }
            }
        } else if ("ignored".equals(issue.status())) {
            if ("archived_until_escalating".equals(issue.substatus())) {
                details.add("ignoreUntilEscalating", true);
            } else if (issue.snoozed()) {
                addNullable(details, "ignoreCount", issue.snoozeCount());
                if (issue.snoozeUntil() != null) {
                    details.add("ignoreUntil", Timestamps.format(issue.snoozeUntil()));
                }
                addNullable(details, "ignoreUserCount", issue.snoozeUserCount());
                addNullable(details, "ignoreUserWindow", issue.snoozeUserWindow());
                addNullable(details, "ignoreWindow", issue.snoozeWindow());
                addActor(details, issue.snoozeActor());
            }
        }
        return details.build();
    }

    private static void addNullable(JsonObjectBuilder details, String key, Integer value) {
        if (value != null) {
            details.add(key, value);
        }
    }

    private static void addActor(JsonObjectBuilder details, User actor) {
        UserView view = UserView.from(actor);
        if (view != null) {
            details.add("actor", Json.createObjectBuilder()
                    .add("id", view.id())
                    .add("name", view.name())
                    .add("username", view.username())
                    .add("email", view.email()));
        }
    }
}
