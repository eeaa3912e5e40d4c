package dev.triage.issue.boundary;

import dev.triage.identity.boundary.UserDetailsView;
import dev.triage.issue.control.IgnoreConditions;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueStatus;
import dev.triage.issue.entity.Resolution;
import dev.triage.issue.entity.Snooze;
import dev.triage.issue.entity.Substatus;
import dev.triage.platform.Timestamps;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sentry's {@code statusDetails}: how a resolved issue was resolved, or why an ignored one is
 * quiet. The {@code actor} who did it is Sentry's full user object, as its group serializer writes
 * it. A map, so that JSON-B writes the user object as it writes it everywhere else.
 */
final class StatusDetailsView {

    private StatusDetailsView() {}

    static Map<String, Object> of(Issue issue) {
        Map<String, Object> details = new LinkedHashMap<>();
        Resolution resolution = issue.resolution();
        if (issue.status() == IssueStatus.RESOLVED && resolution != null && resolution.type() != null) {
            switch (resolution.type()) {
                case IN_NEXT_RELEASE -> {
                    details.put("inNextRelease", true);
                    addActor(details, resolution);
                }
                case IN_RELEASE -> {
                    details.put("inRelease", resolution.release().version());
                    addActor(details, resolution);
                }
                case IN_COMMIT -> {
                    Map<String, Object> repository = new LinkedHashMap<>();
                    repository.put("id", resolution.commit().repository().id().toString());
                    repository.put("name", resolution.commit().repository().name());
                    Map<String, Object> commit = new LinkedHashMap<>();
                    commit.put("id", resolution.commit().key());
                    commit.put("repository", repository);
                    details.put("inCommit", commit);
                }
            }
        } else if (issue.status() == IssueStatus.IGNORED) {
            Snooze snooze = issue.snooze();
            if (issue.substatus() == Substatus.ARCHIVED_UNTIL_ESCALATING) {
                details.put(UpdateBodyParser.UNTIL_ESCALATING, true);
            } else if (snooze != null) {
                putIfSet(details, IgnoreConditions.Key.COUNT, snooze.count());
                if (snooze.until() != null) {
                    details.put("ignoreUntil", Timestamps.format(snooze.until()));
                }
                putIfSet(details, IgnoreConditions.Key.USER_COUNT, snooze.userCount());
                putIfSet(details, IgnoreConditions.Key.USER_WINDOW, snooze.userWindow());
                putIfSet(details, IgnoreConditions.Key.WINDOW, snooze.window());
                if (snooze.actor() != null) {
                    details.put("actor", UserDetailsView.from(snooze.actor()));
                }
            }
        }
        return Collections.unmodifiableMap(details);
    }

    private static void putIfSet(Map<String, Object> details, IgnoreConditions.Key key, Integer value) {
        if (value != null) {
            details.put(key.wireName(), value);
        }
    }

    private static void addActor(Map<String, Object> details, Resolution resolution) {
        if (resolution.actor() != null) {
            details.put("actor", UserDetailsView.from(resolution.actor()));
        }
    }
}
