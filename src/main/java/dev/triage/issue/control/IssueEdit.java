package dev.triage.issue.control;

import dev.triage.activity.control.ActivityLog;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueUserState;
import dev.triage.issue.entity.Resolution;
import dev.triage.issue.entity.Snooze;
import dev.triage.issue.entity.Substatus;
import dev.triage.issue.entity.SubscriptionReason;
import dev.triage.issue.entity.IssueStatus;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Applies one update to one issue, its references already found: changes the issue and its rows
 * and writes Sentry's activity for each effective change. Afterwards it tells what changed, which
 * decides how the issue's version moves (see {@link IssueService}).
 */
final class IssueEdit {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What every issue of one update shares: who changes it, when, and where it is written down. */
    record Context(User actor, Instant now, ActivityLog activities, References.Memo references) {}

    private final Context context;
    private final Issue issue;
    private final IssueRows rows;
    private final UpdateReferences found;
    private boolean issueChanged;
    private boolean shareChanged;
    private boolean userRowsChanged;

    IssueEdit(Context context, Issue issue, IssueRows rows, UpdateReferences found) {
        this.context = context;
        this.issue = issue;
        this.rows = rows;
        this.found = found;
    }

    /** The issue's own row changed (its version goes up with it). */
    boolean issueChanged() {
        return issueChanged;
    }

    /** The public share changed: everyone's view of the issue. */
    boolean shareChanged() {
        return shareChanged;
    }

    /** A user's seen/bookmark/subscription row changed. */
    boolean userRowsChanged() {
        return userRowsChanged;
    }

    void apply(IssueUpdate update) {
        if (update.priority() != null) {
            if (issue.prioritize(update.priority(), context.now())) {
                record(ActivityLog.prioritized(update.priority()));
            }
            issueChanged = true;
        }
        if (update.status() != null) {
            applyStatus(update);
        }
        if (update.assigneeGiven()) {
            applyAssignment();
        }
        IssueUserState mine = update.hasSeen() != null || update.bookmarked() != null || update.subscribed() != null
                ? rows.of(context.actor().id()) : null;
        if (update.hasSeen() != null) {
            userRowsChanged |= mine.markSeen(update.hasSeen(), context.now());
        }
        if (update.bookmarked() != null) {
            userRowsChanged |= mine.bookmark(update.bookmarked(), context.now());
        }
        if (update.subscribed() != null) {
            userRowsChanged |= mine.subscribe(update.subscribed());
        }
        if (update.shared() != null) {
            applySharing(update.shared());
        }
    }

    private void applyStatus(IssueUpdate update) {
        IssueStatus target = update.status().target();
        boolean changed = switch (target) {
            case RESOLVED -> applyResolve(update);
            case UNRESOLVED -> {
                boolean unresolved = issue.unresolve(update.substatusFor(update.status()), context.now());
                recordIf(unresolved, ActivityLog.unresolved());
                yield unresolved;
            }
            case IGNORED -> applyIgnore(update);
        };
        issueChanged |= changed;
        // resolving subscribes the caller even when it changes nothing (Sentry's update.py,
        // self_subscribe_and_assign_issue); other statuses only when they change
        if (changed || target == IssueStatus.RESOLVED) {
            userRowsChanged |= rows.of(context.actor().id()).subscribeUnlessDecided(SubscriptionReason.CHANGED_STATUS);
        }
    }

    /**
     * Resolves the issue the requested way. As in Sentry's {@code process_group_resolution}, the
     * activity is written again when nothing changes, except for a resolution in a release (whose
     * resolution record already exists there, so Sentry writes nothing); listing folds the repeats.
     */
    private boolean applyResolve(IssueUpdate update) {
        boolean nextRelease = update.status() == UpdateStatus.RESOLVED_IN_NEXT_RELEASE
                || update.resolveIn() != null && update.resolveIn().nextRelease();
        User actor = context.actor();
        Instant now = context.now();
        Resolution how;
        ActivityLog.Entry entry;
        if (nextRelease && found.latest() != null) {
            how = Resolution.inNextRelease(found.latest(), actor, now);
            entry = ActivityLog.resolvedInRelease("");
        } else if (found.release() != null) {
            how = Resolution.inRelease(found.release(), actor, now);
            entry = ActivityLog.resolvedInRelease(found.release().version());
        } else if (found.commit() != null) {
            how = Resolution.inCommit(found.commit(), now);
            entry = ActivityLog.resolvedInCommit(found.commit().id());
        } else {
            how = Resolution.plain(now);
            entry = ActivityLog.resolved();
        }
        boolean changed = issue.resolve(how);
        if (changed || how.release() == null) {
            record(entry);
        }
        return changed;
    }

    private boolean applyIgnore(IssueUpdate update) {
        IgnoreConditions ignore = update.ignore();
        Substatus substatus = update.substatusFor(update.status());
        if (substatus == null) {
            if (ignore != null && ignore.untilEscalating()) {
                substatus = Substatus.ARCHIVED_UNTIL_ESCALATING;
            } else if (ignore != null && ignore.hasCondition()) {
                substatus = Substatus.ARCHIVED_UNTIL_CONDITION_MET;
            } else {
                substatus = Substatus.ARCHIVED_FOREVER;
            }
        }
        Snooze conditions = ignore == null ? null : Snooze.of(
                ignore.duration() == null ? null : context.now().plus(Duration.ofMinutes(ignore.duration())),
                ignore.count(), ignore.window(), ignore.userCount(), ignore.userWindow(), context.actor());
        if (!issue.ignore(substatus, conditions)) {
            return false;
        }
        Snooze kept = issue.snooze();
        record(kept == null
                ? ActivityLog.ignored(null, ignore == null ? null : ignore.duration(), null, null, null, null,
                        substatus == Substatus.ARCHIVED_UNTIL_ESCALATING)
                : ActivityLog.ignored(kept.count(), ignore.duration(), kept.until(), kept.userCount(),
                        kept.userWindow(), kept.window(), false));
        return true;
    }

    private void applyAssignment() {
        if (found.assigneeUser() != null) {
            User user = found.assigneeUser();
            if (issue.assignTo(user)) {
                issueChanged = true;
                record(ActivityLog.assigned(user.id(), user.email(), "user"));
                userRowsChanged |= rows.of(user.id()).subscribeUnlessDecided(SubscriptionReason.ASSIGNED);
            }
        } else if (found.assigneeTeam() != null) {
            if (issue.assignTo(found.assigneeTeam())) {
                issueChanged = true;
                record(ActivityLog.assigned(found.assigneeTeam().id(), null, "team"));
                for (User member : context.references().teamMembers(found.assigneeTeam())) {
                    userRowsChanged |= rows.of(member.id()).subscribeUnlessDecided(SubscriptionReason.ASSIGNED);
                }
            }
        } else if (issue.unassign()) {
            issueChanged = true;
            record(ActivityLog.unassigned());
        }
    }

    private void applySharing(boolean shared) {
        if (shared) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            rows.share(HexFormat.of().formatHex(bytes), context.now());
            record(ActivityLog.madePublic());
            shareChanged = true;
        } else if (rows.unshare()) {
            record(ActivityLog.madePrivate());
            shareChanged = true;
        }
    }

    private boolean recordIf(boolean changed, ActivityLog.Entry entry) {
        if (changed) {
            record(entry);
        }
        return changed;
    }

    private void record(ActivityLog.Entry entry) {
        context.activities().record(issue.id(), issue.project().id(), context.actor(), entry, context.now());
    }
}
