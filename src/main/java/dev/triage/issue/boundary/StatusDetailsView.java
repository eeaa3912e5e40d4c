package dev.triage.issue.boundary;

import static dev.triage.platform.JsonFactory.JSON;

import dev.triage.identity.boundary.UserView;
import dev.triage.identity.entity.User;
import dev.triage.issue.control.IgnoreConditions;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueStatus;
import dev.triage.issue.entity.Resolution;
import dev.triage.issue.entity.Snooze;
import dev.triage.issue.entity.Substatus;
import dev.triage.platform.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Sentry's {@code statusDetails}: how a resolved issue was resolved, or why an ignored one is quiet. */
final class StatusDetailsView {

    private StatusDetailsView() {}

    static JsonObject of(Issue issue) {
        JsonObjectBuilder details = JSON.createObjectBuilder();
        Resolution resolution = issue.resolution();
        if (issue.status() == IssueStatus.RESOLVED && resolution != null && resolution.type() != null) {
            switch (resolution.type()) {
                case IN_NEXT_RELEASE -> {
                    details.add("inNextRelease", true);
                    addActor(details, resolution.actor());
                }
                case IN_RELEASE -> {
                    details.add("inRelease", resolution.release().version());
                    addActor(details, resolution.actor());
                }
                case IN_COMMIT -> details.add("inCommit", JSON.createObjectBuilder()
                        .add("id", resolution.commit().key())
                        .add("repository", JSON.createObjectBuilder()
                                .add("id", resolution.commit().repository().id().toString())
                                .add("name", resolution.commit().repository().name())));
            }
        } else if (issue.status() == IssueStatus.IGNORED) {
            Snooze snooze = issue.snooze();
            if (issue.substatus() == Substatus.ARCHIVED_UNTIL_ESCALATING) {
                details.add(UpdateBodyParser.UNTIL_ESCALATING, true);
            } else if (snooze != null) {
                addIfSet(details, IgnoreConditions.Key.COUNT, snooze.count());
                if (snooze.until() != null) {
                    details.add("ignoreUntil", Timestamps.format(snooze.until()));
                }
                addIfSet(details, IgnoreConditions.Key.USER_COUNT, snooze.userCount());
                addIfSet(details, IgnoreConditions.Key.USER_WINDOW, snooze.userWindow());
                addIfSet(details, IgnoreConditions.Key.WINDOW, snooze.window());
                addActor(details, snooze.actor());
            }
        }
        return details.build();
    }

    private static void addIfSet(JsonObjectBuilder details, IgnoreConditions.Key key, Integer value) {
        if (value != null) {
            details.add(key.wireName(), value);
        }
    }

    private static void addActor(JsonObjectBuilder details, User actor) {
        UserView view = UserView.from(actor);
        if (view != null) {
            details.add("actor", JSON.createObjectBuilder()
                    .add("id", view.id())
                    .add("name", view.name())
                    .add("username", view.username())
                    .add("email", view.email()));
        }
    }
}
