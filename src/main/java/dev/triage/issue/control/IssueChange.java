package dev.triage.issue.control;

import static dev.triage.activity.control.ActivityLog.ASSIGNED;
import static dev.triage.activity.control.ActivityLog.SET_IGNORED;
import static dev.triage.activity.control.ActivityLog.SET_PRIORITY;
import static dev.triage.activity.control.ActivityLog.SET_PRIVATE;
import static dev.triage.activity.control.ActivityLog.SET_PUBLIC;
import static dev.triage.activity.control.ActivityLog.SET_RESOLVED;
import static dev.triage.activity.control.ActivityLog.SET_RESOLVED_IN_COMMIT;
import static dev.triage.activity.control.ActivityLog.SET_RESOLVED_IN_RELEASE;
import static dev.triage.activity.control.ActivityLog.SET_UNRESOLVED;
import static dev.triage.activity.control.ActivityLog.UNASSIGNED;

import dev.triage.activity.control.ActivityLog;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueShare;
import dev.triage.issue.entity.IssueUserState;
import dev.triage.organization.entity.Team;
import dev.triage.platform.Timestamps;
import dev.triage.release.entity.Commit;
import dev.triage.release.entity.Release;
import dev.triage.release.entity.Repository;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * One update of one issue, the single code path of the details and the bulk endpoints: check()
 * looks up every reference the update needs (nothing is written if one is missing), apply()
 * changes the issue and writes Sentry's activity for each effective change, flush() writes it all.
 */
final class IssueChange {

    static final String NO_RELEASES = "No release data present in the system to form a basis for 'Next Release'";
    static final String UNKNOWN_RELEASE = "Unable to find a release with the given version.";
    static final Set<String> UNRESOLVED_SUBSTATUSES = Set.of("escalating", "ongoing", "regressed", "new");
    static final Set<String> IGNORED_SUBSTATUSES =
            Set.of("archived_until_escalating", "archived_until_condition_met", "archived_forever");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final References.Memo references;
    private final ActivityLog activities;


    final User actor;
    final Issue issue;
    final Instant now;
    /** The issue's per-user rows, loaded beforehand; absent users get a new row when needed. */
    private final Map<Long, IssueUserState> states;
    IssueShare share;
    final boolean conditional;
    boolean issueChanged;
    boolean sharedChanged;
    boolean otherChanged;

    // references, looked up by check()
    Release release;
    Release latest;
    Commit commit;
    User assigneeUser;
    Team assigneeTeam;

    /**
     * @param actor the caller, managed in this transaction's persistence context
     * @param share the issue's share, or null
     * @param states the issue's existing per-user rows by user id
     */
    IssueChange(EntityManager em, References.Memo references, ActivityLog activities, User actor, Issue issue,
                Instant now, boolean conditional, IssueShare share, Map<Long, IssueUserState> states) {
        this.em = em;
        this.references = references;
        this.activities = activities;
        this.conditional = conditional;
        this.actor = actor;
        this.issue = issue;
        this.now = now;
        this.share = share;
        this.states = new HashMap<>(states);
    }

    /** Every reference must exist (in the issue's project or organization) before anything changes. */
    void check(IssueUpdate update) {
        Long projectId = issue.project().id();
        Long organizationId = issue.project().organization().id();
        IssueUpdate.Resolution resolution = update.resolution();
        if (resolution != null && resolution.inRelease() != null) {
            release = ("latest".equals(resolution.inRelease())
                    ? references.latestRelease(projectId)
                            .orElseThrow(() -> IssueUpdateParser.detailsError("inRelease", NO_RELEASES))
                    : references.release(projectId, resolution.inRelease())
                            .orElseThrow(() -> IssueUpdateParser.detailsError("inRelease", UNKNOWN_RELEASE)));
        }
        if (resolution != null && resolution.inNextRelease()) {
            latest = references.latestRelease(projectId)
                    .orElseThrow(() -> IssueUpdateParser.detailsError("inNextRelease", NO_RELEASES));
        }
        if (resolution != null && resolution.inCommit() != null) {
            Repository repository = references.repository(organizationId, resolution.inCommit().repository())
                    .orElseThrow(() -> commitError("repository", "Unable to find the given repository."));
            commit = references.commit(repository, resolution.inCommit().commit())
                    .orElseThrow(() -> commitError("commit", "Unable to find the given commit."));
        }
        IssueUpdate.ActorRef ref = update.assignee();
        if (ref != null && ref.kind() == IssueUpdate.ActorRef.Kind.TEAM_ID) {
            assigneeTeam = references.team(organizationId, Long.parseLong(ref.value())).orElseThrow(
                    () -> IssueUpdateParser.error("assignedTo", "Team is not a member of this organization"));
        } else if (ref != null) {
            assigneeUser = references.member(organizationId, ref).orElseThrow(
                    () -> IssueUpdateParser.error("assignedTo", "User is not a member of this organization"));
        }
    }

    void apply(IssueUpdate update) {
        if (update.priority() != null) {
            if (issue.prioritize(update.priority(), now)) {
                record(SET_PRIORITY, Json.createObjectBuilder().add("priority", update.priority())
                        .addNull("reason"));
            }
            issueChanged = true;
        }
        if (update.status() != null) {
            applyStatus(update);
        }
        if (update.assigneeGiven()) {
            applyAssignment();
        }
        if (update.hasSeen() != null) {
            otherChanged |= callerState().markSeen(update.hasSeen(), now);
        }
        if (update.bookmarked() != null) {
            otherChanged |= callerState().bookmark(update.bookmarked(), now);
        }
        if (update.subscribed() != null) {
            otherChanged |= callerState().subscribe(update.subscribed());
        }
        if (update.shared() != null) {
            applySharing(update.shared());
        }
    }

    private void applyStatus(IssueUpdate update) {
        IssueUpdate.Resolution resolution = update.resolution();
        boolean changed;
        switch (update.status()) {
            case "resolved", "resolvedInNextRelease" -> {
                boolean nextRelease = "resolvedInNextRelease".equals(update.status())
                        || resolution != null && resolution.inNextRelease();
                if (nextRelease && latest == null) {
                    latest = references.latestRelease(issue.project().id()).orElse(null);
                }
                if (nextRelease && latest != null) {
                    changed = issue.resolveInNextRelease(latest, actor, now);
                    recordIf(changed, SET_RESOLVED_IN_RELEASE, Json.createObjectBuilder().add("version", ""));
                } else if (release != null) {
                    changed = issue.resolveInRelease(release, actor, now);
                    recordIf(changed, SET_RESOLVED_IN_RELEASE,
                            Json.createObjectBuilder().add("version", release.version()));
                } else if (commit != null) {
                    changed = issue.resolveInCommit(commit, now);
                    recordIf(changed, SET_RESOLVED_IN_COMMIT, Json.createObjectBuilder().add("commit", commit.id()));
                } else {
                    changed = issue.resolve(now);
                    recordIf(changed, SET_RESOLVED, Json.createObjectBuilder());
                }
            }
            case "unresolved" -> {
                String substatus = update.substatus() != null && UNRESOLVED_SUBSTATUSES.contains(update.substatus())
                        ? update.substatus() : null;
                changed = issue.unresolve(substatus, now);
                recordIf(changed, SET_UNRESOLVED, Json.createObjectBuilder());
            }
            default -> changed = applyIgnore(update);
        }
        issueChanged |= changed;
        if (changed) {
            otherChanged |= callerState().subscribeUnlessDecided(IssueUserState.REASON_STATUS_CHANGE);
        }
    }

    private boolean applyIgnore(IssueUpdate update) {
        IssueUpdate.Ignore ignore = update.ignore();
        String substatus;
        if (update.substatus() != null && IGNORED_SUBSTATUSES.contains(update.substatus())) {
            substatus = update.substatus();
        } else if (ignore != null && ignore.untilEscalating()) {
            substatus = "archived_until_escalating";
        } else if (ignore != null && ignore.hasCondition()) {
            substatus = "archived_until_condition_met";
        } else {
            substatus = "archived_forever";
        }
        Instant until = ignore == null || ignore.duration() == null ? null
                : now.plus(Duration.ofMinutes(ignore.duration()));
        Integer count = ignore == null ? null : ignore.count();
        Integer window = ignore == null ? null : ignore.window();
        Integer userCount = ignore == null ? null : ignore.userCount();
        Integer userWindow = ignore == null ? null : ignore.userWindow();
        boolean changed = issue.ignore(substatus, until, count, window, userCount, userWindow, actor);
        if (changed) {
            JsonObjectBuilder data = Json.createObjectBuilder();
            nullable(data, "ignoreCount", issue.snoozeCount());
            nullable(data, "ignoreDuration", ignore == null ? null : ignore.duration());
            if (issue.snoozeUntil() != null) {
                data.add("ignoreUntil", Timestamps.format(issue.snoozeUntil()));
            } else {
                data.addNull("ignoreUntil");
            }
            nullable(data, "ignoreUserCount", issue.snoozeUserCount());
            nullable(data, "ignoreUserWindow", issue.snoozeUserWindow());
            nullable(data, "ignoreWindow", issue.snoozeWindow());
            data.add("ignoreUntilEscalating", "archived_until_escalating".equals(substatus));
            record(SET_IGNORED, data);
        }
        return changed;
    }

    private void applyAssignment() {
        if (assigneeUser != null) {
            if (issue.assignTo(assigneeUser)) {
                issueChanged = true;
                record(ASSIGNED, Json.createObjectBuilder().add("assignee", assigneeUser.id().toString())
                        .add("assigneeEmail", assigneeUser.email()).add("assigneeType", "user"));
                otherChanged |= state(assigneeUser.id()).subscribeUnlessDecided(IssueUserState.REASON_ASSIGNED);
            }
        } else if (assigneeTeam != null) {
            if (issue.assignTo(assigneeTeam)) {
                issueChanged = true;
                record(ASSIGNED, Json.createObjectBuilder().add("assignee", assigneeTeam.id().toString())
                        .addNull("assigneeEmail").add("assigneeType", "team"));
                for (User member : references.teamMembers(assigneeTeam)) {
                    otherChanged |= state(member.id()).subscribeUnlessDecided(IssueUserState.REASON_ASSIGNED);
                }
            }
        } else if (issue.unassign()) {
            issueChanged = true;
            record(UNASSIGNED, Json.createObjectBuilder());
        }
    }

    private void applySharing(boolean shared) {
        if (shared) {
            String shareId = HexFormat.of().formatHex(randomBytes());
            if (share == null) {
                share = new IssueShare(issue.id(), shareId, now);
                em.persist(share);
            } else {
                share.renew(shareId, now);
            }
            record(SET_PUBLIC, Json.createObjectBuilder());
            sharedChanged = true;
        } else if (share != null) {
            em.remove(share);
            share = null;
            record(SET_PRIVATE, Json.createObjectBuilder());
            sharedChanged = true;
        }
    }

    /**
     * Hands the changes to the persistence context; the caller flushes (once, for many issues). A
     * change of the issue is one version-checked UPDATE of its row, so a concurrent writer or a
     * stale {@code If-Match} fails at the flush instead of being overwritten. A change of the
     * share is everyone's view of the issue too: it bumps the version alone. The caller's own
     * seen/bookmark/subscription state is nobody else's, so it bumps the version only when the
     * update is conditional, to decide {@code If-Match} in that same UPDATE.
     */
    void stage() {
        states.values().forEach(state -> {
            if (em.contains(state) && state.empty()) {
                em.remove(state);
            } else if (!em.contains(state) && !state.empty()) {
                em.persist(state);
            }
        });
        if (!issueChanged && (sharedChanged || otherChanged && conditional)) {
            em.lock(issue, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        }
    }

    private IssueUserState callerState() {
        return state(actor.id());
    }

    /** The caller's row as the answer shows it: null when there is none. */
    IssueUserState callerStateForView() {
        IssueUserState state = states.get(actor.id());
        return state == null || state.empty() ? null : state;
    }

    private IssueUserState state(Long userId) {
        return states.computeIfAbsent(userId, id -> new IssueUserState(issue.id(), id));
    }

    private void recordIf(boolean changed, String type, JsonObjectBuilder data) {
        if (changed) {
            record(type, data);
        }
    }

    private void record(String type, JsonObjectBuilder data) {
        activities.record(issue.id(), issue.project().id(), actor, type, data.build(), now);
    }

    private InvalidUpdate commitError(String field, String message) {
        return new InvalidUpdate(Json.createObjectBuilder().add("statusDetails", Json.createObjectBuilder()
                .add("inCommit", Json.createObjectBuilder().add(field, Json.createArrayBuilder().add(message))))
                .build());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void nullable(JsonObjectBuilder data, String key, Integer value) {
        if (value == null) {
            data.addNull(key);
        } else {
            data.add(key, value);
        }
    }
}
